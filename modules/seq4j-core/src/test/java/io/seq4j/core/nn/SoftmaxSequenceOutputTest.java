package io.seq4j.core.nn;

import io.seq4j.core.backend.Backend;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fused softmax output layer against DL4J's RnnOutputLayer with SPARSE_MCXENT: same score, gradients, outputs. */
class SoftmaxSequenceOutputTest {
    private static final int B = 4, N_IN = 6, T = 5, V = 11;

    private static MultiLayerNetwork net(boolean fused) {
        return net(fused, 0);
    }

    private static MultiLayerNetwork net(boolean fused, double dropout) {
        Backend.init();
        org.deeplearning4j.nn.conf.layers.BaseOutputLayer out = fused ? new SoftmaxSequenceOutput(N_IN, V)
                : new RnnOutputLayer.Builder(LossFunction.SPARSE_MCXENT).activation(Activation.SOFTMAX).nIn(N_IN).nOut(V)
                .dataFormat(RNNFormat.NCW).build();
        if (dropout > 0) out.setIDropout(new org.deeplearning4j.nn.conf.dropout.Dropout(1 - dropout));
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).updater(new Adam(0.01))
                .weightInit(WeightInit.XAVIER).list().layer(out).build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        n.initGradientsView();
        n.getLayer(0).getParam("b").assign(Nd4j.linspace(DataType.FLOAT, -0.5, 1.0 / (V - 1), V).reshape(1, V));   // a bias that matters
        return n;
    }

    private static final Random RANDOM = new Random(11);
    private static final INDArray X = Nd4j.randn(DataType.FLOAT, B, N_IN, T).muli(2);
    private static final INDArray Y = labels();
    /** End padding of different lengths and a gap. */
    private static final INDArray MASK = Nd4j.createFromArray(new float[][]{
            {1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}, {1, 1, 0, 1, 0}, {1, 0, 0, 0, 0}});
    /** Mask weights other than 0/1: DL4J's own code runs, so the results are DL4J's. */
    private static final INDArray WEIGHTS = Nd4j.createFromArray(new float[][]{
            {1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}, {1, 0.5f, 1, 1, 0}, {1, 0, 0, 0, 0}});

    private static INDArray labels() {
        INDArray y = Nd4j.create(DataType.FLOAT, B, 1, T);
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                y.putScalar(new int[]{b, 0, t}, RANDOM.nextInt(V));
            }
        }
        return y;
    }

    private static Pair<Gradient, INDArray> backprop(MultiLayerNetwork n, INDArray mask) {
        Layer out = n.getLayer(0);
        out.setInput(X, LayerWorkspaceMgr.noWorkspaces());
        ((IOutputLayer) out).setLabels(Y);
        out.setMaskArray(mask);
        return out.backpropGradient(null, LayerWorkspaceMgr.noWorkspaces());
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertEquals(expected.length(), actual.length(), what);
        double worst = 0;
        INDArray e = expected.reshape(expected.length()), a = actual.reshape(actual.length());
        for (long i = 0; i < e.length(); i++) {
            worst = Math.max(worst, Math.abs(e.getDouble(i) - a.getDouble(i)) / (1e-3 + Math.abs(e.getDouble(i))));
        }
        assertTrue(worst < 1e-4, what + ": worst relative difference " + worst);
    }

    @Test
    void sameInitScoreGradientsAndInputGradientAsDl4j() {
        for (INDArray mask : new INDArray[]{null, MASK, WEIGHTS}) {
            MultiLayerNetwork dl4j = net(false), fused = net(true);
            assertInstanceOf(SoftmaxSequenceOutputLayer.class, fused.getLayer(0));
            assertEquals(dl4j.params(), fused.params());
            Pair<Gradient, INDArray> expected = backprop(dl4j, mask), actual = backprop(fused, mask);
            for (String key : new String[]{"W", "b"}) {
                assertClose(expected.getFirst().getGradientFor(key), actual.getFirst().getGradientFor(key), key + " gradient, mask " + (mask != null));
            }
            assertClose(expected.getSecond(), actual.getSecond(), "input gradient, mask " + (mask != null));
            if (mask != null) {
                assertEquals(0.0, actual.getSecond().getDouble(1, 2, 4), 0.0);       // padding gets no gradient
            }
            double s1 = ((IOutputLayer) dl4j.getLayer(0)).computeScore(0.25, true, LayerWorkspaceMgr.noWorkspaces());
            double s2 = ((IOutputLayer) fused.getLayer(0)).computeScore(0.25, true, LayerWorkspaceMgr.noWorkspaces());
            assertEquals(s1, s2, 1e-5 * Math.abs(s1));
        }
    }

    @Test
    void scoreWithoutAGradientPassAndAfterAnUpdate() {
        MultiLayerNetwork dl4j = net(false), fused = net(true);
        backprop(fused, MASK);
        fused.getLayer(0).getParam("W").addi(0.1);             // the cached loss no longer applies
        dl4j.getLayer(0).getParam("W").addi(0.1);
        backprop(dl4j, MASK);
        double s1 = ((IOutputLayer) dl4j.getLayer(0)).computeScore(0, true, LayerWorkspaceMgr.noWorkspaces());
        double s2 = ((IOutputLayer) fused.getLayer(0)).computeScore(0, true, LayerWorkspaceMgr.noWorkspaces());
        assertEquals(s1, s2, 1e-5 * Math.abs(s1));
    }

    @Test
    void trainingMatchesDl4jStepForStep() {
        MultiLayerNetwork dl4j = net(false), fused = net(true);
        org.nd4j.linalg.dataset.DataSet ds = new org.nd4j.linalg.dataset.DataSet(X, Y, null, MASK);
        for (int i = 0; i < 5; i++) {
            dl4j.fit(ds);
            fused.fit(ds);
            assertEquals(dl4j.score(), fused.score(), 1e-4 * Math.abs(dl4j.score()), "step " + i);
        }
        assertClose(dl4j.params(), fused.params(), "parameters after 5 Adam steps");
        assertClose(dl4j.output(X), fused.output(X), "probabilities");
    }

    /** With input dropout the gradients are those of the dropped input, and the input gradient passes the dropout mask. */
    @Test
    void inputDropout() {
        MultiLayerNetwork dropped = net(true, 0.3), plain = net(true);
        Pair<Gradient, INDArray> g1 = backprop(dropped, MASK);
        INDArray x = dropped.getLayer(0).input().dup();
        assertTrue(x.eq(0).castTo(DataType.INT32).sumNumber().intValue() > 10, "some inputs were dropped");
        Layer out = plain.getLayer(0);
        out.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        ((IOutputLayer) out).setLabels(Y);
        out.setMaskArray(MASK);
        Pair<Gradient, INDArray> g2 = out.backpropGradient(null, LayerWorkspaceMgr.noWorkspaces());
        assertClose(g2.getFirst().getGradientFor("W"), g1.getFirst().getGradientFor("W"), "W gradient of the dropped input");
        INDArray passed = g2.getSecond().mul(x.neq(0).castTo(DataType.FLOAT)).divi(0.7);
        assertClose(passed, g1.getSecond(), "input gradient through the dropout mask");
    }

    /** Central differences in FP32 on a few weights and inputs (the fused path is FP32 only). */
    @Test
    void finiteDifferences() {
        MultiLayerNetwork n = net(true);
        Layer out = n.getLayer(0);
        Pair<Gradient, INDArray> g = backprop(n, MASK);
        INDArray w = out.getParam("W"), gw = g.getFirst().getGradientFor("W").dup(), gx = g.getSecond().dup();
        double h = 1e-2;
        for (int[] at : new int[][]{{0, 0}, {3, 7}, {5, 10}}) {
            double v = w.getDouble(at[0], at[1]);
            w.putScalar(at[0], at[1], v + h);
            double up = loss(n, X);
            w.putScalar(at[0], at[1], v - h);
            double down = loss(n, X);
            w.putScalar(at[0], at[1], v);
            assertEquals((up - down) / (2 * h), gw.getDouble(at[0], at[1]), 2e-3, "dW" + at[0] + "," + at[1]);
        }
        for (int[] at : new int[][]{{0, 0, 0}, {2, 3, 1}, {1, 5, 2}}) {
            INDArray x = X.dup();
            double v = x.getDouble(at);
            x.putScalar(at, v + h);
            double up = loss(n, x);
            x.putScalar(at, v - h);
            double down = loss(n, x);
            assertEquals((up - down) / (2 * h), gx.getDouble(at), 2e-3, "dX" + java.util.Arrays.toString(at));
        }
    }

    /** The loss summed over the batch (the gradients' scale): the score times B. */
    private static double loss(MultiLayerNetwork n, INDArray x) {
        Layer out = n.getLayer(0);
        out.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        ((IOutputLayer) out).setLabels(Y);
        out.setMaskArray(MASK);
        return ((IOutputLayer) out).computeScore(0, true, LayerWorkspaceMgr.noWorkspaces()) * B;
    }

    @Test
    void badLabelsNameTheStep() {
        MultiLayerNetwork n = net(true);
        Layer out = n.getLayer(0);
        out.setInput(X, LayerWorkspaceMgr.noWorkspaces());
        INDArray y = Y.dup();
        y.putScalar(new int[]{2, 0, 3}, V);
        ((IOutputLayer) out).setLabels(y);
        out.setMaskArray(null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> out.backpropGradient(null, LayerWorkspaceMgr.noWorkspaces()));
        assertTrue(e.getMessage().contains("sequence 2, step 3"), e.getMessage());
    }

    @Test
    void saveAndLoadKeepTheLayerAndItsOutputs() throws Exception {
        MultiLayerNetwork n = net(true);
        n.fit(new org.nd4j.linalg.dataset.DataSet(X, Y, null, MASK));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(n, bytes, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);
        assertInstanceOf(SoftmaxSequenceOutputLayer.class, back.getLayer(0));
        assertEquals(n.params(), back.params());
        assertEquals(n.output(X), back.output(X));
    }
}
