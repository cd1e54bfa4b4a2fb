package io.seq4j.core.backend;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ND4J's CPU op executioner with two fast paths; every other op runs as before. {@link #install()}
 * makes it ND4J's executioner ({@code Nd4j.getExecutioner()}).
 * <ul>
 *   <li>Matrix products ({@link Mmul}: {@code mmul}, {@code Nd4j.gemm}, {@code Nd4j.matmul}, every DL4J
 *       layer's forward and backward GEMMs) go to {@link OnednnGemm} where it takes them.</li>
 *   <li>Updater ops (Adam and the others in {@code org.nd4j.linalg.api.ops.impl.updaters}, element-wise
 *       over the gradient and its state) get flat c-order views of their vectors: DL4J hands them
 *       [1, n] views of its 'f'-ordered flattened gradient and state, on which libnd4j's Adam takes a
 *       slow path (13.7 ms for 2.15M parameters against 2.5 ms on the same memory viewed flat).</li>
 * </ul>
 */
final class RoutingExecutioner extends NativeOpExecutioner {
    private static final String UPDATERS = "org.nd4j.linalg.api.ops.impl.updaters";
    private static final AtomicLong ROUTED = new AtomicLong(), FLATTENED = new AtomicLong();

    /** How many products oneDNN has computed in this JVM (for tests and diagnostics). */
    static long routedProducts() {
        return ROUTED.get();
    }

    /** How many updater ops ran on flat views in this JVM (for tests and diagnostics). */
    static long flattenedUpdates() {
        return FLATTENED.get();
    }

    @Override
    public INDArray[] exec(CustomOp op) {
        if (op instanceof DynamicCustomOp d && UPDATERS.equals(op.getClass().getPackageName())) {
            flatten(d);
        }
        if (op instanceof Mmul && op.numInputArguments() == 2 && op.numOutputArguments() <= 1) {
            long[] i = op.iArgs();
            double[] t = op.tArgs();
            boolean transA = i.length > 0 && i[0] != 0, transB = i.length > 1 && i[1] != 0, transResult = i.length > 2 && i[2] != 0;
            INDArray a = op.getInputArgument(0), b = op.getInputArgument(1);
            INDArray given = op.numOutputArguments() == 1 ? op.getOutputArgument(0) : null;    // Nd4j.matmul passes none
            INDArray c = given != null ? given : resultFor(a, transA, b, transB);
            if (!transResult && c != null && OnednnGemm.gemm(a, transA, b, transB, c, t.length > 0 ? t[0] : 1.0,
                    given != null && t.length > 1 ? t[1] : 0.0)) {
                if (given == null) ((Mmul) op).setOutputArgument(0, c);
                ROUTED.incrementAndGet();
                return new INDArray[]{c};
            }
        }
        return super.exec(op);
    }

    /** Replaces every argument of an element-wise op by a flat view when all are contiguous vectors of one length. */
    private static void flatten(DynamicCustomOp op) {
        INDArray[] in = op.inputArguments().toArray(new INDArray[0]), out = op.outputArguments().toArray(new INDArray[0]);
        long n = in.length > 0 ? in[0].length() : -1;
        for (INDArray[] args : new INDArray[][]{in, out}) {
            for (INDArray a : args) {
                if (a == null || a.length() != n || a.rank() == 1 || !contiguousVector(a)) return;
            }
        }
        for (int i = 0; i < in.length; i++) op.setInputArgument(i, in[i].reshape('c', new long[]{n}));
        for (int i = 0; i < out.length; i++) op.setOutputArgument(i, out[i].reshape('c', new long[]{n}));
        FLATTENED.incrementAndGet();
    }

    /** A vector (all dimensions but at most one of size 1) whose elements are adjacent in memory. */
    private static boolean contiguousVector(INDArray a) {
        int spread = 0;
        for (int d = 0; d < a.rank(); d++) {
            if (a.size(d) == 1) continue;
            if (++spread > 1 || a.stride(d) != 1) return false;
        }
        return true;
    }

    /** A new c-order FP32 result for op(a) x op(b), rank 2 or 3 with equal batches; null for anything else. */
    private static INDArray resultFor(INDArray a, boolean transA, INDArray b, boolean transB) {
        int r = a.rank();
        if (a.dataType() != DataType.FLOAT || b.dataType() != DataType.FLOAT || r != b.rank() || (r != 2 && r != 3)
                || (r == 3 && a.size(0) != b.size(0))) {
            return null;
        }
        long m = a.size(transA ? r - 1 : r - 2), n = b.size(transB ? r - 2 : r - 1);
        return Nd4j.createUninitialized(DataType.FLOAT, r == 2 ? new long[]{m, n} : new long[]{a.size(0), m, n}, 'c');
    }

    /** Replaces ND4J's CPU executioner with this one (once; later calls do nothing). */
    static synchronized void install() {
        if (Nd4j.getExecutioner() instanceof RoutingExecutioner) {
            return;
        }
        if (Nd4j.getExecutioner().getClass() != NativeOpExecutioner.class) {
            throw new IllegalStateException("ND4J's executioner is " + Nd4j.getExecutioner().getClass().getName()
                    + ", not the CPU backend's own: oneDNN GEMM routing not installed");
        }
        try {
            RoutingExecutioner routed = new RoutingExecutioner();
            routed.setProfilingMode(Nd4j.getExecutioner().getProfilingMode());
            Field f = Nd4j.class.getDeclaredField("OP_EXECUTIONER_INSTANCE");
            f.setAccessible(true);
            f.set(null, routed);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot install oneDNN GEMM routing into ND4J", e);
        }
    }
}
