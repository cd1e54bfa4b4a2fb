package io.seq4j.core.nn;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * Conversions between DL4J's layouts and {@link DnnlRnnKernel}'s: sequences NCW {@code [N, C, T]}
 * vs {@code [N, T, C]} (oneDNN's ntc), and gate blocks of {@code [rows, G*H]} parameter matrices, where oneDNN's
 * block k is the layer's block {@code perm[k]}.
 */
final class DnnlLayouts {
    /** GRU: oneDNN (u, r, o) from seq4j's (r, z, n). */
    static final int[] GRU_GATES = {1, 0, 2};
    /** LSTM: oneDNN (i, f, c~, o) from DL4J's LSTM parameter blocks. */
    static final int[] LSTM_GATES = {3, 1, 0, 2};

    private DnnlLayouts() {
    }

    /** [N, C, T] (any strides, any workspace) -> c-order [N, T, C] {@code out}, by a oneDNN reorder. */
    static void toNtc(INDArray ncw, INDArray out) {
        copy(ncw, out.permute(0, 2, 1));
    }

    /** c-order [N, T, C] -> writes into an [N, C, T] array (any strides), by a oneDNN reorder. */
    static void fromNtc(INDArray ntc, INDArray ncw) {
        copy(ntc.permute(0, 2, 1), ncw);
    }

    /**
     * {@code dst.assign(src)} for two arrays of one shape (rank 2 or 3 take the fast path), with any positive strides and
     * offsets (views included): a oneDNN reorder for FP32 when oneDNN is on (multithreaded, no
     * temporary; ND4J's assign between differently strided arrays is several times slower), ND4J's
     * assign otherwise.
     */
    static void copy(INDArray src, INDArray dst) {
        if (!java.util.Arrays.equals(src.shape(), dst.shape())) {
            throw new IllegalArgumentException("copy between shapes " + java.util.Arrays.toString(src.shape())
                    + " and " + java.util.Arrays.toString(dst.shape()));
        }
        if ((src.rank() == 2 || src.rank() == 3) && src.dataType() == DataType.FLOAT && dst.dataType() == DataType.FLOAT
                && RecurrentKernels.onednn() && positiveStrides(src) && positiveStrides(dst)) {
            StridedCopy.of(src.shape(), src.stride(), dst.stride()).run(src, dst);
        } else {
            dst.assign(src);
        }
    }

    private static boolean positiveStrides(INDArray a) {
        for (int d = 0; d < a.rank(); d++) {
            if (a.size(d) > 1 && a.stride(d) <= 0) {
                return false;
            }
        }
        return true;
    }

    /** Layer output [N, H, T] ('f', ACTIVATIONS workspace) from y [N, T, H], zero on masked steps. */
    static INDArray activations(INDArray yNtc, INDArray mask, LayerWorkspaceMgr ws) {
        INDArray out = ws.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, new long[]{yNtc.size(0), yNtc.size(2), yNtc.size(1)}, 'f');
        fromNtc(yNtc, out);
        return masked(out, mask);
    }

    /** Gradient for the layer below, [N, C, T] ('f', ACTIVATION_GRAD workspace), from dx [N, T, C]. */
    static INDArray inputGradient(INDArray dxNtc, LayerWorkspaceMgr ws) {
        INDArray out = ws.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, new long[]{dxNtc.size(0), dxNtc.size(2), dxNtc.size(1)}, 'f');
        fromNtc(dxNtc, out);
        return out;
    }

    /** {@code a} [N, X, T] times the [N, T] mask, in place (null mask: unchanged). */
    static INDArray masked(INDArray a, INDArray mask) {
        if (mask != null) {
            Nd4j.getExecutioner().exec(new BroadcastMulOp(a, mask.castTo(a.dataType()), a, 0, 2));
        }
        return a;
    }

    /** No mask, or every row of the [batch, T] mask is ones then zeros: where oneDNN's left-to-right pass is exact. */
    static boolean endPadded(INDArray mask) {
        if (mask == null || mask.size(1) < 2) {
            return true;
        }
        mask = mask.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);      // a MergeVertex passes BOOL masks on
        long t = mask.size(1);
        INDArray next = mask.get(all(), interval(1, t)), prev = mask.get(all(), interval(0, t - 1));
        return next.sub(prev).maxNumber().doubleValue() <= 0;
    }

    /**
     * A rank-2 or rank-3 FP32 copy between two stride patterns as a oneDNN reorder. One cached primitive per
     * shape and strides (at most 128); streams and memory objects are per thread.
     */
    private static final class StridedCopy {
        private final org.bytedeco.dnnl.reorder reorder;
        /** Per thread: the two memory objects, re-pointed on each call (creating them costs more than a small copy). */
        private final ThreadLocal<org.bytedeco.dnnl.memory[]> memories;

        private StridedCopy(org.bytedeco.dnnl.memory.desc from, org.bytedeco.dnnl.memory.desc to) {
            this.reorder = new org.bytedeco.dnnl.reorder(memory(from), memory(to));
            this.memories = ThreadLocal.withInitial(() -> new org.bytedeco.dnnl.memory[]{memory(from), memory(to)});
        }

        private static org.bytedeco.dnnl.memory memory(org.bytedeco.dnnl.memory.desc d) {
            return new org.bytedeco.dnnl.memory(d, DnnlRnnKernel.ENGINE, (org.bytedeco.javacpp.Pointer) null);
        }

        /** Bounded: with length bucketing a long run sees many (N, T) pairs. */
        private static final java.util.Map<String, StridedCopy> CACHE = java.util.Collections.synchronizedMap(
                new java.util.LinkedHashMap<>(64, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(java.util.Map.Entry<String, StridedCopy> e) {
                        return size() > 128;
                    }
                });
        private static final ThreadLocal<org.bytedeco.dnnl.stream> STREAM =
                ThreadLocal.withInitial(() -> new org.bytedeco.dnnl.stream(DnnlRnnKernel.ENGINE));

        static StridedCopy of(long[] shape, long[] from, long[] to) {
            String key = java.util.Arrays.toString(shape) + java.util.Arrays.toString(from) + java.util.Arrays.toString(to);
            return CACHE.computeIfAbsent(key, k -> {
                var f32 = org.bytedeco.dnnl.memory.data_type.f32;
                return new StridedCopy(new org.bytedeco.dnnl.memory.desc(shape, f32, from),
                        new org.bytedeco.dnnl.memory.desc(shape, f32, to));
            });
        }

        void run(INDArray src, INDArray dst) {
            var s = STREAM.get();
            org.bytedeco.dnnl.memory[] m = memories.get();
            m[0].set_data_handle(address(src));
            m[1].set_data_handle(address(dst));
            reorder.execute(s, m[0], m[1]);
            s._wait();
        }

        /** The address of the array's first element (for a view, ND4J's data() already starts at its offset). */
        private static org.bytedeco.javacpp.Pointer address(INDArray a) {
            return a.data().addressPointer();
        }
    }

    /** Copies {@code m} [rows, G*H] into {@code out} with gate blocks in oneDNN order. */
    static void gather(INDArray m, int[] perm, long h, INDArray out) {
        INDArray m2 = m.rank() == 1 ? m.reshape(1, m.length()) : m;
        INDArray o2 = out.rank() == 1 ? out.reshape(1, out.length()) : out;
        for (int k = 0; k < perm.length; k++) {
            copy(m2.get(all(), interval(perm[k] * h, (perm[k] + 1) * h)), o2.get(all(), interval(k * h, (k + 1) * h)));
        }
    }

    /** Inverse of {@link #gather}: writes oneDNN-ordered {@code d} into the layer-ordered {@code target}. */
    static void scatter(INDArray d, int[] perm, long h, INDArray target) {
        INDArray d2 = d.rank() == 1 ? d.reshape(1, d.length()) : d;
        INDArray t2 = target.rank() == 1 ? target.reshape(1, target.length()) : target;
        for (int k = 0; k < perm.length; k++) {
            copy(d2.get(all(), interval(k * h, (k + 1) * h)), t2.get(all(), interval(perm[k] * h, (perm[k] + 1) * h)));
        }
    }
}
