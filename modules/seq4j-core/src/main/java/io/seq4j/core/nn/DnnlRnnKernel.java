package io.seq4j.core.nn;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.lbr_gru_backward;
import org.bytedeco.dnnl.lbr_gru_forward;
import org.bytedeco.dnnl.lstm_backward;
import org.bytedeco.dnnl.lstm_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.rnn_primitive_desc_base;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.vanilla_rnn_backward;
import org.bytedeco.dnnl.vanilla_rnn_forward;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST_ITER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST_ITER_C;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST_LAYER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC_LAYER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS_ITER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS_LAYER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST_ITER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST_ITER_C;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST_LAYER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_ITER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_ITER_C;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_LAYER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS_ITER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS_LAYER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCRATCHPAD;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;

/**
 * One recurrent layer on oneDNN's fused RNN primitives, FP32, left to right (or both directions:
 * {@link #bidirectional}):
 * forward_inference (optionally from and to a state, for rnnTimeStep), forward_training and
 * backward (from a zero state). Layers adapt their own parameter layout to oneDNN's.
 *
 * <p>Layouts (detached ND4J buffers, reused between calls): x {@code [N, T, C]},
 * y {@code [N, T, H]} (views of buffers in oneDNN's {@code ntc} or {@code tnc}, {@link #timeMajor};
 * callers pass NCW {@code [N, C, T]} and copy out with strided copies); all others c-order: weights {@code wl [C, G*H]}, {@code wi [H, G*H]} (ldigo, oneDNN's gate
 * order: LSTM i, f, c~, o; GRU u, r, o); bias {@code [Gb*H]} (ldgo; lbr-GRU has a 4th block, the
 * recurrent bias of o); states {@code [N, H]}. Primitives are cached per (T, N, with state), at most
 * {@value #MAX_SHAPES}; host buffers and the training workspace are shared by all shapes (only one
 * pass is live at a time), so memory follows the largest batch, not the number of lengths seen.
 */
final class DnnlRnnKernel {
    /** The fused cells used by seq4j's layers. */
    enum Cell {
        LSTM(4, 4), LBR_GRU(3, 4), VANILLA_TANH(1, 1);
        final int gates, biases;

        Cell(int gates, int biases) {
            this.gates = gates;
            this.biases = biases;
        }
    }

    /** Parameters in oneDNN's layout and gate order: wl [C, G*H], wi [H, G*H], bias [Gb*H]. */
    record Weights(INDArray wl, INDArray wi, INDArray bias) {
        /** Direction k's blocks (views) of a {@link #bidirectional} kernel's weights. */
        Weights direction(int k) {
            return new Weights(half(wl, k), half(wi, k), half(bias, k));
        }
    }

    /** Rows k of 2 of a matrix, or elements k of 2 of a vector (a view). */
    private static INDArray half(INDArray a, int k) {
        long n = a.size(0) / 2;
        org.nd4j.linalg.indexing.INDArrayIndex rows = org.nd4j.linalg.indexing.NDArrayIndex.interval(k * n, (k + 1) * n);
        return a.rank() == 1 ? a.get(rows) : a.get(rows, org.nd4j.linalg.indexing.NDArrayIndex.all());
    }

    /** Results of {@link #backward}: dx [N, T, C] and the parameter gradients in oneDNN's layout. */
    record Gradients(INDArray dx, INDArray dwl, INDArray dwi, INDArray db) {
        /** Direction k's parameter-gradient blocks (views) of a {@link #bidirectional} kernel's gradients (dx is both directions' sum). */
        Gradients direction(int k) {
            return new Gradients(dx, half(dwl, k), half(dwi, k), half(db, k));
        }
    }

    private static final int MAX_SHAPES = 8;
    static final engine ENGINE = new engine(engine.kind.cpu, 0);
    /**
     * Primitives use a scratchpad the kernel owns (DNNL_ARG_SCRATCHPAD, one host buffer shared by all
     * shapes like the workspace): with oneDNN's default library scratchpad, a primitive keeps using
     * the global scratchpad of the thread that created it, which is freed when that thread ends, so a
     * model trained or first run on a thread that has gone (a pool thread of a server) crashed on its
     * next run (SIGSEGV in libdnnl). (A scratchpad allocated per primitive instead leaked native
     * memory with every evicted shape until a GC: an 8-epoch IMDB run failed in its last epoch.)
     */
    private static final primitive_attr USER_SCRATCHPAD = userScratchpad();

