package io.seq4j.core.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;

import java.util.Collection;

/**
 * DL4J's {@link RnnOutputLayer} with softmax and sparse cross-entropy (labels {@code [batch, 1, T]}
 * holding class indices, label mask {@code [batch, T]}, input {@code [batch, nIn, T]}, NCW), the same
 * parameters ({@code W [nIn, nOut]}, {@code b [1, nOut]}) and the same score and gradients, with a
 * fused training step ({@link SoftmaxSequenceOutputLayer}): for a large vocabulary this layer is most
 * of a translation or word-LM step. Inference ({@code output}, {@code rnnTimeStep}) is DL4J's.
 */
public class SoftmaxSequenceOutput extends RnnOutputLayer {
    /** For JSON deserialization. */
    @SuppressWarnings("unused")
    private SoftmaxSequenceOutput() {
    }

    /** @param nIn input features per step; @param classes the vocabulary or label-set size */
    public SoftmaxSequenceOutput(long nIn, long classes) {
        if (nIn < 1 || classes < 1) throw new IllegalArgumentException("needs nIn >= 1 and classes >= 1, got " + nIn + ", " + classes);
        setNIn(nIn);
        setNOut(classes);
        setHasBias(true);
        setLossFn(new LossSparseMCXENT());
        setActivationFn(new ActivationSoftmax());
        setRnnDataFormat(RNNFormat.NCW);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new SoftmaxSequenceOutputLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializer(), initializeParams);
    }
}
