package io.seq4j.core.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.layers.recurrent.FwdPassReturn;
import org.deeplearning4j.nn.layers.recurrent.LSTMHelper;
import org.deeplearning4j.nn.layers.recurrent.LSTMHelpers;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * Runs DL4J's own {@code LSTM} layer on oneDNN's fused LSTM primitives, through DL4J's
 * {@link LSTMHelper} hook (the one its cuDNN support uses), so networks, parameters and bundles stay
 * plain DL4J. Installed by {@link RecurrentKernels#install}.
 *
 * <p>Handled here: FP32, sigmoid gates and tanh activation, no peepholes, masks with end padding
 * (outputs and final state zeroed on padded steps, as DL4J does), training from a zero state,
 * inference from any state (rnnTimeStep). Everything else (training from a carried state under
 * truncated BPTT, backward windows shorter than the segment, other masks) returns null or
 * delegates to DL4J's built-in implementation, which is also the reference the tests compare
 * against.
 */
final class DnnlLstmHelper implements LSTMHelper {
    private DnnlRnnKernel kernel;
    /** The last training forward pass, reused by the forward DL4J repeats inside backprop. */
    private DnnlForward lastTraining;

    private DnnlLstmHelper() {
    }

    static DnnlLstmHelper create() {
        return new DnnlLstmHelper();
    }

    /** A forward pass done here: what backprop needs, beyond DL4J's fields. */
    private static final class DnnlForward extends FwdPassReturn {
        BaseRecurrentLayer<?> layer;
        INDArray input, mask;
        int steps;
    }

    @Override
    public boolean checkSupported(IActivation gateActivationFn, IActivation activationFn, boolean hasPeepholeConnections) {
        return gateActivationFn instanceof ActivationSigmoid && activationFn instanceof ActivationTanH && !hasPeepholeConnections;
    }

    @Override
    public boolean checkSupported() {
        return RecurrentKernels.onednn();
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return null;
    }

    private DnnlRnnKernel kernel(long c, long h) {
        if (kernel == null) {
            kernel = new DnnlRnnKernel(DnnlRnnKernel.Cell.LSTM, c, h);
        }
        return kernel;
    }

    @Override
    public FwdPassReturn activate(Layer layer, NeuralNetConfiguration conf, IActivation gateActivationFn, INDArray input,
                                  INDArray recurrentWeights, INDArray inputWeights, INDArray biases, boolean training,
                                  INDArray prevOutputActivations, INDArray prevMemCellState, boolean forBackprop,
                                  boolean forwards, String inputWeightKey, INDArray maskArray, boolean hasPeepholeConnections,
                                  LayerWorkspaceMgr workspaceMgr) {
        IActivation afn = ((org.deeplearning4j.nn.conf.layers.BaseLayer) conf.getLayer()).getActivationFn();
        if (!RecurrentKernels.onednn() || input.dataType() != DataType.FLOAT || !forwards || input.rank() != 3
                || !checkSupported(gateActivationFn, afn, hasPeepholeConnections) || !DnnlLayouts.endPadded(maskArray)) {
            return null;
        }
        boolean train = training || forBackprop;
        if (train && !(isZero(prevOutputActivations) && isZero(prevMemCellState))) {
            return null;                      // continuing truncated BPTT from a state: DL4J's implementation
        }
        if (forBackprop && lastTraining != null && lastTraining.input == input && kernel.trainedOn(input)) {
            return lastTraining;              // DL4J recomputes the forward pass in backprop; oneDNN kept it
        }
        long n = input.size(0), t = input.size(2), h = recurrentWeights.size(0);
        DnnlRnnKernel k = kernel(inputWeights.size(0), h);
        DnnlForward f = new DnnlForward();
        f.layer = (BaseRecurrentLayer<?>) layer;
        f.input = input;
        f.mask = maskArray;
        f.steps = (int) t;
        DnnlRnnKernel.Weights w = gather(inputWeights, recurrentWeights, biases, k.weights());
        INDArray hT = DnnlRnnKernel.buffer(n, h), cT = DnnlRnnKernel.buffer(n, h);
        INDArray y;
        if (train) {
            y = k.train(input, w, hT, cT);
        } else {
            y = k.infer(input, w, k.startState(prevOutputActivations, n), k.startState(prevMemCellState, n), hT, cT);
        }
        INDArray out = DnnlLayouts.activations(y, maskArray, workspaceMgr);
        if (maskArray != null) {
            INDArray last = maskArray.castTo(DataType.FLOAT).get(all(), point(t - 1)).reshape(n, 1);   // DL4J zeroes the state on padded steps
            hT.muliColumnVector(last);
            cT.muliColumnVector(last);
        }
        f.fwdPassOutput = out;
        f.lastAct = hT;
        f.lastMemCell = cT;
        lastTraining = train ? f : null;
        return f;
    }

    private static boolean isZero(INDArray a) {
        return a == null || a.amaxNumber().doubleValue() == 0.0;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(NeuralNetConfiguration conf, IActivation gateActivationFn, INDArray input,
                                                     INDArray recurrentWeights, INDArray inputWeights, INDArray epsilon,
                                                     boolean truncatedBPTT, int tbpttBackwardLength, FwdPassReturn fwdPass,
                                                     boolean forwards, String inputWeightKey, String recurrentWeightKey,
                                                     String biasWeightKey, Map<String, INDArray> gradientViews, INDArray maskArray,
                                                     boolean hasPeepholeConnections, LayerWorkspaceMgr workspaceMgr) {
        if (!(fwdPass instanceof DnnlForward f)) {
            return null;                      // DL4J's own forward pass: its own backward
        }
        if (!kernel.trainedOn(f.input) || (truncatedBPTT && tbpttBackwardLength < f.steps)) {
            return builtIn(f, conf, gateActivationFn, recurrentWeights, inputWeights, epsilon, truncatedBPTT,
                    tbpttBackwardLength, inputWeightKey, recurrentWeightKey, biasWeightKey, gradientViews, workspaceMgr);
        }
        INDArray eps = epsilon.rank() == 2 ? epsilon.reshape(epsilon.size(0), epsilon.size(1), 1) : epsilon;
        DnnlRnnKernel.Gradients g = kernel.backward(eps, f.mask);
        lastTraining = null;
        INDArray gW = gradientViews.get(inputWeightKey), gRW = gradientViews.get(recurrentWeightKey), gB = gradientViews.get(biasWeightKey);
        scatter(g, gW, gRW, gB);
        Gradient grad = new DefaultGradient();
        grad.gradientForVariable().put(inputWeightKey, gW);
        grad.gradientForVariable().put(recurrentWeightKey, gRW);
        grad.gradientForVariable().put(biasWeightKey, gB);
        return new Pair<>(grad, DnnlLayouts.inputGradient(g.dx(), workspaceMgr));
    }

    /**
     * DL4J's LSTM parameters (W [C, 4H], RW [H, 4H or more], b [1, 4H]) into {@code out} in oneDNN's
     * layout and gate order; returns {@code out}. Also used per direction by BidirectionalRnnLayer.
     */
    static DnnlRnnKernel.Weights gather(INDArray w, INDArray rw, INDArray b, DnnlRnnKernel.Weights out) {
        long h = rw.size(0);
        DnnlLayouts.gather(w, DnnlLayouts.LSTM_GATES, h, out.wl());
        DnnlLayouts.gather(rw.get(all(), interval(0, 4 * h)), DnnlLayouts.LSTM_GATES, h, out.wi());
        DnnlLayouts.gather(b, DnnlLayouts.LSTM_GATES, h, out.bias());
        return out;
    }

    /** Inverse of {@link #gather} for the parameter gradients: oneDNN's into DL4J's views gW, gRW, gB. */
    static void scatter(DnnlRnnKernel.Gradients g, INDArray gW, INDArray gRW, INDArray gB) {
        long h = gRW.size(0);
        DnnlLayouts.scatter(g.dwl(), DnnlLayouts.LSTM_GATES, h, gW);
        DnnlLayouts.scatter(g.dwi(), DnnlLayouts.LSTM_GATES, h, gRW.get(all(), interval(0, 4 * h)));
        DnnlLayouts.scatter(g.db(), DnnlLayouts.LSTM_GATES, h, gB);
    }

    /** DL4J's own forward (kept for backprop) and backward, for the cases handled there. */
    private Pair<Gradient, INDArray> builtIn(DnnlForward f, NeuralNetConfiguration conf, IActivation gateActivationFn,
                                             INDArray recurrentWeights, INDArray inputWeights, INDArray epsilon,
                                             boolean truncatedBPTT, int tbpttBackwardLength, String inputWeightKey,
                                             String recurrentWeightKey, String biasWeightKey, Map<String, INDArray> gradientViews,
                                             LayerWorkspaceMgr workspaceMgr) {
        INDArray biases = f.layer.getParam(biasWeightKey);
        FwdPassReturn fwd = LSTMHelpers.activateHelper(f.layer, conf, gateActivationFn, f.input, recurrentWeights, inputWeights,
                biases, true, null, null, true, true, inputWeightKey, f.mask, false, null, CacheMode.NONE, workspaceMgr, true);
        return LSTMHelpers.backpropGradientHelper(f.layer, conf, gateActivationFn, f.input, recurrentWeights, inputWeights,
                epsilon, truncatedBPTT, tbpttBackwardLength, fwd, true, inputWeightKey, recurrentWeightKey, biasWeightKey,
                gradientViews, null, false, null, workspaceMgr, true);
    }
}