    private static primitive_attr userScratchpad() {
        primitive_attr a = new primitive_attr();
        a.set_scratchpad_mode(dnnl.scratchpad_mode.user);
        return a;
    }

    private final Cell cell;
    private final long c, h;
    /** Directions: 1, or 2 for {@link #bidirectional}. */
    private final int d;
    private final dnnl.rnn_direction direction;
    /** src/dst in oneDNN's time-major {@code tnc} rather than batch-major {@code ntc}: see {@link #timeMajor(Cell, int)}. */
    private final boolean timeMajor;
    private final stream stream = new stream(ENGINE);
    private final Map<String, Shape> shapes = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Shape> e) {
            if (size() <= MAX_SHAPES) return false;
            if (e.getValue() != trained) e.getValue().free();      // the trained shape's arrays are still bound for backward
            return true;
        }
    };
    // the last forward_training (its shape holds x, y and the workspace) and the arrays bound to it
    private Shape trained;
    private INDArray trainedSource, trainedHT, trainedCT;
    private Weights trainedWeights, weights;

    DnnlRnnKernel(Cell cell, long c, long h) {
        this(cell, c, h, 1);
    }

    private DnnlRnnKernel(Cell cell, long c, long h, int directions) {
        this.cell = cell;
        this.c = c;
        this.h = h;
        this.d = directions;
        this.direction = directions == 1 ? dnnl.rnn_direction.unidirectional_left2right : dnnl.rnn_direction.bidirectional_concat;
        this.timeMajor = timeMajor(cell, directions);
    }

    /**
     * The src/dst layout per cell and direction count. oneDNN's backward is faster with time-major
     * {@code tnc} (its C++ LSTM: 15.9 vs 18.5 ms, bidirectional 33.9 vs 38.8 ms here; seq4j's
     * bidirectional LSTM 37.8 vs 43.6 ms, GRU 15.0 vs 16.1 ms), but with tnc
     * oneDNN 2.5.2 and 2.6.3 compute a wrong weights_iter gradient for a unidirectional LSTM or
     * vanilla RNN (e.g. 0.0020 vs 0.0002 by finite differences; bench/native/dnnl_lstm_gradcheck.cpp
     * shows it in C++). Those use {@code ntc}; the lbr-GRU and both bidirectional cells are right
     * with tnc. DnnlRnnKernelTest checks every combination against finite differences.
     */
    static boolean timeMajor(Cell cell, int directions) {
        return directions == 2 || cell == Cell.LBR_GRU;
    }

    /**
     * Both directions in one primitive (oneDNN's bidirectional_concat: the right-to-left direction
     * reverses the whole array, so only for batches without padding): y {@code [N, T, 2H]} (left
     * to right, then right to left), weights and gradients with the two directions' blocks one
     * after the other ({@code wl [2C, G*H]}, {@code wi [2H, G*H]}, {@code bias [2*Gb*H]}), dx the
     * sum of both directions'. Training and inference from a zero state only.
     */
    static DnnlRnnKernel bidirectional(Cell cell, long c, long h) {
        return new DnnlRnnKernel(cell, c, h, 2);
    }

    /** Primitives and oneDNN memories of one shape; data handles are bound per call. */
    private final class Shape {
        final memory x, y, wl, wi, b, h0, c0, hT, cT;
        final memory wlInf, wiInf;
        final reorder rWlInf, rWiInf;
        final primitive inference;
        final IntMemoryMap infArgs = new IntMemoryMap();
        // training only (null with state)
        memory dx, dy, dwl, dwi, db, dhT, dcT, wlFwd, wiFwd, wlBwd, wiBwd, dwlBwd, dwiBwd, ws;
        reorder rWlFwd, rWiFwd, rWlBwd, rWiBwd, rDwl, rDwi;
        primitive training, backward;
        final IntMemoryMap fwdArgs = new IntMemoryMap(), bwdArgs = new IntMemoryMap();
        final long t, n;
        long wsBytes;
        // scratchpads (data handle: the kernel's shared scratch buffer, bound before each execute)
        memory spInf, spFwd, spBwd;
        long spInfBytes, spFwdBytes, spBwdBytes;

        Shape(long t, long n, boolean withState) {
            this.t = t;
            this.n = n;
            memory.data_type f32 = memory.data_type.f32;
            memory.format_tag seq = timeMajor ? memory.format_tag.tnc : memory.format_tag.ntc;
            memory.desc src = new memory.desc(new long[]{t, n, c}, f32, seq);
            memory.desc dst = new memory.desc(new long[]{t, n, d * h}, f32, seq);
            memory.desc wlUser = new memory.desc(new long[]{1, d, c, cell.gates, h}, f32, memory.format_tag.ldigo);
            memory.desc wiUser = new memory.desc(new long[]{1, d, h, cell.gates, h}, f32, memory.format_tag.ldigo);
            memory.desc bias = new memory.desc(new long[]{1, d, cell.biases, h}, f32, memory.format_tag.ldgo);
            memory.desc wlAny = new memory.desc(new long[]{1, d, c, cell.gates, h}, f32, memory.format_tag.any);
            memory.desc wiAny = new memory.desc(new long[]{1, d, h, cell.gates, h}, f32, memory.format_tag.any);
            memory.desc state = new memory.desc(new long[]{1, d, n, h}, f32, memory.format_tag.ldnc);
            memory.desc none = new memory.desc();
            memory.desc st = withState ? state : none;
            memory.desc stC = withState && cell == Cell.LSTM ? state : none;
            x = user(src);
            y = user(dst);
            wl = user(wlUser);
            wi = user(wiUser);
            b = user(bias);
            h0 = user(state);
            c0 = user(state);
            hT = user(state);
            cT = user(state);

            rnn_primitive_desc_base infPd = forwardPd(dnnl.prop_kind.forward_inference, src, st, stC, wlAny, wiAny, bias, dst, st, stC);
            inference = forwardPrimitive(infPd);
            spInf = new memory(infPd.scratchpad_desc(), ENGINE, (Pointer) null);
            spInfBytes = infPd.scratchpad_desc().get_size();
            infArgs.put(DNNL_ARG_SCRATCHPAD, spInf);
            wlInf = internal(infPd.weights_layer_desc(), wlUser, wl);
            wiInf = internal(infPd.weights_iter_desc(), wiUser, wi);
            rWlInf = wlInf == wl ? null : new reorder(wl, wlInf);
            rWiInf = wiInf == wi ? null : new reorder(wi, wiInf);
            infArgs.put(DNNL_ARG_SRC_LAYER, x).put(DNNL_ARG_WEIGHTS_LAYER, wlInf).put(DNNL_ARG_WEIGHTS_ITER, wiInf)
                    .put(DNNL_ARG_BIAS, b).put(DNNL_ARG_DST_LAYER, y);
            if (withState) {
                infArgs.put(DNNL_ARG_SRC_ITER, h0).put(DNNL_ARG_DST_ITER, hT);
                if (cell == Cell.LSTM) {
                    infArgs.put(DNNL_ARG_SRC_ITER_C, c0).put(DNNL_ARG_DST_ITER_C, cT);
                }
                return;
            }

            // training keeps the final state (dst_iter) for truncated BPTT; its gradient input is zero
            memory.desc stT = state, stTC = cell == Cell.LSTM ? state : none;
            rnn_primitive_desc_base fwdPd = forwardPd(dnnl.prop_kind.forward_training, src, none, none, wlAny, wiAny, bias, dst,
                    stT, stTC);
            rnn_primitive_desc_base bwdPd;
            training = forwardPrimitive(fwdPd);
            spFwd = new memory(fwdPd.scratchpad_desc(), ENGINE, (Pointer) null);
            spFwdBytes = fwdPd.scratchpad_desc().get_size();
            fwdArgs.put(DNNL_ARG_SCRATCHPAD, spFwd);
            switch (cell) {
                case LSTM -> {
                    bwdPd = new lstm_backward.primitive_desc(new lstm_backward.desc(dnnl.prop_kind.backward, direction,
                            src, none, none, wlAny, wiAny, bias, dst, stT, stTC,
                            src, none, none, wlAny, wiAny, bias, dst, stT, stTC), USER_SCRATCHPAD, ENGINE, (lstm_forward.primitive_desc) fwdPd);
                    backward = new lstm_backward((lstm_backward.primitive_desc) bwdPd);
                }
                case LBR_GRU -> {
                    bwdPd = new lbr_gru_backward.primitive_desc(new lbr_gru_backward.desc(dnnl.prop_kind.backward, direction,
                            src, none, wlAny, wiAny, bias, dst, stT, src, none, wlAny, wiAny, bias, dst, stT), USER_SCRATCHPAD, ENGINE,
                            (lbr_gru_forward.primitive_desc) fwdPd);
                    backward = new lbr_gru_backward((lbr_gru_backward.primitive_desc) bwdPd);
                }
                default -> {
                    bwdPd = new vanilla_rnn_backward.primitive_desc(new vanilla_rnn_backward.desc(dnnl.prop_kind.backward,
                            dnnl.algorithm.eltwise_tanh, direction, src, none, wlAny, wiAny, bias, dst, stT,
                            src, none, wlAny, wiAny, bias, dst, stT), USER_SCRATCHPAD, ENGINE, (vanilla_rnn_forward.primitive_desc) fwdPd);
                    backward = new vanilla_rnn_backward((vanilla_rnn_backward.primitive_desc) bwdPd);
                }
            }
            spBwd = new memory(bwdPd.scratchpad_desc(), ENGINE, (Pointer) null);
            spBwdBytes = bwdPd.scratchpad_desc().get_size();
            bwdArgs.put(DNNL_ARG_SCRATCHPAD, spBwd);
            if (!bwdPd.diff_bias_desc().equals(bias)) {
                throw new IllegalStateException("oneDNN chose an unexpected bias-gradient layout");
            }
            ws = new memory(fwdPd.workspace_desc(), ENGINE, (Pointer) null);
            wsBytes = fwdPd.workspace_desc().get_size();
            dx = user(src);
            dy = user(dst);
            dwl = user(wlUser);
            dwi = user(wiUser);
            db = user(bias);
            wlFwd = internal(fwdPd.weights_layer_desc(), wlUser, wl);
            wiFwd = internal(fwdPd.weights_iter_desc(), wiUser, wi);
            wlBwd = internal(bwdPd.weights_layer_desc(), wlUser, wl);
            wiBwd = internal(bwdPd.weights_iter_desc(), wiUser, wi);
            dwlBwd = internal(bwdPd.diff_weights_layer_desc(), wlUser, dwl);
            dwiBwd = internal(bwdPd.diff_weights_iter_desc(), wiUser, dwi);
            rWlFwd = wlFwd == wl ? null : new reorder(wl, wlFwd);
            rWiFwd = wiFwd == wi ? null : new reorder(wi, wiFwd);
            rWlBwd = wlBwd == wl ? null : new reorder(wl, wlBwd);
            rWiBwd = wiBwd == wi ? null : new reorder(wi, wiBwd);
            rDwl = dwlBwd == dwl ? null : new reorder(dwlBwd, dwl);
            rDwi = dwiBwd == dwi ? null : new reorder(dwiBwd, dwi);
            dhT = new memory(state, ENGINE);
            dcT = new memory(state, ENGINE);
            zero(dhT);
            zero(dcT);
            fwdArgs.put(DNNL_ARG_SRC_LAYER, x).put(DNNL_ARG_WEIGHTS_LAYER, wlFwd).put(DNNL_ARG_WEIGHTS_ITER, wiFwd)
                    .put(DNNL_ARG_BIAS, b).put(DNNL_ARG_DST_LAYER, y).put(DNNL_ARG_WORKSPACE, ws).put(DNNL_ARG_DST_ITER, hT);
            bwdArgs.put(DNNL_ARG_DST_ITER, hT).put(DNNL_ARG_DIFF_DST_ITER, dhT);
            if (cell == Cell.LSTM) {
                fwdArgs.put(DNNL_ARG_DST_ITER_C, cT);
                bwdArgs.put(DNNL_ARG_DST_ITER_C, cT).put(DNNL_ARG_DIFF_DST_ITER_C, dcT);
            }
            bwdArgs.put(DNNL_ARG_SRC_LAYER, x).put(DNNL_ARG_WEIGHTS_LAYER, wlBwd).put(DNNL_ARG_WEIGHTS_ITER, wiBwd)
                    .put(DNNL_ARG_BIAS, b).put(DNNL_ARG_DST_LAYER, y).put(DNNL_ARG_WORKSPACE, ws)
                    .put(DNNL_ARG_DIFF_SRC_LAYER, dx).put(DNNL_ARG_DIFF_WEIGHTS_LAYER, dwlBwd)
                    .put(DNNL_ARG_DIFF_WEIGHTS_ITER, dwiBwd).put(DNNL_ARG_DIFF_BIAS, db).put(DNNL_ARG_DIFF_DST_LAYER, dy);
        }

        /**
         * Frees this shape's oneDNN objects now (argument maps, primitives, reorders, memories and the
         * weight copies in the primitives' layouts, up to tens of MB per shape). Without it an evicted
         * shape lived until a GC ran its JavaCPP deallocators: with batches of many lengths (translation,
         * IMDB) the process grew by gigabytes per epoch.
         */
        void free() {
            for (Pointer p : new Pointer[]{infArgs, fwdArgs, bwdArgs, inference, training, backward, rWlInf, rWiInf, rWlFwd, rWiFwd,
                    rWlBwd, rWiBwd, rDwl, rDwi, x, y, wl, wi, b, h0, c0, hT, cT, wlInf, wiInf, dx, dy, dwl, dwi, db, dhT, dcT,
                    wlFwd, wiFwd, wlBwd, wiBwd, dwlBwd, dwiBwd, ws, spInf, spFwd, spBwd}) {
                if (p != null) p.deallocate();          // a second deallocate of a shared memory is a no-op
            }
        }
    }

    private rnn_primitive_desc_base forwardPd(dnnl.prop_kind prop, memory.desc src, memory.desc st, memory.desc stC,
                                              memory.desc wl, memory.desc wi, memory.desc bias, memory.desc dst,
                                              memory.desc stOut, memory.desc stOutC) {
        return switch (cell) {
            case LSTM -> new lstm_forward.primitive_desc(new lstm_forward.desc(prop, direction, src, st, stC, wl, wi, bias, dst, stOut, stOutC), USER_SCRATCHPAD, ENGINE);
            case LBR_GRU -> new lbr_gru_forward.primitive_desc(new lbr_gru_forward.desc(prop, direction, src, st, wl, wi, bias, dst, stOut), USER_SCRATCHPAD, ENGINE);
            case VANILLA_TANH -> new vanilla_rnn_forward.primitive_desc(new vanilla_rnn_forward.desc(prop, dnnl.algorithm.eltwise_tanh,
                    direction, src, st, wl, wi, bias, dst, stOut), USER_SCRATCHPAD, ENGINE);
        };
    }

    private primitive forwardPrimitive(rnn_primitive_desc_base pd) {
        return switch (cell) {
            case LSTM -> new lstm_forward((lstm_forward.primitive_desc) pd);
            case LBR_GRU -> new lbr_gru_forward((lbr_gru_forward.primitive_desc) pd);
            case VANILLA_TANH -> new vanilla_rnn_forward((vanilla_rnn_forward.primitive_desc) pd);
        };
    }

    private static memory user(memory.desc d) {
        return new memory(d, ENGINE, (Pointer) null);
    }

    /** The primitive's own memory when it wants another layout than the user's, else the user memory. */
    private static memory internal(memory.desc wanted, memory.desc userDesc, memory user) {
        return wanted.equals(userDesc) ? user : new memory(wanted, ENGINE);
    }

    // Host buffers shared by all shapes, grown on demand (only one pass is live at a time): x [N, T, C],
    // y [N, T, H] and their gradients, the parameter gradients, and forward_training's workspace.
    private final Map<String, INDArray> areas = new java.util.HashMap<>();
    private org.bytedeco.javacpp.BytePointer workspace;
    private INDArray dwlBuf, dwiBuf, dbBuf;

    /** A c-order view of the named shared buffer with this shape (contents undefined). */
    private INDArray area(String name, long... shape) {
        long length = 1;
        for (long d : shape) {
            length *= d;
        }
        INDArray flat = areas.get(name);
        if (flat == null || flat.length() < length) {
            flat = buffer(length);
            areas.put(name, flat);
        }
        return flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, length)).reshape('c', shape);
    }

    private org.bytedeco.javacpp.BytePointer scratch;

    /** Binds the shared scratch buffer (grown to {@code bytes} if needed) to a primitive's scratchpad memory. */
    private void bindScratchpad(memory m, long bytes) {
        if (scratch == null || scratch.capacity() < bytes) {
            if (scratch != null) {
                scratch.deallocate();
            }
            scratch = new org.bytedeco.javacpp.BytePointer(Math.max(bytes, 64));
        }
        m.set_data_handle(scratch);
    }

    private void bindWorkspace(Shape s) {
        if (workspace == null || workspace.capacity() < s.wsBytes) {
            if (workspace != null) {
                workspace.deallocate();
            }
            workspace = new org.bytedeco.javacpp.BytePointer(s.wsBytes);
        }
        s.ws.set_data_handle(workspace);
    }

    /**
     * The named shared buffer for a sequence array (x, y, dx, dy) of shape s, as an {@code [N, T, width]}
     * view: c-order itself when batch-major, a permuted view of a c-order {@code [T, N, width]} buffer
     * when time-major (callers copy through it with strided copies; {@link #seqPointer} binds it).
     */
    private INDArray sequence(String name, Shape s, long width) {
        return timeMajor ? area(name, s.t, s.n, width).permute(1, 0, 2) : area(name, s.n, s.t, width);
    }

    /** The buffer address of a {@link #sequence} view. */
    private Pointer seqPointer(INDArray seq) {
        return pointer(timeMajor ? seq.permute(1, 0, 2) : seq);
    }

    private Shape shape(long t, long n, boolean withState) {
        return shapes.computeIfAbsent(t + "x" + n + (withState ? "s" : ""), k -> new Shape(t, n, withState));
    }

    /** A detached, uninitialised c-order FP32 buffer. */
    static INDArray buffer(long... shape) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        }
    }

    /**
     * A [N, H] starting state for oneDNN (read only): {@code state} itself when it is a c-contiguous
     * FP32 array, else a copy; zeros (this kernel's, reused) when it is null (no state carried yet).
     */
    INDArray startState(INDArray state, long n) {
        if (state == null) {
            if (zeroState == null || zeroState.size(0) < n) {
                zeroState = buffer(n, h).assign(0);
            }
            return zeroState.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n), org.nd4j.linalg.indexing.NDArrayIndex.all());
        }
        if (state.dataType() == DataType.FLOAT && cContiguous(state)) {
            return state;
        }
        return buffer(n, h).assign(state);
    }

    private INDArray zeroState;

    /**
     * Inference from NCW input {@code [N, C, T]}: returns y {@code [N, T, H]} (a buffer reused by the
     * next call with this shape). With {@code h0} (and {@code c0} for LSTM; [N, H], null = zero
     * state) the pass starts from that state and writes the final state into {@code hT} / {@code cT}
     * ([N, H] c-order, written only when h0 is given).
     */
    INDArray infer(INDArray ncw, Weights w, INDArray h0, INDArray c0, INDArray hT, INDArray cT) {
        boolean withState = h0 != null;
        if (withState && d != 1) {
            throw new IllegalStateException("a bidirectional kernel runs from a zero state only");
        }
        Shape s = shape(ncw.size(2), ncw.size(0), withState);
        INDArray x = sequence("x", s, c), y = sequence("y", s, d * h);
        DnnlLayouts.toNtc(ncw, x);
        bind(s, x, y, w);
        if (withState) {
            s.h0.set_data_handle(pointer(h0));
            s.hT.set_data_handle(pointer(hT));
            if (cell == Cell.LSTM) {
                s.c0.set_data_handle(pointer(c0));
                s.cT.set_data_handle(pointer(cT));
            }
        }
        reorder(s.rWlInf, s.wl, s.wlInf);
        reorder(s.rWiInf, s.wi, s.wiInf);
        bindScratchpad(s.spInf, s.spInfBytes);
        s.inference.execute(stream, s.infArgs);
        stream._wait();
        trained = null;
        return y;
    }

    /**
     * forward_training from a zero state on NCW input {@code [N, C, T]}: returns y {@code [N, T, H]}
     * (reused buffer); writes the final state into hT (and cT for LSTM; [N, H] c-order, null for a
     * scratch buffer); keeps what {@link #backward} needs.
     */
    INDArray train(INDArray ncw, Weights w, INDArray hT, INDArray cT) {
        Shape s = shape(ncw.size(2), ncw.size(0), false);
        INDArray x = sequence("x", s, c), y = sequence("y", s, d * h);
        DnnlLayouts.toNtc(ncw, x);
        bind(s, x, y, w);
        bindWorkspace(s);
        trainedHT = hT != null ? hT : area("hT", d * s.n, h);
        trainedCT = cT != null ? cT : area("cT", d * s.n, h);
        bindFinalState(s);
        reorder(s.rWlFwd, s.wl, s.wlFwd);
        reorder(s.rWiFwd, s.wi, s.wiFwd);
        bindScratchpad(s.spFwd, s.spFwdBytes);
        s.training.execute(stream, s.fwdArgs);
        stream._wait();
        trained = s;
        trainedSource = ncw;
        trainedWeights = w;
        return y;
    }

    /** True when {@link #backward} can follow for this input (the last pass was train(ncw, ...)). */
    boolean trainedOn(INDArray ncw) {
        return trained != null && trainedSource == ncw;
    }

    /**
     * Backward after {@code train}: epsilon {@code [N, H, T]} (NCW, any strides; zeroed here where the
     * {@code [N, T]} mask is 0, null = no mask) -> dx {@code [N, T, C]} and parameter gradients in
     * oneDNN's layout (buffers reused by later calls).
     */
    Gradients backward(INDArray epsNcw, INDArray mask) {
        Shape s = trained;
        if (s == null) {
            throw new IllegalStateException("oneDNN backward without a forward_training before it");
        }
        INDArray dy = sequence("dy", s, d * h), dx = sequence("dx", s, c);
        if (dwlBuf == null) {
            dwlBuf = buffer(d * c, cell.gates * h);
            dwiBuf = buffer(d * h, cell.gates * h);
            dbBuf = buffer((long) d * cell.biases * h);
        }
        DnnlLayouts.toNtc(epsNcw, dy);
        if (mask != null) {
            Nd4j.getExecutioner().exec(new BroadcastMulOp(dy, mask.castTo(DataType.FLOAT), dy, 0, 1));
        }
        bind(s, sequence("x", s, c), sequence("y", s, d * h), trainedWeights);
        bindFinalState(s);
        bindWorkspace(s);
        s.dy.set_data_handle(seqPointer(dy));
        s.dx.set_data_handle(seqPointer(dx));
        s.dwl.set_data_handle(pointer(dwlBuf));
        s.dwi.set_data_handle(pointer(dwiBuf));
        s.db.set_data_handle(pointer(dbBuf));
        reorder(s.rWlBwd, s.wl, s.wlBwd);
        reorder(s.rWiBwd, s.wi, s.wiBwd);
        zero(s.dwlBwd);                 // oneDNN accumulates into the parameter gradients
        zero(s.dwiBwd);
        zero(s.db);
        bindScratchpad(s.spBwd, s.spBwdBytes);
        s.backward.execute(stream, s.bwdArgs);
        reorder(s.rDwl, s.dwlBwd, s.dwl);
        reorder(s.rDwi, s.dwiBwd, s.dwi);
        stream._wait();
        trained = null;
        trainedSource = trainedHT = trainedCT = null;
        trainedWeights = null;
        return new Gradients(dx, dwlBuf, dwiBuf, dbBuf);
    }

    /** The kernel's reusable parameter buffers, to be filled in oneDNN's layout before each pass. */
    Weights weights() {
        if (weights == null) {
            weights = new Weights(buffer(d * c, cell.gates * h), buffer(d * h, cell.gates * h), buffer((long) d * cell.biases * h));
        }
        return weights;
    }

    private void bindFinalState(Shape s) {
        s.hT.set_data_handle(pointer(trainedHT));
        if (cell == Cell.LSTM) {
            s.cT.set_data_handle(pointer(trainedCT));
        }
    }

    private void bind(Shape s, INDArray x, INDArray y, Weights w) {
        s.x.set_data_handle(seqPointer(x));
        s.y.set_data_handle(seqPointer(y));
        s.wl.set_data_handle(pointer(w.wl()));
        s.wi.set_data_handle(pointer(w.wi()));
        s.b.set_data_handle(pointer(w.bias()));
    }

    private void reorder(reorder r, memory from, memory to) {
        if (r != null) {
            r.execute(stream, from, to);
        }
    }

    private static void zero(memory m) {
        Pointer.memset(m.get_data_handle(), 0, m.get_desc().get_size());
    }

    /** The address of a c-contiguous FP32 array's first element (no copy). */
    private static Pointer pointer(INDArray a) {
        if (a.dataType() != DataType.FLOAT || !cContiguous(a)) {
            throw new IllegalArgumentException("oneDNN needs a c-contiguous FLOAT array, got " + a.shapeInfoToString());
        }
        return a.data().addressPointer();
    }

    /** Row-major without gaps (strides of size-1 dimensions do not matter). */
    private static boolean cContiguous(INDArray a) {
        long expect = 1;
        for (int d = a.rank() - 1; d >= 0; d--) {
            if (a.size(d) > 1 && a.stride(d) != expect) {
                return false;
            }
            expect *= a.size(d);
        }
        return true;
    }
}
