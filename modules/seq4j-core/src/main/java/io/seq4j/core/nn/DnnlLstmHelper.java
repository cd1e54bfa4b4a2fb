package io.seq4j.core.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.FwdPassReturn;
import org.deeplearning4j.nn.layers.recurrent.LSTMHelper;
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
 * Runs DL4J's own {@code LSTM} layer's inference (output, rnnTimeStep) on oneDNN's fused LSTM
 * primitive, through DL4J's {@link LSTMHelper} hook (the one its cuDNN support uses), so networks,
 * parameters and bundles stay plain DL4J. Installed by {@link RecurrentKernels#install}.
 *
 * <p>Handled here: FP32 inference with sigmoid gates, tanh activation, no peepholes, masks with end
 * padding (outputs and final state zeroed on padded steps, as DL4J does), from any state. Training
 * passes return null, so DL4J trains with its own implementation: with oneDNN 2.5.2's LSTM backward
 * the recurrent-weight gradient came out wrong here (input weights and biases right; checked
 * against finite differences), see docs/kernels.md.
 */
final class DnnlLstmHelper implements LSTMHelper {
    private DnnlRnnKernel kernel;

    private DnnlLstmHelper() {
    }

    static DnnlLstmHelper create() {
        return new DnnlLstmHelper();
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

    @Override
    public FwdPassReturn activate(Layer layer, NeuralNetConfiguration conf, IActivation gateActivationFn, INDArray input,
                                  INDArray recurrentWeights, INDArray inputWeights, INDArray biases, boolean training,
                                  INDArray prevOutputActivations, INDArray prevMemCellState, boolean forBackprop,
                                  boolean forwards, String inputWeightKey, INDArray maskArray, boolean hasPeepholeConnections,
                                  LayerWorkspaceMgr workspaceMgr) {
        IActivation afn = ((org.deeplearning4j.nn.conf.layers.BaseLayer) conf.getLayer()).getActivationFn();
        if (training || forBackprop || !RecurrentKernels.onednn() || input.dataType() != DataType.FLOAT || !forwards
                || input.rank() != 3 || !checkSupported(gateActivationFn, afn, hasPeepholeConnections)
                || !DnnlLayouts.endPadded(maskArray)) {
            return null;
        }
        long n = input.size(0), t = input.size(2), h = recurrentWeights.size(0);
        if (kernel == null) {
            kernel = new DnnlRnnKernel(DnnlRnnKernel.Cell.LSTM, inputWeights.size(0), h);
        }
        DnnlRnnKernel.Weights w = kernel.weights();
        DnnlLayouts.gather(inputWeights, DnnlLayouts.LSTM_GATES, h, w.wl());
        DnnlLayouts.gather(recurrentWeights.get(all(), interval(0, 4 * h)), DnnlLayouts.LSTM_GATES, h, w.wi());
        DnnlLayouts.gather(biases, DnnlLayouts.LSTM_GATES, h, w.bias());
        INDArray h0 = DnnlRnnKernel.buffer(n, h), c0 = DnnlRnnKernel.buffer(n, h);
        INDArray hT = DnnlRnnKernel.buffer(n, h), cT = DnnlRnnKernel.buffer(n, h);
        h0.assign(prevOutputActivations);     // DL4J passes zeros when there is no state
        if (prevMemCellState == null) {
            c0.assign(0);
        } else {
            c0.assign(prevMemCellState);
        }
        INDArray y = kernel.infer(input, w, h0, c0, hT, cT);
        FwdPassReturn f = new FwdPassReturn();
        f.fwdPassOutput = DnnlLayouts.activations(y, maskArray, workspaceMgr);
        if (maskArray != null) {
            INDArray last = maskArray.castTo(DataType.FLOAT).get(all(), point(t - 1)).reshape(n, 1);   // DL4J zeroes the state on padded steps
            hT.muliColumnVector(last);
            cT.muliColumnVector(last);
        }
        f.lastAct = hT;
        f.lastMemCell = cT;
        return f;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(NeuralNetConfiguration conf, IActivation gateActivationFn, INDArray input,
                                                     INDArray recurrentWeights, INDArray inputWeights, INDArray epsilon,
                                                     boolean truncatedBPTT, int tbpttBackwardLength, FwdPassReturn fwdPass,
                                                     boolean forwards, String inputWeightKey, String recurrentWeightKey,
                                                     String biasWeightKey, Map<String, INDArray> gradientViews, INDArray maskArray,
                                                     boolean hasPeepholeConnections, LayerWorkspaceMgr workspaceMgr) {
        return null;      // training runs DL4J's own implementation (see the class comment)
    }
}
