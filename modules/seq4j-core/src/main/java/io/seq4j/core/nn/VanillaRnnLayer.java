package io.seq4j.core.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.params.SimpleRnnParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link VanillaRnn}'s layer: DL4J's SimpleRnn implementation, with forward, backward and unmasked
 * rnnTimeStep on oneDNN's vanilla_rnn (tanh) primitives for FP32 passes from a zero state with end
 * padding (DL4J resets the state on masked steps; on end padding that changes nothing on the real
 * steps). Everything else (double precision, layer norm, other activations, truncated BPTT, other
 * masks) is DL4J's own code, which the tests compare against.
 */
final class VanillaRnnLayer extends SimpleRnn {
    private DnnlRnnKernel onednn;
    private INDArray lastTrainedInput;

    VanillaRnnLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private boolean useOnednn() {
        return dataType == DataType.FLOAT && RecurrentKernels.onednn() && !hasLayerNorm()
                && layerConf().getActivationFn() instanceof ActivationTanH && DnnlLayouts.endPadded(maskArray)
                && input != null && input.rank() == 3;
    }

    private DnnlRnnKernel kernel() {
        if (onednn == null) {
            onednn = new DnnlRnnKernel(DnnlRnnKernel.Cell.VANILLA_TANH, layerConf().getNIn(), layerConf().getNOut());
        }
        return onednn;
    }

    private DnnlRnnKernel.Weights weights(boolean training, LayerWorkspaceMgr ws) {
        DnnlRnnKernel.Weights w = kernel().weights();
        w.wl().assign(getParamWithNoise(SimpleRnnParamInitializer.WEIGHT_KEY, training, ws));
        w.wi().assign(getParamWithNoise(SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY, training, ws));
        w.bias().assign(getParamWithNoise(SimpleRnnParamInitializer.BIAS_KEY, training, ws).reshape(w.bias().length()));
        return w;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!useOnednn()) {
            lastTrainedInput = null;
            return super.activate(training, workspaceMgr);
        }
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray x = permuteIfNWC(input.castTo(dataType));
        DnnlRnnKernel.Weights w = weights(training, workspaceMgr);
        lastTrainedInput = training ? x : null;
        INDArray y = training ? kernel().train(x, w, null, null) : kernel().infer(x, w, null, null, null, null);
        return permuteIfNWC(DnnlLayouts.activations(y, maskArray, workspaceMgr));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!useOnednn()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        if (onednn == null || !onednn.trainedOn(lastTrainedInput)) {
            activate(true, workspaceMgr);
        }
        INDArray eps = permuteIfNWC(epsilon);
        DnnlRnnKernel.Gradients g = onednn.backward(eps, maskArray);
        lastTrainedInput = null;
        Gradient grad = new DefaultGradient(gradientsFlattened);
        String[] keys = {SimpleRnnParamInitializer.WEIGHT_KEY, SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY, SimpleRnnParamInitializer.BIAS_KEY};
        INDArray[] values = {g.dwl(), g.dwi(), g.db()};
        for (int i = 0; i < keys.length; i++) {
            INDArray view = gradientViews.get(keys[i]);
            view.assign(values[i].reshape(view.shape()));
            grad.gradientForVariable().put(keys[i], view);
        }
        weightNoiseParams.clear();
        return new Pair<>(grad, permuteIfNWC(backpropDropOutIfPresent(DnnlLayouts.inputGradient(g.dx(), workspaceMgr))));
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        if (!useOnednn() || maskArray != null) {
            return super.rnnTimeStep(input, workspaceMgr);
        }
        INDArray x = permuteIfNWC(input.castTo(dataType));
        long n = x.size(0), h = layerConf().getNOut();
        INDArray start = kernel().startState(stateMap.get(STATE_KEY_PREV_ACTIVATION), n);
        INDArray end = DnnlRnnKernel.buffer(n, h);
        INDArray y = kernel().infer(x, weights(false, workspaceMgr), start, null, end, null);
        stateMap.put(STATE_KEY_PREV_ACTIVATION, end);
        return permuteIfNWC(DnnlLayouts.activations(y, null, workspaceMgr));
    }
}
