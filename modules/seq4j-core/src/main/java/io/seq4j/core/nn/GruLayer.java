package io.seq4j.core.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.base.Preconditions;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import static io.seq4j.core.nn.GruParamInitializer.BIAS_KEY;
import static io.seq4j.core.nn.GruParamInitializer.RECURRENT_BIAS_KEY;
import static io.seq4j.core.nn.GruParamInitializer.RECURRENT_WEIGHT_KEY;
import static io.seq4j.core.nn.GruParamInitializer.WEIGHT_KEY;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * The network-side implementation of {@link Gru}: forward pass, backpropagation through time
 * (full or truncated), masks, and stateful {@code rnnTimeStep}.
 *
 * <p>Shapes: input {@code [batch, nIn, T]}, output {@code [batch, H, T]}, mask {@code [batch, T]}.
 * Two kernels, chosen per call (see {@link RecurrentKernels}): oneDNN's fused lbr_gru primitives
 * ({@link DnnlRnnKernel}) for FP32 passes from a zero state with end padding and for unmasked
 * rnnTimeStep, and the portable kernel here (one small GEMM per step) for everything else: double
 * precision (gradient checks), truncated BPTT state, other masks.
 */
final class GruLayer extends BaseRecurrentLayer<Gru> {
    /** Key of the hidden state {@code [batch, H]} in the rnnTimeStep / TBPTT state maps. */
    static final String STATE_KEY = "h";

    /** The state the last training forward pass started from (non-null only under TBPTT). */
    private INDArray fwdInitialState;

    /** oneDNN kernel (created on first use) and the input of its last forward_training. */
    private DnnlRnnKernel onednn;
    private INDArray lastTrainedInput;

    GruLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Everything one forward pass produced; every per-step array is {@code [batch, H, T]}, 'f' order. */
    private static final class Forward {
        INDArray x;       // input actually used [batch, nIn, T] (after dropout), 'f'
        INDArray out;     // output: state * mask
        INDArray state;   // hidden state after each step (carried through masked steps)
        INDArray r, z, n, nPre, hn;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        fwdInitialState = null;
        if (useOnednn(null)) {
            return permuteIfNWC(onednnForward(training, workspaceMgr));
        }
        return permuteIfNWC(forward(null, training, false, workspaceMgr).out);
    }

    /**
     * oneDNN applies to FP32 passes from a zero state whose padding (if any) is at the end: there
     * it computes exactly what {@link #forward} does on the real steps, and padded outputs are zeroed.
     */
    private boolean useOnednn(INDArray h0) {
        return h0 == null && dataType == DataType.FLOAT && RecurrentKernels.onednn() && DnnlLayouts.endPadded(maskArray);
    }

    private DnnlRnnKernel kernel() {
        if (onednn == null) {
            onednn = new DnnlRnnKernel(DnnlRnnKernel.Cell.LBR_GRU, layerConf().getNIn(), layerConf().getNOut());
        }
        return onednn;
    }

    /** The parameters in oneDNN's layout: gates (z, r, n), bias blocks (z, r, n, rb). */
    private DnnlRnnKernel.Weights dnnlWeights(boolean training, LayerWorkspaceMgr ws) {
        return gatherInto(kernel().weights(), training, ws);
    }

    /** No input dropout or weight noise, NCW: one direction of a fused bidirectional kernel can stand in for this layer. */
    boolean fusable() {
        Gru c = layerConf();
        return c.getIDropout() == null && c.getWeightNoise() == null && c.getRnnDataFormat() != org.deeplearning4j.nn.conf.RNNFormat.NWC;
    }

    /** Writes this layer's parameters into {@code w} (one direction's blocks, oneDNN's layout) and returns it. */
    DnnlRnnKernel.Weights gatherInto(DnnlRnnKernel.Weights w, boolean training, LayerWorkspaceMgr ws) {
        long h = layerConf().getNOut();
        DnnlLayouts.gather(getParamWithNoise(WEIGHT_KEY, training, ws), DnnlLayouts.GRU_GATES, h, w.wl());
        DnnlLayouts.gather(getParamWithNoise(RECURRENT_WEIGHT_KEY, training, ws), DnnlLayouts.GRU_GATES, h, w.wi());
        DnnlLayouts.gather(getParamWithNoise(BIAS_KEY, training, ws), DnnlLayouts.GRU_GATES, h, w.bias().get(interval(0, 3 * h)));
        w.bias().get(interval(3 * h, 4 * h)).assign(getParamWithNoise(RECURRENT_BIAS_KEY, training, ws).reshape(h));
        return w;
    }

