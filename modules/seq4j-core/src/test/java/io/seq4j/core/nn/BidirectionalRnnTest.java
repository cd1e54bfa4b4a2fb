package io.seq4j.core.nn;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.function.BiFunction;

import static io.seq4j.core.nn.GruKernelTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BidirectionalRnn (within-length reversal) against DL4J's Bidirectional (whole-array reversal). */
class BidirectionalRnnTest {

    static MultiLayerNetwork net(RecurrentSpec.Cell cell, Bidirectional.Mode mode, boolean ours, DataType dt) {
        BaseRecurrentLayer inner = (BaseRecurrentLayer) RecurrentSpec.builder(cell, 4).optReturnSequences(true).build().layers(3).get(0);
        BiFunction<Bidirectional.Mode, BaseRecurrentLayer, Bidirectional> wrap = ours ? BidirectionalRnn::new : Bidirectional::new;
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(dt).updater(new NoOp())
                .weightInit(WeightInit.XAVIER).list()
                .layer(wrap.apply(mode, inner))
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(mode == Bidirectional.Mode.CONCAT ? 8 : 4).nOut(3).build())
                .setInputType(InputType.recurrent(3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Nd4j.getRandom().setSeed(11);
        net.params().assign(Nd4j.rand(dt, net.params().shape()).subi(0.5));
        RecurrentKernels.install(net);
        return net;
    }

    static DataSet data(DataType dt) {
        INDArray x = GruTest.input(3, 6, dt);
        INDArray mask = Nd4j.create(new double[][]{{1, 1, 1, 1, 1, 1}, {1, 1, 1, 0, 0, 0}, {1, 1, 0, 0, 0, 0}}).castTo(dt);
        return new DataSet(x, GruTest.labels(3, 6, dt), mask, mask);
    }

    /**
     * Same outputs, loss and gradients as DL4J's Bidirectional for every cell and merge mode: without
     * masks (LSTM and GRU CONCAT: the fused bidirectional primitive), and with masks for SIMPLE_RNN
     * and GRU (not for LSTM, whose DL4J version lets padding leak, below).
     */
    @Test
    void equalsDl4jsBidirectionalForEveryCellAndMergeMode() {
        for (RecurrentSpec.Cell cell : RecurrentSpec.Cell.values()) {
            for (Bidirectional.Mode mode : Bidirectional.Mode.values()) {
                for (boolean masked : new boolean[]{false, true}) {
                    if (masked && cell == RecurrentSpec.Cell.LSTM) {
                        continue;
                    }
                    DataSet ds = data(DataType.FLOAT);
                    equalsDl4j(cell, mode, masked ? ds : new DataSet(ds.getFeatures(), ds.getLabels()), cell + " " + mode + (masked ? " masked" : ""));
                }
            }
        }
    }

    private static void equalsDl4j(RecurrentSpec.Cell cell, Bidirectional.Mode mode, DataSet ds, String what) {
        MultiLayerNetwork ours = net(cell, mode, true, DataType.FLOAT), dl4j = net(cell, mode, false, DataType.FLOAT);
        GruKernelTest.Pass a = GruKernelTest.pass(dl4j, ds, false), b = GruKernelTest.pass(ours, ds, true);
        assertClose(a.out(), b.out(), 1e-5, what + " output");
        assertEquals(a.score(), b.score(), 1e-5 * Math.abs(a.score()), what + " score");
        for (String key : a.gradient().gradientForVariable().keySet()) {
            assertClose(a.gradient().getGradientFor(key), b.gradient().getGradientFor(key), 1e-4, what + " gradient " + key);
        }
    }

    /**
     * Padding must not change the real steps: each padded sequence's output equals the output of the
     * same sequence run alone, unpadded, through DL4J's Bidirectional (where no mask is involved).
     */
    @Test
    void paddedSequencesEqualTheSameSequencesRunAlone() {
        for (RecurrentSpec.Cell cell : RecurrentSpec.Cell.values()) {
            MultiLayerNetwork ours = net(cell, Bidirectional.Mode.CONCAT, true, DataType.FLOAT);
            MultiLayerNetwork dl4j = net(cell, Bidirectional.Mode.CONCAT, false, DataType.FLOAT);
            DataSet ds = data(DataType.FLOAT);
            INDArray padded = ours.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null);
            INDArray dl4jPadded = dl4j.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null);
            org.nd4j.linalg.indexing.INDArrayIndex all = org.nd4j.linalg.indexing.NDArrayIndex.all();
            int[] lengths = {6, 3, 2};
            for (int i = 0; i < 3; i++) {
                INDArray alone = dl4j.output(ds.getFeatures().get(NDArrayIndex.interval(i, i + 1),
                        all, NDArrayIndex.interval(0, lengths[i])));
                INDArray mine = padded.get(NDArrayIndex.interval(i, i + 1),
                        all, NDArrayIndex.interval(0, lengths[i]));
                INDArray theirs = dl4jPadded.get(NDArrayIndex.interval(i, i + 1),
                        all, NDArrayIndex.interval(0, lengths[i]));
                assertClose(alone, mine, 1e-5, cell + " row " + i);
                if (cell == RecurrentSpec.Cell.LSTM && i > 0) {
                    // DL4J's own Bidirectional lets the leading padding leak into its LSTM's backward direction
                    assertTrue(alone.sub(theirs).amaxNumber().doubleValue() > 1e-3, "DL4J's padded LSTM result was expected to differ");
                }
            }
        }
    }

    /**
     * Unpadded LSTM and GRU batches (CONCAT) run both directions in one bidirectional oneDNN primitive,
     * padded ones each direction on its own: equalsDl4jsBidirectionalForEveryCellAndMergeMode checks
     * the fused results, paddedSequencesEqualTheSameSequencesRunAlone the others.
     */
    @Test
    void unpaddedBatchesRunBothDirectionsInOnePrimitive() {
        for (RecurrentSpec.Cell cell : new RecurrentSpec.Cell[]{RecurrentSpec.Cell.LSTM, RecurrentSpec.Cell.GRU}) {
            unpaddedBatchesRunBothDirectionsInOnePrimitive(cell);
        }
    }

    private static void unpaddedBatchesRunBothDirectionsInOnePrimitive(RecurrentSpec.Cell cell) {
        MultiLayerNetwork ours = net(cell, Bidirectional.Mode.CONCAT, true, DataType.FLOAT);
        BidirectionalRnnLayer layer = (BidirectionalRnnLayer) ours.getLayer(0);
        DataSet ds = data(DataType.FLOAT);
        INDArray x = ds.getFeatures(), ones = Nd4j.ones(DataType.FLOAT, 3, 6);
        INDArray unmasked = ours.output(x);
        assertEquals(RecurrentKernels.onednn(), layer.lastPassFused());
        INDArray allOnes = ours.output(x, false, ones, null);
        assertEquals(RecurrentKernels.onednn(), layer.lastPassFused());
        assertClose(unmasked, allOnes, 0, "a mask of ones");
        ours.output(x, false, ds.getFeaturesMaskArray(), null);
        assertEquals(false, layer.lastPassFused());
        // a training pass after a padded one, and backprop right after it
        ours.fit(new DataSet(x, ds.getLabels(), ones, ones));
        assertEquals(RecurrentKernels.onednn(), layer.lastPassFused());
    }

    @Test
    void gradientsMatchFiniteDifferencesWithMasks() {
        DataSet ds = data(DataType.DOUBLE);
        for (Bidirectional.Mode mode : new Bidirectional.Mode[]{Bidirectional.Mode.CONCAT, Bidirectional.Mode.MUL}) {
            assertTrue(GradientChecks.check(new GradientCheckUtil.MLNConfig().net(net(RecurrentSpec.Cell.GRU, mode, true, DataType.DOUBLE))
                    .input(ds.getFeatures()).labels(ds.getLabels()).inputMask(ds.getFeaturesMaskArray()).labelMask(ds.getLabelsMaskArray())), mode.name());
        }
    }

    @Test
    void configurationRoundTripsThroughJson() {
        MultiLayerNetwork net = net(RecurrentSpec.Cell.LSTM, Bidirectional.Mode.AVERAGE, true, DataType.FLOAT);
        String json = net.getLayerWiseConfigurations().toJson();
        assertTrue(json.contains("io.seq4j.core.nn.BidirectionalRnn"), json);
        assertEquals(net.getLayerWiseConfigurations(), MultiLayerConfiguration.fromJson(json));
    }

    /** Networks built from clones of one configuration (Spark's workers) must not share the inner layers' dropout state. */
    @Test
    void cloneCopiesTheInnerLayersAndTheirDropout() {
        BaseRecurrentLayer inner = (BaseRecurrentLayer) RecurrentSpec.builder(RecurrentSpec.Cell.LSTM, 4).optDropout(0.2)
                .optReturnSequences(true).build().layers(3).get(0);
        BidirectionalRnn b = new BidirectionalRnn(Bidirectional.Mode.CONCAT, inner);
        BidirectionalRnn c = b.clone();
        assertEquals(b, c);
        assertTrue(b.getFwd() != c.getFwd() && b.getBwd() != c.getBwd(), "the inner layers are copied");
        assertTrue(b.getFwd().getIDropout() != null && b.getFwd().getIDropout() != c.getFwd().getIDropout(), "so is their dropout");
    }
}
