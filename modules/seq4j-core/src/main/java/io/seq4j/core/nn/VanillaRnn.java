package io.seq4j.core.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * DL4J's SimpleRnn ({@code h_t = act(x_t W + h_{t-1} RW + b)}, same parameters, same results) whose
 * layer runs on oneDNN's fused vanilla-RNN primitives where it applies (see {@link VanillaRnnLayer}).
 * RecurrentSpec's SIMPLE_RNN cell builds this layer.
 */
public class VanillaRnn extends SimpleRnn {

    /** For JSON deserialization. */
    @SuppressWarnings("unused")
    private VanillaRnn() {
        super(new SimpleRnn.Builder());
    }

    private VanillaRnn(SimpleRnn.Builder builder) {
        super(builder);
    }

    /** A VanillaRnn with the settings of a SimpleRnn builder (nIn, nOut, activation, dropout, ...). */
    public static VanillaRnn of(SimpleRnn.Builder builder) {
        return new VanillaRnn(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("VanillaRnn", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new VanillaRnnLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializer(), initializeParams);
    }
}
