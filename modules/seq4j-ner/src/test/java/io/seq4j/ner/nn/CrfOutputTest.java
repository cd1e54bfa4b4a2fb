package io.seq4j.ner.nn;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;

import static org.junit.jupiter.api.Assertions.*;

class CrfOutputTest {
    static final double[][] MASK = {{1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}, {1, 0, 0, 0, 0}};

    static MultiLayerNetwork net(DataType dt, org.nd4j.linalg.learning.config.IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(dt).updater(updater).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new SimpleRnn.Builder().nOut(3).activation(Activation.TANH).build())
                .layer(new CrfOutput(0, 3))
                .setInputType(InputType.recurrent(4)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static INDArray labels(int[][] tags, int k, int t) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, tags.length, k, t);
        for (int i = 0; i < tags.length; i++) for (int s = 0; s < tags[i].length; s++) y.putScalar(i, tags[i][s], s, 1);
        return y;
    }

    private static final int[][] TAGS = {{0, 1, 2, 2, 0}, {2, 1, 0, 0, 0}, {1, 0, 0, 0, 0}};

    /** The CRF's own parameters and, through the SimpleRnn below it, its input gradient, with masks. */
    @Test
    void gradientsMatchFiniteDifferencesWithMasks() {
        FiniteDifferences.inDouble(() -> {
            Nd4j.getRandom().setSeed(4);
            MultiLayerNetwork net = net(DataType.DOUBLE, new NoOp());
            net.getLayer(1).getParam("trans").assign(Nd4j.rand(DataType.DOUBLE, 3, 3).subi(0.5));
            net.getLayer(1).getParam("start").assign(Nd4j.rand(DataType.DOUBLE, 1, 3).subi(0.5));
            INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 4, 5).subi(0.5);
            int checked = FiniteDifferences.check(net, x, labels(TAGS, 3, 5), Nd4j.create(MASK));
            assertTrue(checked > 40, "non-zero gradients checked: " + checked);
        });
    }

    /** The score DL4J asks for after the gradient (the backward pass's own losses) equals a fresh forward algorithm, also after a parameter change. */
    @Test
    void scoreAfterTheGradientIsTheLossOfTheCurrentParameters() {
        FiniteDifferences.inDouble(() -> {
            LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
            MultiLayerNetwork net = net(DataType.DOUBLE, new NoOp());
            net.initGradientsView();
            CrfOutputLayer crf = (CrfOutputLayer) net.getLayer(1);
            crf.setInput(Nd4j.rand(DataType.DOUBLE, 3, 3, 5), none);
            crf.setLabels(labels(TAGS, 3, 5));
            crf.setMaskArray(Nd4j.create(MASK));
            crf.backpropGradient(null, none);
            double afterGradient = crf.computeScore(0, true, none);
            assertEquals(crf.computeScore(0, true, none), afterGradient, 1e-12);    // the second one is computed afresh
            crf.backpropGradient(null, none);
            crf.getParam("trans").putScalar(0, 1, crf.getParam("trans").getDouble(0, 1) + 0.5);   // the backward pass's losses are of the old parameters now
            double changed = crf.computeScore(0, true, none);
            assertNotEquals(afterGradient, changed, 1e-6);
            assertEquals(changed, crf.computeScore(0, true, none), 1e-12);
        });
    }

    /** Labels and emissions of padded steps change nothing; decode gives the Viterbi path of each sequence's valid part. */
    @Test
    void paddingIsIgnoredAndDecodeIsViterbi() {
        FiniteDifferences.inDouble(() -> {
            MultiLayerNetwork net = net(DataType.DOUBLE, new NoOp());
            net.getLayer(1).getParam("trans").assign(Nd4j.rand(DataType.DOUBLE, 3, 3));
            INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 4, 5);
            INDArray mask = Nd4j.create(MASK);
            double a = FiniteDifferences.score(net, x, labels(TAGS, 3, 5), mask);
            int[][] other = {{0, 1, 2, 2, 0}, {2, 1, 0, 2, 1}, {1, 2, 2, 1, 0}};
            INDArray x2 = x.dup();
            x2.putScalar(new long[]{2, 0, 3}, 9.0);
            assertEquals(a, FiniteDifferences.score(net, x2, labels(other, 3, 5), mask), 1e-12);
            CrfOutputLayer crf = (CrfOutputLayer) net.getLayer(1);
            INDArray em = net.output(x, false, mask, mask);
            int[][] paths = crf.decode(em, mask);
            assertEquals(5, paths[0].length);
            assertEquals(3, paths[1].length);
            assertEquals(1, paths[2].length);
            double[][][] split = CrfOutputLayer.split(em, mask);
            for (int i = 0; i < 3; i++) assertArrayEquals(crf.chain().viterbi(split[i]), paths[i]);
        });
    }

    @Test
    void learnsATransitionRuleAndSurvivesSerialization() throws Exception {
        // tag = 1 exactly when the previous input was positive: only the transition-aware path gets it right everywhere
        Nd4j.getRandom().setSeed(9);
        MultiLayerNetwork net = net(DataType.FLOAT, new Adam(0.05));
        java.util.Random r = new java.util.Random(2);
        int b = 32, t = 6;
        INDArray x = Nd4j.zeros(DataType.FLOAT, b, 4, t);
        int[][] tags = new int[b][t];
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < t; s++) {
                boolean pos = r.nextBoolean();
                x.putScalar(new long[]{i, 0, s}, pos ? 1 : -1);
                tags[i][s] = s > 0 && x.getDouble(i, 0, s - 1) > 0 ? 1 : 0;
            }
        }
        INDArray y = labels(tags, 3, t).castTo(DataType.FLOAT);
        double first = FiniteDifferences.score(net, x, y, null);
        for (int it = 0; it < 150; it++) net.fit(x, y);
        assertTrue(net.score() < first / 5, first + " -> " + net.score());
        CrfOutputLayer crf = (CrfOutputLayer) net.getLayer(1);
        int[][] paths = crf.decode(net.output(x), null);
        assertArrayEquals(tags[0], paths[0]);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);
        assertEquals(net.params(), back.params());
        assertArrayEquals(paths[5], ((CrfOutputLayer) back.getLayer(1)).decode(back.output(x), null)[5]);
    }
}
