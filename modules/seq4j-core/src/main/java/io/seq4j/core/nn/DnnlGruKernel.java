package io.seq4j.core.nn;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.lbr_gru_backward;
import org.bytedeco.dnnl.lbr_gru_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.rnn_primitive_desc_base;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST_LAYER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC_LAYER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS_ITER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS_LAYER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST_LAYER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_LAYER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS_ITER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS_LAYER;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * {@link Gru}'s recurrence on oneDNN's fused linear-before-reset GRU primitives (forward_training,
 * backward, forward_inference), FP32, left to right from a zero state. oneDNN's lbr_gru is exactly
 * seq4j's cell; only the gate order differs (oneDNN u=z, r, o=n; seq4j r, z, n), so weights are
 * gathered into oneDNN's ldigo layout on each call (they change after every update) and gradients
 * scattered back.
 *
 * <p>Arrays here are detached ND4J buffers in oneDNN's {@code tnc} layout: x {@code [T, N, C]},
 * y {@code [T, N, H]} (c order). One kernel per layer; primitives are cached per (T, N).
 */
final class DnnlGruKernel {
    private static final int MAX_SHAPES = 16;
    private static final engine ENGINE = new engine(engine.kind.cpu, 0);

    private final long c, h;
    private final Map<Long, Shape> shapes = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Shape> e) {
            return size() > MAX_SHAPES;
        }
    };
    private final stream stream = new stream(ENGINE);
    private Shape trained;    // the shape whose workspace holds the last forward_training

    DnnlGruKernel(long c, long h) {
        this.c = c;
        this.h = h;
    }

    /** Primitives and oneDNN memories for one (T, N); data handles are set per call. */
    private final class Shape {
        final memory x, y, wl, wi, b, dx, dy, dwl, dwi, db;
        final memory wlInf, wiInf, wlFwd, wiFwd, wlBwd, wiBwd, dwlBwd, dwiBwd, ws;
        final primitive inference, training, backward;
        final reorder rWlInf, rWiInf, rWlFwd, rWiFwd, rWlBwd, rWiBwd, rDwl, rDwi;
        final IntMemoryMap infArgs = new IntMemoryMap(), fwdArgs = new IntMemoryMap(), bwdArgs = new IntMemoryMap();

        Shape(long t, long n) {
            memory.data_type f32 = memory.data_type.f32;
            memory.desc src = new memory.desc(new long[]{t, n, c}, f32, memory.format_tag.tnc);
            memory.desc dst = new memory.desc(new long[]{t, n, h}, f32, memory.format_tag.tnc);
            memory.desc wlUser = new memory.desc(new long[]{1, 1, c, 3, h}, f32, memory.format_tag.ldigo);
            memory.desc wiUser = new memory.desc(new long[]{1, 1, h, 3, h}, f32, memory.format_tag.ldigo);
            memory.desc bias = new memory.desc(new long[]{1, 1, 4, h}, f32, memory.format_tag.ldgo);
            memory.desc wlAny = new memory.desc(new long[]{1, 1, c, 3, h}, f32, memory.format_tag.any);
            memory.desc wiAny = new memory.desc(new long[]{1, 1, h, 3, h}, f32, memory.format_tag.any);
            memory.desc none = new memory.desc();
            dnnl.rnn_direction l2r = dnnl.rnn_direction.unidirectional_left2right;

            x = user(src);
            y = user(dst);
            wl = user(wlUser);
            wi = user(wiUser);
            b = user(bias);
            dx = user(src);
            dy = user(dst);
            dwl = user(wlUser);
            dwi = user(wiUser);
            db = user(bias);

            var infPd = new lbr_gru_forward.primitive_desc(new lbr_gru_forward.desc(dnnl.prop_kind.forward_inference, l2r,
                    src, none, wlAny, wiAny, bias, dst, none), ENGINE);
            var fwdPd = new lbr_gru_forward.primitive_desc(new lbr_gru_forward.desc(dnnl.prop_kind.forward_training, l2r,
                    src, none, wlAny, wiAny, bias, dst, none), ENGINE);
            var bwdPd = new lbr_gru_backward.primitive_desc(new lbr_gru_backward.desc(dnnl.prop_kind.backward, l2r,
                    src, none, wlAny, wiAny, bias, dst, none, src, none, wlAny, wiAny, bias, dst, none), ENGINE, fwdPd);
            if (!bwdPd.diff_bias_desc().equals(bias)) {
                throw new IllegalStateException("oneDNN chose an unexpected bias-gradient layout");
            }
            inference = new lbr_gru_forward(infPd);
            training = new lbr_gru_forward(fwdPd);
            backward = new lbr_gru_backward(bwdPd);
            ws = new memory(fwdPd.workspace_desc(), ENGINE);

            wlInf = internal(infPd.weights_layer_desc(), wlUser, wl);
            wiInf = internal(infPd.weights_iter_desc(), wiUser, wi);
            wlFwd = internal(fwdPd.weights_layer_desc(), wlUser, wl);
            wiFwd = internal(fwdPd.weights_iter_desc(), wiUser, wi);
            wlBwd = internal(bwdPd.weights_layer_desc(), wlUser, wl);
            wiBwd = internal(bwdPd.weights_iter_desc(), wiUser, wi);
            dwlBwd = internal(bwdPd.diff_weights_layer_desc(), wlUser, dwl);
            dwiBwd = internal(bwdPd.diff_weights_iter_desc(), wiUser, dwi);
            rWlInf = wlInf == wl ? null : new reorder(wl, wlInf);
            rWiInf = wiInf == wi ? null : new reorder(wi, wiInf);
            rWlFwd = wlFwd == wl ? null : new reorder(wl, wlFwd);
            rWiFwd = wiFwd == wi ? null : new reorder(wi, wiFwd);
            rWlBwd = wlBwd == wl ? null : new reorder(wl, wlBwd);
            rWiBwd = wiBwd == wi ? null : new reorder(wi, wiBwd);
            rDwl = dwlBwd == dwl ? null : new reorder(dwlBwd, dwl);
            rDwi = dwiBwd == dwi ? null : new reorder(dwiBwd, dwi);

            infArgs.put(DNNL_ARG_SRC_LAYER, x).put(DNNL_ARG_WEIGHTS_LAYER, wlInf).put(DNNL_ARG_WEIGHTS_ITER, wiInf)
                    .put(DNNL_ARG_BIAS, b).put(DNNL_ARG_DST_LAYER, y);
            fwdArgs.put(DNNL_ARG_SRC_LAYER, x).put(DNNL_ARG_WEIGHTS_LAYER, wlFwd).put(DNNL_ARG_WEIGHTS_ITER, wiFwd)
                    .put(DNNL_ARG_BIAS, b).put(DNNL_ARG_DST_LAYER, y).put(DNNL_ARG_WORKSPACE, ws);
            bwdArgs.put(DNNL_ARG_SRC_LAYER, x).put(DNNL_ARG_WEIGHTS_LAYER, wlBwd).put(DNNL_ARG_WEIGHTS_ITER, wiBwd)
                    .put(DNNL_ARG_BIAS, b).put(DNNL_ARG_DST_LAYER, y).put(DNNL_ARG_WORKSPACE, ws)
                    .put(DNNL_ARG_DIFF_SRC_LAYER, dx).put(DNNL_ARG_DIFF_WEIGHTS_LAYER, dwlBwd)
                    .put(DNNL_ARG_DIFF_WEIGHTS_ITER, dwiBwd).put(DNNL_ARG_DIFF_BIAS, db).put(DNNL_ARG_DIFF_DST_LAYER, dy);
        }
    }

    private static memory user(memory.desc d) {
        return new memory(d, ENGINE, (Pointer) null);
    }

    /** The primitive's own memory when it wants another layout than the user's, else the user memory. */
    private static memory internal(memory.desc wanted, memory.desc userDesc, memory user) {
        return wanted.equals(userDesc) ? user : new memory(wanted, ENGINE);
    }

    private Shape shape(long t, long n) {
        return shapes.computeIfAbsent(t * 1_000_003L + n, k -> new Shape(t, n));
    }

    /** The gathered weights in oneDNN's layout and gate order, detached: wl [C, 3H], wi [H, 3H], bias [4H]. */
    private record Weights(INDArray wl, INDArray wi, INDArray bias) {
    }

    private Weights gather(INDArray w, INDArray rw, INDArray b, INDArray rb) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray bias = Nd4j.createUninitialized(DataType.FLOAT, 4 * h);
            INDArray b1 = b.reshape(3 * h);
            bias.get(interval(0, h)).assign(b1.get(interval(h, 2 * h)));         // u = z
            bias.get(interval(h, 2 * h)).assign(b1.get(interval(0, h)));         // r
            bias.get(interval(2 * h, 3 * h)).assign(b1.get(interval(2 * h, 3 * h)));
            bias.get(interval(3 * h, 4 * h)).assign(rb.reshape(h));
            return new Weights(toDnnlGates(w), toDnnlGates(rw), bias);
        }
    }

    /** [rows, 3H] with column blocks (r, z, n) -> c-order [rows, 3H] with blocks (z, r, n); the map is its own inverse. */
    private INDArray toDnnlGates(INDArray m) {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, new long[]{m.size(0), 3 * h}, 'c');
        swapRZ(m, out);
        return out;
    }

    private void swapRZ(INDArray from, INDArray to) {
        to.get(all(), interval(0, h)).assign(from.get(all(), interval(h, 2 * h)));
        to.get(all(), interval(h, 2 * h)).assign(from.get(all(), interval(0, h)));
        to.get(all(), interval(2 * h, 3 * h)).assign(from.get(all(), interval(2 * h, 3 * h)));
    }

    /**
     * Forward pass. {@code x} is [T, N, C] c-order; returns y [T, N, H] c-order (detached). With
     * {@code training}, keeps what {@link #backward} needs.
     */
    INDArray forward(INDArray x, INDArray w, INDArray rw, INDArray b, INDArray rb, boolean training) {
        long t = x.size(0), n = x.size(1);
        Shape s = shape(t, n);
        Weights g = gather(w, rw, b, rb);
        INDArray y;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            y = Nd4j.createUninitialized(DataType.FLOAT, new long[]{t, n, h}, 'c');
        }
        bind(s, x, y, g);
        if (training) {
            run(s.rWlFwd, s.wl, s.wlFwd);
            run(s.rWiFwd, s.wi, s.wiFwd);
            s.training.execute(stream, s.fwdArgs);
            trained = s;
        } else {
            run(s.rWlInf, s.wl, s.wlInf);
            run(s.rWiInf, s.wi, s.wiInf);
            s.inference.execute(stream, s.infArgs);
        }
        stream._wait();
        keep(x, y, g);
        return y;
    }

    // the arrays oneDNN's memories point at must stay alive between forward and backward
    private INDArray keptX, keptY;
    private Weights keptWeights;

    private void keep(INDArray x, INDArray y, Weights g) {
        keptX = x;
        keptY = y;
        keptWeights = g;
    }

    /**
     * Backward pass after {@code forward(x, ..., true)} with the same x and weights. {@code dy} is
     * [T, N, H] c-order; returns dx [T, N, C] and writes the parameter gradients (seq4j layout).
     */
    INDArray backward(INDArray x, INDArray dy, INDArray gW, INDArray gRW, INDArray gB, INDArray gRB) {
        Shape s = trained;
        if (s == null || x != keptX) {
            throw new IllegalStateException("oneDNN GRU backward without a matching forward_training");
        }
        long t = x.size(0), n = x.size(1);
        INDArray dx, dwl, dwi, db;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            dx = Nd4j.createUninitialized(DataType.FLOAT, new long[]{t, n, c}, 'c');
            dwl = Nd4j.createUninitialized(DataType.FLOAT, new long[]{c, 3 * h}, 'c');
            dwi = Nd4j.createUninitialized(DataType.FLOAT, new long[]{h, 3 * h}, 'c');
            db = Nd4j.createUninitialized(DataType.FLOAT, 4 * h);
        }
        bind(s, x, keptY, keptWeights);
        s.dy.set_data_handle(pointer(dy));
        s.dx.set_data_handle(pointer(dx));
        s.dwl.set_data_handle(pointer(dwl));
        s.dwi.set_data_handle(pointer(dwi));
        s.db.set_data_handle(pointer(db));
        run(s.rWlBwd, s.wl, s.wlBwd);
        run(s.rWiBwd, s.wi, s.wiBwd);
        zero(s.dwlBwd);                 // oneDNN accumulates into the weight gradients
        zero(s.dwiBwd);
        zero(s.db);
        s.backward.execute(stream, s.bwdArgs);
        run(s.rDwl, s.dwlBwd, s.dwl);
        run(s.rDwi, s.dwiBwd, s.dwi);
        stream._wait();

        swapRZ(dwl, gW);
        swapRZ(dwi, gRW);
        INDArray gb = gB.reshape(3 * h);
        gb.get(interval(0, h)).assign(db.get(interval(h, 2 * h)));
        gb.get(interval(h, 2 * h)).assign(db.get(interval(0, h)));
        gb.get(interval(2 * h, 3 * h)).assign(db.get(interval(2 * h, 3 * h)));
        gRB.reshape(h).assign(db.get(interval(3 * h, 4 * h)));
        trained = null;
        return dx;
    }

    private void bind(Shape s, INDArray x, INDArray y, Weights g) {
        s.x.set_data_handle(pointer(x));
        s.y.set_data_handle(pointer(y));
        s.wl.set_data_handle(pointer(g.wl()));
        s.wi.set_data_handle(pointer(g.wi()));
        s.b.set_data_handle(pointer(g.bias()));
    }

    private void run(reorder r, memory from, memory to) {
        if (r != null) {
            r.execute(stream, from, to);
        }
    }

    private static void zero(memory m) {
        Pointer.memset(m.get_data_handle(), 0, m.get_desc().get_size());
    }

    /** The address of a c-contiguous FP32 array's first element (no copy). */
    private static Pointer pointer(INDArray a) {
        if (a.dataType() != DataType.FLOAT || a.ordering() != 'c' || !org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(a)) {
            throw new IllegalArgumentException("oneDNN needs a c-contiguous FLOAT array, got " + a.shapeInfoToString());
        }
        return a.data().addressPointer();
    }
}
