package io.seq4j.series;

import io.seq4j.core.nn.RecurrentSpec;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToRnnPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.RnnToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.List;

/**
 * The network of a {@link SeriesConfig}, input {@code [batch, F, T]} frames with mask {@code [batch, T]}:
 * <ul>
 *   <li>with {@code cnn} = HxWxC (F = C*H*W): every frame goes through conv 3x3 (filters, ReLU) ->
 *       max-pool 2x2 -> conv 3x3 (2 x filters, ReLU) -> max-pool 2x2, DL4J's RnnToCnn/CnnToRnn
 *       preprocessors moving the time steps into the batch and back, so the CNN trains end to end
 *       with the recurrence; the encoder then reads {@code 2 x filters x H/4 x W/4} values per step;</li>
 *   <li>the recurrent encoder {@code -> [batch, H, T]} (H = units, or 2 x units bidirectional);</li>
 *   <li>pooling {@code -> [batch, H]}; optional dense ReLU layer {@code -> [batch, hidden]};</li>
 *   <li>output {@code [batch, outputs]}: softmax (classification, MCXENT) or identity (regression, MSE or L1).</li>
 * </ul>
 */
final class SeriesNetwork {
    private SeriesNetwork() {
    }

    static MultiLayerNetwork build(SeriesConfig c, int features, int outputs, boolean classification) {
        var builder = new NeuralNetConfiguration.Builder().seed(c.seed()).updater(new Adam(c.learningRate()))
                .weightInit(WeightInit.XAVIER);
        if (c.l2() > 0) builder.l2(c.l2());
        var list = builder.list();
        int layer = 0;
        int nIn = features;
        int[] image = c.cnnImage();
        if (image != null) {
            int h = image[0], w = image[1], ch = image[2];
            if (features != h * w * ch) {
                throw new IllegalArgumentException("cnn " + c.cnn() + " reads " + h * w * ch + " values per frame, the frames have " + features);
            }
            list.inputPreProcessor(0, new RnnToCnnPreProcessor(h, w, ch));
            for (int block = 0; block < 2; block++) {
                int filters = c.cnnFilters() << block;
                list.layer(layer++, new ConvolutionLayer.Builder(3, 3).nIn(block == 0 ? ch : c.cnnFilters()).nOut(filters)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.RELU).build());
                list.layer(layer++, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build());
            }
            int oh = h / 4, ow = w / 4, oc = c.cnnFilters() * 2;
            list.inputPreProcessor(layer, new CnnToRnnPreProcessor(oh, ow, oc));
            nIn = oh * ow * oc;
        }
        RecurrentSpec spec = c.encoder();
        for (Layer l : spec.layers(nIn)) list.layer(layer++, l);
        Layer pooling = c.pooling().layer(spec.outputSize());
        if (pooling != null) list.layer(layer++, pooling);
        int width = spec.outputSize();
        if (c.hidden() > 0) {
            list.layer(layer++, new DenseLayer.Builder().nIn(width).nOut(c.hidden()).activation(Activation.RELU).build());
            width = c.hidden();
        }
        OutputLayer.Builder out = classification
                ? new OutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                : new OutputLayer.Builder(c.loss().equals("l1") ? LossFunction.L1 : LossFunction.MSE).activation(Activation.IDENTITY);
        out.nIn(width).nOut(outputs);
        if (c.outputDropout() > 0) out.dropOut(1 - c.outputDropout());
        list.layer(layer, out.build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.setInputType(InputType.recurrent(features)).build());
        net.init();
        return net;
    }

    /** The layer types in order, for the progress line. */
    static String describe(MultiLayerNetwork net) {
        return String.join(" -> ", List.of(net.getLayers()).stream().map(l -> l.conf().getLayer().getClass().getSimpleName()).toList());
    }
}
