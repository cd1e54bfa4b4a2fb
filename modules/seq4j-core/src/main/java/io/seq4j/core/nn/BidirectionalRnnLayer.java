package io.seq4j.core.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BidirectionalLayer;
import org.deeplearning4j.nn.params.BidirectionalParamInitializer;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * {@link BidirectionalRnn}'s layer. The backward layer reads each sequence reversed within its own
 * length (ReverseTimeLayer#reverseWithinLengths; the mask stays end padding, unreversed), its
 * output is reversed back the same way, and the two directions merge as in DL4J (ADD, MUL, AVERAGE,
 * CONCAT). For the real steps this equals DL4J's whole-array reversal with leading padding; it is
 * faster and lets both directions use the fused kernels. NWC data is left to DL4J's implementation.
 *
 * <p>Shapes: input {@code [batch, nIn, T]}, output {@code [batch, H or 2H, T]}, mask {@code [batch, T]}.
 */
final class BidirectionalRnnLayer extends BidirectionalLayer {
    private final Layer fwd, bwd;
    private final Bidirectional.Mode mode;
    private final boolean nwc;
    private INDArray input, mask, outFwd, outBwd;
    /**
     * The cell when both directions can run in one fused kernel (CONCAT; DL4J LSTMs with sigmoid/tanh,
     * or seq4j GRUs; no dropout or weight noise in either), else null.
     */
    private final DnnlRnnKernel.Cell fusedCell;
    /** Both directions in one oneDNN primitive, for batches without padding (created on first use). */
    private DnnlRnnKernel fused;
    /** The input of the last fused training pass (null when the last pass was not one). */
    private INDArray fusedInput;
    private boolean lastForwardFused;

    BidirectionalRnnLayer(NeuralNetConfiguration conf, Layer fwd, Layer bwd, INDArray paramsView) {
        super(conf, fwd, bwd, paramsView);
        this.fwd = fwd;
        this.bwd = bwd;
        Bidirectional c = (Bidirectional) conf.getLayer();
        this.mode = c.getMode();
        this.nwc = c.getRNNDataFormat() == RNNFormat.NWC;
        boolean concat = !nwc && mode == Bidirectional.Mode.CONCAT;
        this.fusedCell = !concat ? null
                : plainLstm(fwd) && plainLstm(bwd) ? DnnlRnnKernel.Cell.LSTM
                : fwd instanceof GruLayer f && bwd instanceof GruLayer b && f.fusable() && b.fusable() ? DnnlRnnKernel.Cell.LBR_GRU
                : null;
    }

    private static boolean plainLstm(Layer l) {
        if (!(l instanceof org.deeplearning4j.nn.layers.recurrent.LSTM)
                || !(l.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.LSTM c)) {
            return false;
        }
        return c.getGateActivationFn() instanceof ActivationSigmoid && c.getActivationFn() instanceof ActivationTanH
                && c.getIDropout() == null && c.getWeightNoise() == null;
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        if (nwc) {
            super.setInput(input, workspaceMgr);
            return;
        }
        this.input = input;
        fwd.setInput(input, workspaceMgr);
    }

    @Override
    public INDArray input() {
        return nwc ? super.input() : input;
    }

    @Override
    public void setMaskArray(INDArray maskArray) {
        if (nwc) {
            super.setMaskArray(maskArray);
            return;
        }
        this.mask = maskArray;
        fwd.setMaskArray(maskArray);
        bwd.setMaskArray(maskArray);      // within-length reversal keeps the padding at the end
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        if (nwc) {
            return super.feedForwardMaskArray(maskArray, currentMaskState, minibatchSize);
        }
        this.mask = maskArray;
        Pair<INDArray, MaskState> ret = fwd.feedForwardMaskArray(maskArray, currentMaskState, minibatchSize);
        bwd.feedForwardMaskArray(maskArray, currentMaskState, minibatchSize);
        return ret;
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return activate(training, workspaceMgr);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr ws) {
        if (nwc) {
            return super.activate(training, ws);
        }
        fusedInput = null;
        lastForwardFused = fusedCell != null && RecurrentKernels.onednn() && input.dataType() == DataType.FLOAT && input.rank() == 3
                && unpadded(mask);
        return lastForwardFused ? fusedForward(training, ws) : twoPasses(training, ws);
    }

    /** Each direction on its own layer: the backward one on the input reversed within each sequence's length. */
    private INDArray twoPasses(boolean training, LayerWorkspaceMgr ws) {
        INDArray out1 = fwd.activate(training, ws);
        bwd.setInput(reverse(input, ws, ArrayType.INPUT), ws);
        INDArray out2 = bwd.activate(training, ws);
        if (out2.rank() == 3 && mode == Bidirectional.Mode.CONCAT) {
            // both halves written straight into the output: the backward one reversed on the way
            long n = out1.size(1);
            INDArray out = ws.createUninitialized(ArrayType.ACTIVATIONS, out1.dataType(),
                    new long[]{out1.size(0), 2 * n, out1.size(2)}, 'f');
            DnnlLayouts.copy(out1, out.get(all(), interval(0, n), all()));
            ReverseTimeLayer.reverseWithinLengths(out2, mask, out.get(all(), interval(n, 2 * n), all()));
            return out;
        }
        if (out2.rank() == 3) {
            out2 = reverse(out2, ws, ArrayType.FF_WORKING_MEM);
        }
        return switch (mode) {
            case ADD -> ws.dup(ArrayType.ACTIVATIONS, out1).addi(out2);
            case MUL -> {
                outFwd = out1.detach();
                outBwd = out2.detach();
                yield ws.dup(ArrayType.ACTIVATIONS, out1).muli(out2);
            }
            case AVERAGE -> ws.dup(ArrayType.ACTIVATIONS, out1).addi(out2).muli(0.5);
            case CONCAT -> ws.leverageTo(ArrayType.ACTIVATIONS, Nd4j.concat(1, out1, out2));
        };
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr ws) {
        if (nwc) {
            return super.backpropGradient(epsilon, ws);
        }
        if (lastForwardFused) {
            if (fusedInput == input && fused.trainedOn(input)) {
                return fusedBackward(epsilon, ws);
            }
            lastForwardFused = false;
            twoPasses(true, ws);          // not right after its own training pass: the directions' layers run it first
        }
        long n = epsilon.size(1) / 2;
        INDArray eFwd, eBwd;
        switch (mode) {
            case ADD -> {
                eFwd = epsilon;
                eBwd = epsilon;
            }
            case MUL -> {
                eFwd = epsilon.mul(outBwd);
                eBwd = epsilon.mul(outFwd);
            }
            case AVERAGE -> {
                eFwd = epsilon.mul(0.5);
                eBwd = eFwd;
            }
            default -> {
                eFwd = epsilon.get(all(), interval(0, n), all());
                eBwd = epsilon.get(all(), interval(n, 2 * n), all());
            }
        }
        if (eBwd.rank() == 3) {
            eBwd = reverse(eBwd, ws, ArrayType.BP_WORKING_MEM);
        }
        Pair<Gradient, INDArray> g1 = fwd.backpropGradient(eFwd, ws);
        Pair<Gradient, INDArray> g2 = bwd.backpropGradient(eBwd, ws);
        Gradient g = new DefaultGradient(getGradientsViewArray());
        for (Map.Entry<String, INDArray> e : g1.getFirst().gradientForVariable().entrySet()) {
            g.gradientForVariable().put(BidirectionalParamInitializer.FORWARD_PREFIX + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, INDArray> e : g2.getFirst().gradientForVariable().entrySet()) {
            g.gradientForVariable().put(BidirectionalParamInitializer.BACKWARD_PREFIX + e.getKey(), e.getValue());
        }
        INDArray epsOut = ws.dup(ArrayType.ACTIVATION_GRAD, g1.getSecond()).addi(reverse(g2.getSecond(), ws, ArrayType.BP_WORKING_MEM));
        return new Pair<>(g, epsOut);
    }

    /** Whether the last forward pass ran both directions in one fused primitive (for tests). */
    boolean lastPassFused() {
        return lastForwardFused;
    }

    /** No mask, or no padded step in it: where oneDNN's bidirectional primitive is exact. */
    private static boolean unpadded(INDArray mask) {
        return mask == null || mask.castTo(DataType.FLOAT).minNumber().doubleValue() > 0;
    }

    /** Both directions in one bidirectional_concat primitive: output [N, 2H, T] (forward half first). */
    private INDArray fusedForward(boolean training, LayerWorkspaceMgr ws) {
        if (fused == null) {
            fused = DnnlRnnKernel.bidirectional(fusedCell, input.size(1), hidden());
        }
        DnnlRnnKernel.Weights w = fused.weights();
        gather(fwd, w.direction(0), training, ws);
        gather(bwd, w.direction(1), training, ws);
        INDArray y = training ? fused.train(input, w, null, null) : fused.infer(input, w, null, null, null, null);
        fusedInput = training ? input : null;
        return DnnlLayouts.activations(y, mask, ws);
    }

    private Pair<Gradient, INDArray> fusedBackward(INDArray epsilon, LayerWorkspaceMgr ws) {
        DnnlRnnKernel.Gradients g = fused.backward(epsilon, mask);
        fusedInput = null;
        Gradient grad = new DefaultGradient(getGradientsViewArray());
        for (Map.Entry<String, INDArray> e : scatter(fwd, g.direction(0)).entrySet()) {
            grad.gradientForVariable().put(BidirectionalParamInitializer.FORWARD_PREFIX + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, INDArray> e : scatter(bwd, g.direction(1)).entrySet()) {
            grad.gradientForVariable().put(BidirectionalParamInitializer.BACKWARD_PREFIX + e.getKey(), e.getValue());
        }
        return new Pair<>(grad, DnnlLayouts.inputGradient(g.dx(), ws));
    }

    private long hidden() {
        return fusedCell == DnnlRnnKernel.Cell.LSTM ? fwd.getParam(LSTMParamInitializer.RECURRENT_WEIGHT_KEY).size(0)
                : ((GruLayer) fwd).layerConf().getNOut();
    }

    /** One direction's parameters into its blocks of the fused kernel's weights (oneDNN layout). */
    private static void gather(Layer l, DnnlRnnKernel.Weights w, boolean training, LayerWorkspaceMgr ws) {
        if (l instanceof GruLayer gru) {
            gru.gatherInto(w, training, ws);
            return;
        }
        DnnlLstmHelper.gather(l.getParam(LSTMParamInitializer.INPUT_WEIGHT_KEY), l.getParam(LSTMParamInitializer.RECURRENT_WEIGHT_KEY),
                l.getParam(LSTMParamInitializer.BIAS_KEY), w);
    }

    /** One direction's blocks of the fused gradients into that layer's gradient views; returns them by parameter key. */
    private static Map<String, INDArray> scatter(Layer l, DnnlRnnKernel.Gradients g) {
        if (l instanceof GruLayer gru) {
            return gru.scatterFrom(g).gradientForVariable();
        }
        Map<String, INDArray> views = LSTMParamInitializer.getInstance().getGradientsFromFlattened(l.conf(), l.getGradientsViewArray());
        DnnlLstmHelper.scatter(g, views.get(LSTMParamInitializer.INPUT_WEIGHT_KEY), views.get(LSTMParamInitializer.RECURRENT_WEIGHT_KEY),
                views.get(LSTMParamInitializer.BIAS_KEY));
        return views;
    }

    private INDArray reverse(INDArray a, LayerWorkspaceMgr ws, ArrayType type) {
        return ReverseTimeLayer.reverseWithinLengths(a, mask, ws.createUninitialized(type, a.dataType(), a.shape(), 'f'));
    }
}