    /** Input after dropout as [batch, nIn, T]. */
    private INDArray preparedInput(boolean training, LayerWorkspaceMgr ws) {
        assertInputSet(false);
        Preconditions.checkState(input.rank() == 3, "Gru layer expects 3D input [batch, nIn, time], got rank %s", input.rank());
        applyDropOutIfNecessary(training, ws);
        return permuteIfNWC(input.castTo(dataType));
    }

    /** Forward through oneDNN; returns [batch, H, T] in the ACTIVATIONS workspace, zero on padded steps. */
    private INDArray onednnForward(boolean training, LayerWorkspaceMgr ws) {
        INDArray x = preparedInput(training, ws);
        DnnlRnnKernel.Weights w = dnnlWeights(training, ws);
        lastTrainedInput = training ? x : null;
        INDArray y = training ? kernel().train(x, w, null, null) : kernel().infer(x, w, null, null, null, null);
        return DnnlLayouts.activations(y, maskArray, ws);
    }

    private Pair<Gradient, INDArray> onednnBackward(INDArray epsilon, LayerWorkspaceMgr ws) {
        if (onednn == null || !onednn.trainedOn(lastTrainedInput)) {
            onednnForward(true, ws);     // DL4J normally runs activate(training) right before
        }
        INDArray eps = permuteIfNWC(epsilon);
        DnnlRnnKernel.Gradients g = onednn.backward(eps, maskArray);
        return new Pair<>(scatterFrom(g), permuteIfNWC(backpropDropOutIfPresent(DnnlLayouts.inputGradient(g.dx(), ws))));
    }

    /** Writes oneDNN's parameter gradients (one direction's blocks) into this layer's gradient views and returns them. */
    Gradient scatterFrom(DnnlRnnKernel.Gradients g) {
        long h = layerConf().getNOut();
        DnnlLayouts.scatter(g.dwl(), DnnlLayouts.GRU_GATES, h, gradientViews.get(WEIGHT_KEY));
        DnnlLayouts.scatter(g.dwi(), DnnlLayouts.GRU_GATES, h, gradientViews.get(RECURRENT_WEIGHT_KEY));
        DnnlLayouts.scatter(g.db().get(interval(0, 3 * h)), DnnlLayouts.GRU_GATES, h, gradientViews.get(BIAS_KEY));
        gradientViews.get(RECURRENT_BIAS_KEY).assign(g.db().get(interval(3 * h, 4 * h)).reshape(1, h));
        return parameterGradients();
    }

