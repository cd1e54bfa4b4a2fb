package io.seq4j.core.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * Additive attention pooling over time (Yang et al. 2016, "Hierarchical Attention Networks"): one
 * learned query scores every step and the output is the score-weighted sum of the steps.
 *
 * <pre>
 *   u_t = tanh(h_t W + b)        W [nIn, attention], b [1, attention]
 *   s_t = u_t v                  v [attention, 1]
 *   a   = softmax over the valid steps of s   (masked steps get weight exactly 0)
 *   out = sum_t a_t h_t
 * </pre>
 *
 * Input {@code [batch, nIn, T]} (NCW) with an optional mask {@code [batch, T]}; output
 * {@code [batch, nIn]}; the mask ends here. Forward and backward are written out in ND4J
 * ({@link AttentionPoolingLayer}) and checked against finite differences in AttentionPoolingTest.
 * (A SameDiffLayer version gave weight gradients exactly 2x the finite differences in DL4J M2.1.)
 */
public class AttentionPooling extends FeedForwardLayer {
    private long attention;

    /** For JSON deserialization. */
    @SuppressWarnings("unused")
    private AttentionPooling() {
    }

    /**
     * @param nIn       features per step (0: taken from the input type)
     * @param attention size of the scoring layer
     */
    public AttentionPooling(long nIn, long attention) {
        if (nIn < 0 || attention <= 0) {
            throw new IllegalArgumentException("attention pooling needs nIn >= 0 and attention > 0, got " + nIn + ", " + attention);
        }
        this.nIn = nIn;
        this.nOut = nIn;
        this.attention = attention;
    }

    public long getAttention() {
        return attention;
    }

    public void setAttention(long attention) {
        this.attention = attention;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new AttentionPoolingLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializer(), initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return AttentionPoolingParamInitializer.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent r)) {
            throw new IllegalArgumentException("attention pooling (layer " + layerIndex + ") needs a recurrent input, got " + inputType);
        }
        return InputType.feedForward(r.getSize());
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (inputType instanceof InputType.InputTypeRecurrent r && (override || nIn <= 0)) {
            nIn = r.getSize();
            nOut = nIn;
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;    // takes [batch, nIn, T] as it is
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return null;
    }
}
