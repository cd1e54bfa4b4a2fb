package io.seq4j.core.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * Configuration of seq4j's gated recurrent unit layer (DL4J 1.0.0-M2.1 has none).
 *
 * <p>The cell is the "reset-after" GRU used by cuDNN, PyTorch and oneDNN (lbr_gru), gates in the
 * order r, z, n:
 * <pre>
 *   r = sigmoid(x W_r + b_r + h RW_r)
 *   z = sigmoid(x W_z + b_z + h RW_z)
 *   n = tanh(x W_n + b_n + r * (h RW_n + rb))
 *   h' = (1 - z) * n + z * h
 * </pre>
 * Parameters: {@code W [nIn, 3*nOut]}, {@code RW [nOut, 3*nOut]}, {@code b [1, 3*nOut]},
 * {@code rb [1, nOut]} (see {@link GruParamInitializer}).
 *
 * <p>Input {@code [batch, nIn, time]} (NCW), output {@code [batch, nOut, time]}. With a feature
 * mask {@code [batch, time]}, a masked step leaves the state unchanged and outputs zeros, so
 * padding changes neither the state nor the loss. Supports {@code rnnTimeStep} (stateful
 * generation), truncated BPTT, and {@code Bidirectional}.
 */
public class Gru extends BaseRecurrentLayer {

    private Gru(Builder builder) {
        super(builder);
    }

    /** For JSON deserialization. */
    @SuppressWarnings("unused")
    private Gru() {
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        LayerValidation.assertNInNOutSet("Gru", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new GruLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializer(), initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return GruParamInitializer.INSTANCE;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return null;
    }

    /** Builder; activation defaults to tanh (the candidate activation; gates are always sigmoid). */
    public static class Builder extends BaseRecurrentLayer.Builder<Builder> {
        public Builder() {
            this.setActivationFn(Activation.TANH.getActivationFunction());
        }

        @Override
        @SuppressWarnings("unchecked")
        public Gru build() {
            return new Gru(this);
        }
    }
}
