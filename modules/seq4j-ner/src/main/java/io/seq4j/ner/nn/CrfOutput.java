package io.seq4j.ner.nn;

import io.seq4j.core.nn.LayerWiring;
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
 * Linear-chain CRF output layer (DL4J has none): emission scores {@code e_t = h_t W + b} for each
 * of {@code nOut} tags, plus learned transition, start and end scores ({@link LinearChainCrf}).
 * Input {@code [batch, nIn, T]} with the label mask {@code [batch, T]} (sequences left-aligned);
 * labels one-hot {@code [batch, nOut, T]}. The loss is the mean over sequences of -log p(gold
 * path); {@code output()} returns the emissions {@code [batch, nOut, T]}, which
 * {@link CrfOutputLayer#decode} turns into the Viterbi paths. Gradients are checked against finite
 * differences in CrfOutputTest.
 */
public class CrfOutput extends FeedForwardLayer {
    /** For JSON deserialization. */
    @SuppressWarnings("unused")
    private CrfOutput() {
    }

    /** @param nIn encoder features per step (0: from the input type); @param tags number of tags */
    public CrfOutput(long nIn, long tags) {
        if (nIn < 0 || tags < 1) throw new IllegalArgumentException("a CRF needs nIn >= 0 and at least one tag, got " + nIn + ", " + tags);
        this.nIn = nIn;
        this.nOut = tags;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new CrfOutputLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializer(), initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return CrfParamInitializer.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent r)) {
            throw new IllegalArgumentException("the CRF layer (layer " + layerIndex + ") needs a recurrent input, got " + inputType);
        }
        return InputType.recurrent(nOut, r.getTimeSeriesLength());
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (inputType instanceof InputType.InputTypeRecurrent r && (override || nIn <= 0)) nIn = r.getSize();
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return null;
    }
}