    /** The four gradient views as DL4J's Gradient. */
    private Gradient parameterGradients() {
        weightNoiseParams.clear();
        Gradient g = new DefaultGradient(gradientsFlattened);
        for (String key : new String[]{WEIGHT_KEY, RECURRENT_WEIGHT_KEY, BIAS_KEY, RECURRENT_BIAS_KEY}) {
            g.gradientForVariable().put(key, gradientViews.get(key));
        }
        return g;
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        if (dataType == DataType.FLOAT && maskArray == null && RecurrentKernels.onednn()) {
            INDArray x = preparedInput(false, workspaceMgr);
            long n = x.size(0), h = layerConf().getNOut();
            INDArray start = kernel().startState(stateMap.get(STATE_KEY), n);
            INDArray end = DnnlRnnKernel.buffer(n, h);
            INDArray y = kernel().infer(x, dnnlWeights(false, workspaceMgr), start, null, end, null);
            stateMap.put(STATE_KEY, end);
            return permuteIfNWC(DnnlLayouts.activations(y, maskArray, workspaceMgr));
        }
        Forward f = forward(stateMap.get(STATE_KEY), false, false, workspaceMgr);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            stateMap.put(STATE_KEY, lastState(f).dup('f'));
        }
        return permuteIfNWC(f.out);
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        fwdInitialState = tBpttStateMap.get(STATE_KEY);
        Forward f = forward(fwdInitialState, training, false, workspaceMgr);
        if (storeLastForTBPTT) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                tBpttStateMap.put(STATE_KEY, lastState(f).dup('f'));
            }
        }
        return permuteIfNWC(f.out);
    }

    private static INDArray lastState(Forward f) {
        return f.state.get(all(), all(), point(f.state.size(2) - 1));
    }

    private Forward forward(INDArray h0, boolean training, boolean forBackprop, LayerWorkspaceMgr ws) {
        assertInputSet(false);
        Preconditions.checkState(input.rank() == 3,
                "Gru layer expects 3D input [batch, nIn, time], got rank %s", input.rank());
        Preconditions.checkState(h0 == null || h0.size(0) == input.size(0),
                "Gru state has batch size %s but the input has %s: call rnnClearPreviousState() between batches",
                h0 == null ? 0 : h0.size(0), input.size(0));
        applyDropOutIfNecessary(training, ws);

        ArrayType cache = forBackprop ? ArrayType.BP_WORKING_MEM : ArrayType.FF_WORKING_MEM;
        INDArray x = permuteIfNWC(input.castTo(dataType));
        if (x.ordering() != 'f') {
            x = ws.dup(cache, x, 'f');
        }
        long mb = x.size(0), steps = x.size(2), h = layerConf().getNOut();
        INDArray w = getParamWithNoise(WEIGHT_KEY, training, ws);
        INDArray rw = getParamWithNoise(RECURRENT_WEIGHT_KEY, training, ws);
        INDArray b = getParamWithNoise(BIAS_KEY, training, ws);
        INDArray rb = getParamWithNoise(RECURRENT_BIAS_KEY, training, ws);
        IActivation act = layerConf().getActivationFn();

        Forward f = new Forward();
        f.x = x;
        long[] seqShape = {mb, h, steps};
        f.out = ws.createUninitialized(ArrayType.ACTIVATIONS, dataType, seqShape, 'f');
        f.state = ws.createUninitialized(cache, dataType, seqShape, 'f');
        f.r = ws.createUninitialized(cache, dataType, seqShape, 'f');
        f.z = ws.createUninitialized(cache, dataType, seqShape, 'f');
        f.n = ws.createUninitialized(cache, dataType, seqShape, 'f');
        f.nPre = ws.createUninitialized(cache, dataType, seqShape, 'f');
        f.hn = ws.createUninitialized(cache, dataType, seqShape, 'f');
        INDArray gx = ws.createUninitialized(cache, dataType, new long[]{mb, 3 * h}, 'f');
        INDArray gh = ws.create(cache, dataType, new long[]{mb, 3 * h}, 'f');
        INDArray mask = maskArray == null ? null : maskArray.castTo(dataType);

        INDArray hPrev = h0 == null ? null : h0.castTo(dataType);
        for (long t = 0; t < steps; t++) {
            INDArray rt = f.r.get(all(), all(), point(t));
            INDArray zt = f.z.get(all(), all(), point(t));
            INDArray nt = f.n.get(all(), all(), point(t));
            INDArray nPreT = f.nPre.get(all(), all(), point(t));
            INDArray hnT = f.hn.get(all(), all(), point(t));
            INDArray ht = f.state.get(all(), all(), point(t));

            Nd4j.gemm(x.get(all(), all(), point(t)), w, gx, false, false, 1.0, 0.0);
            gx.addiRowVector(b);
            if (hPrev != null) {
                Nd4j.gemm(hPrev, rw, gh, false, false, 1.0, 0.0);
            }
            rt.assign(gx.get(all(), interval(0, h))).addi(gh.get(all(), interval(0, h)));
            Transforms.sigmoid(rt, false);
            zt.assign(gx.get(all(), interval(h, 2 * h))).addi(gh.get(all(), interval(h, 2 * h)));
            Transforms.sigmoid(zt, false);
            hnT.assign(gh.get(all(), interval(2 * h, 3 * h))).addiRowVector(rb);
            nPreT.assign(rt).muli(hnT).addi(gx.get(all(), interval(2 * h, 3 * h)));
            nt.assign(nPreT);
            act.getActivation(nt, training);
            if (hPrev == null) {              // h = (1 - z) * n
                ht.assign(zt).rsubi(1.0).muli(nt);
            } else {                          // h = n + z * (hPrev - n)
                ht.assign(hPrev).subi(nt).muli(zt).addi(nt);
            }
            INDArray outT = f.out.get(all(), all(), point(t));
            if (mask != null) {
                INDArray m = mask.getColumn(t, true);
                ht.muliColumnVector(m);
                if (hPrev != null) {
                    ht.addi(hPrev.mulColumnVector(m.rsub(1.0)));
                }
                outT.assign(ht).muliColumnVector(m);
            } else {
                outT.assign(ht);
            }
            hPrev = ht;
        }
        return f;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return tbpttBackpropGradient(epsilon, -1, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength, LayerWorkspaceMgr ws) {
        assertInputSet(true);
        if (tbpttBackLength <= 0 && useOnednn(fwdInitialState)) {
            return onednnBackward(epsilon, ws);
        }
        INDArray eps = permuteIfNWC(epsilon);
        if (eps.ordering() != 'f') {
            eps = eps.dup('f');
        }
        Forward f = forward(fwdInitialState, true, true, ws);
        INDArray h0 = fwdInitialState == null ? null : fwdInitialState.castTo(dataType);
        long mb = f.x.size(0), steps = f.x.size(2), h = layerConf().getNOut();
        INDArray w = getParamWithNoise(WEIGHT_KEY, true, ws);
        INDArray rw = getParamWithNoise(RECURRENT_WEIGHT_KEY, true, ws);
        IActivation act = layerConf().getActivationFn();

        gradientsFlattened.assign(0);
        INDArray gW = gradientViews.get(WEIGHT_KEY);
        INDArray gRW = gradientViews.get(RECURRENT_WEIGHT_KEY);
        INDArray gB = gradientViews.get(BIAS_KEY);
        INDArray gRB = gradientViews.get(RECURRENT_BIAS_KEY);

        INDArray epsOut = ws.create(ArrayType.ACTIVATION_GRAD, dataType, f.x.shape(), 'f');
        INDArray dxg = ws.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[]{mb, 3 * h}, 'f');
        INDArray dhh = ws.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[]{mb, 3 * h}, 'f');
        INDArray dhNext = ws.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[]{mb, h}, 'f');
        INDArray mask = maskArray == null ? null : maskArray.castTo(dataType);

        long end = tbpttBackLength > 0 ? Math.max(0, steps - tbpttBackLength) : 0;
        boolean first = true;
        for (long t = steps - 1; t >= end; t--) {
            INDArray rt = f.r.get(all(), all(), point(t));
            INDArray zt = f.z.get(all(), all(), point(t));
            INDArray nt = f.n.get(all(), all(), point(t));
            INDArray hnT = f.hn.get(all(), all(), point(t));
            INDArray hPrev = t > 0 ? f.state.get(all(), all(), point(t - 1)) : h0;
            INDArray m = mask == null ? null : mask.getColumn(t, true);

            // out_t = h_t * m  ->  dL/dh_t = eps_t * m + (gradient arriving from step t+1)
            INDArray dh = eps.get(all(), all(), point(t)).dup('f');
            if (m != null) {
                dh.muliColumnVector(m);
            }
            if (!first) {
                dh.addi(dhNext);
            }
            first = false;
            // h_t = m * hNew + (1 - m) * hPrev
            INDArray dhNew = m == null ? dh : dh.mulColumnVector(m);
            INDArray dPrev = m == null ? null : dh.mulColumnVector(m.rsub(1.0));
            // hNew = (1 - z) * n + z * hPrev
            INDArray dn = zt.rsub(1.0).muli(dhNew);
            INDArray dz = (hPrev == null ? nt.neg() : hPrev.sub(nt)).muli(dhNew);
            INDArray dnPre = act.backprop(f.nPre.get(all(), all(), point(t)).dup('f'), dn).getFirst();
            INDArray dr = dnPre.mul(hnT).muli(rt).muli(rt.rsub(1.0));
            dz.muli(zt).muli(zt.rsub(1.0));

            dxg.get(all(), interval(0, h)).assign(dr);
            dxg.get(all(), interval(h, 2 * h)).assign(dz);
            dxg.get(all(), interval(2 * h, 3 * h)).assign(dnPre);
            dhh.get(all(), interval(0, h)).assign(dr);
            dhh.get(all(), interval(h, 2 * h)).assign(dz);
            INDArray dhn = dhh.get(all(), interval(2 * h, 3 * h)).assign(dnPre).muli(rt);

            Nd4j.gemm(f.x.get(all(), all(), point(t)), dxg, gW, true, false, 1.0, 1.0);
            gB.addi(dxg.sum(true, 0));
            gRB.addi(dhn.sum(true, 0));
            Nd4j.gemm(dxg, w, epsOut.get(all(), all(), point(t)), false, true, 1.0, 0.0);

            // gradient flowing to h_{t-1}
            Nd4j.gemm(dhh, rw, dhNext, false, true, 1.0, 0.0);
            dhNext.addi(zt.mul(dhNew));
            if (dPrev != null) {
                dhNext.addi(dPrev);
            }
            if (hPrev != null) {
                Nd4j.gemm(hPrev, dhh, gRW, true, false, 1.0, 1.0);
            }
        }

        epsOut = backpropDropOutIfPresent(epsOut);
        return new Pair<>(parameterGradients(), permuteIfNWC(epsOut));
    }
}
