package io.seq4j.core.nn;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.io.File;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GruTest {
    static final int N_IN = 3, H = 4, CLASSES = 3;

    static MultiLayerNetwork net(boolean bidirectional, DataType dt) {
        var gru = new Gru.Builder().nIn(N_IN).nOut(H).build();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(12345).dataType(dt)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER).list()
                .layer(bidirectional ? new Bidirectional(Bidirectional.Mode.CONCAT, gru) : gru)
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(bidirectional ? 2 * H : H).nOut(CLASSES).build())
                .setInputType(InputType.recurrent(N_IN)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // non-zero biases so their gradients are exercised
        Nd4j.getRandom().setSeed(7);
        net.params().addi(Nd4j.rand(dt, net.params().shape()).subi(0.5).muli(0.2));
        return net;
    }

    static INDArray input(int mb, int t, DataType dt) {
        Nd4j.getRandom().setSeed(3);
        return Nd4j.rand(dt, mb, N_IN, t).subi(0.5).muli(2);
    }

    static INDArray labels(int mb, int t, DataType dt) {
        INDArray l = Nd4j.zeros(dt, mb, CLASSES, t);
        Random r = new Random(5);
        for (int i = 0; i < mb; i++) for (int s = 0; s < t; s++) l.putScalar(new int[]{i, r.nextInt(CLASSES), s}, 1.0);
        return l;
    }

    /** Lengths 5, 3, 1: end padding, as the batcher produces. */
    static INDArray mask(int t) {
        INDArray m = Nd4j.zeros(DataType.DOUBLE, 3, t);
        int[] len = {5, 3, 1};
        for (int i = 0; i < 3; i++) for (int s = 0; s < len[i]; s++) m.putScalar(i, s, 1.0);
        return m;
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        MultiLayerNetwork net = net(false, DataType.DOUBLE);
        assertTrue(GradientChecks.check(new GradientCheckUtil.MLNConfig().net(net)
                .input(input(3, 5, DataType.DOUBLE)).labels(labels(3, 5, DataType.DOUBLE))));
    }

    @Test
    void gradientsMatchFiniteDifferencesWithMasks() {
        MultiLayerNetwork net = net(false, DataType.DOUBLE);
        INDArray m = mask(5);
        assertTrue(GradientChecks.check(new GradientCheckUtil.MLNConfig().net(net)
                .input(input(3, 5, DataType.DOUBLE)).labels(labels(3, 5, DataType.DOUBLE)).inputMask(m).labelMask(m)));
    }

    @Test
    void bidirectionalGradientsMatchFiniteDifferencesWithMasks() {
        MultiLayerNetwork net = net(true, DataType.DOUBLE);
        INDArray m = mask(5);
        assertTrue(GradientChecks.check(new GradientCheckUtil.MLNConfig().net(net)
                .input(input(3, 5, DataType.DOUBLE)).labels(labels(3, 5, DataType.DOUBLE)).inputMask(m).labelMask(m)));
    }

    /** In a ComputationGraph (the encoder-decoder setting), with a mask, many-to-one through LastTimeStep. */
    @Test
    void gradientsMatchFiniteDifferencesInAComputationGraph() {
        var conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).updater(new NoOp()).graphBuilder()
                .addInputs("in")
                .addLayer("gru", new org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep(
                        new Gru.Builder().nIn(N_IN).nOut(H).build()), "in")
                .addLayer("out", new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nIn(H).nOut(CLASSES).build(), "gru")
                .setOutputs("out").setInputTypes(InputType.recurrent(N_IN)).build();
        var graph = new org.deeplearning4j.nn.graph.ComputationGraph(conf);
        graph.init();
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 3, CLASSES);
        for (int i = 0; i < 3; i++) labels.putScalar(i, i % CLASSES, 1.0);
        assertTrue(GradientChecks.check(new GradientCheckUtil.GraphConfig().net(graph)
                .inputs(new INDArray[]{input(3, 5, DataType.DOUBLE)}).labels(new INDArray[]{labels})
                .inputMask(new INDArray[]{mask(5)})));
    }

    /** The forward pass equals a plain-Java implementation of the documented equations. */
    @Test
    void forwardMatchesReferenceEquations() {
        MultiLayerNetwork net = net(false, DataType.DOUBLE);
        INDArray x = input(2, 4, DataType.DOUBLE);
        INDArray out = net.feedForward(x, false).get(1);
        var p = net.getLayer(0).paramTable();
        double[][] w = p.get("W").toDoubleMatrix(), rw = p.get("RW").toDoubleMatrix();
        double[] b = p.get("b").toDoubleVector(), rb = p.get("rb").toDoubleVector();
        for (int i = 0; i < 2; i++) {
            double[] h = new double[H];
            for (int t = 0; t < 4; t++) {
                double[] hNew = new double[H];
                for (int j = 0; j < H; j++) {
                    double[] a = new double[3], rec = new double[3];
                    for (int g = 0; g < 3; g++) {
                        a[g] = b[g * H + j];
                        for (int k = 0; k < N_IN; k++) a[g] += x.getDouble(i, k, t) * w[k][g * H + j];
                        for (int k = 0; k < H; k++) rec[g] += h[k] * rw[k][g * H + j];
                    }
                    double r = 1 / (1 + Math.exp(-(a[0] + rec[0])));
                    double z = 1 / (1 + Math.exp(-(a[1] + rec[1])));
                    double n = Math.tanh(a[2] + r * (rec[2] + rb[j]));
                    hNew[j] = (1 - z) * n + z * h[j];
                }
                h = hNew;
                for (int j = 0; j < H; j++) assertEquals(h[j], out.getDouble(i, j, t), 1e-12);
            }
        }
    }

    /** A padded sequence gives the same outputs on its real steps, zeros after, and the same loss. */
    @Test
    void paddingChangesNeitherOutputsNorLoss() {
        MultiLayerNetwork net = net(false, DataType.DOUBLE);
        INDArray x = input(1, 3, DataType.DOUBLE);
        INDArray padded = Nd4j.zeros(DataType.DOUBLE, 1, N_IN, 6);
        padded.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 3)).assign(x);
        padded.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(3, 6)).assign(7.0); // garbage
        INDArray m = Nd4j.create(new double[][]{{1, 1, 1, 0, 0, 0}});
        INDArray plain = net.getLayer(0).activate(x, false, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        net.getLayer(0).setMaskArray(m);
        INDArray masked = net.getLayer(0).activate(padded, false, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        net.getLayer(0).setMaskArray(null);
        for (int t = 0; t < 3; t++) for (int j = 0; j < H; j++) assertEquals(plain.getDouble(0, j, t), masked.getDouble(0, j, t), 0.0);
        assertEquals(0.0, masked.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(3, 6)).norm1Number().doubleValue());

        INDArray l = labels(1, 3, DataType.DOUBLE);
        INDArray lPadded = Nd4j.zeros(DataType.DOUBLE, 1, CLASSES, 6);
        lPadded.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 3)).assign(l);
        double lossPlain = net.score(new DataSet(x, l));
        double lossPadded = net.score(new DataSet(padded, lPadded, m, m));
        assertEquals(lossPlain, lossPadded, 1e-12);
    }

    /** Masked steps leave the carried state unchanged: rnnTimeStep with a masked step = without it. */
    @Test
    void rnnTimeStepMatchesFullForwardAndKeepsState() {
        MultiLayerNetwork net = net(false, DataType.DOUBLE);
        INDArray x = input(2, 6, DataType.DOUBLE);
        INDArray full = net.output(x);
        net.rnnClearPreviousState();
        for (int t = 0; t < 6; t++) {
            INDArray step = net.rnnTimeStep(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)));
            for (int i = 0; i < 2; i++) for (int c = 0; c < CLASSES; c++) {
                assertEquals(full.getDouble(i, c, t), step.getDouble(i, c), 1e-12);
            }
        }
        // split into two chunks: same result
        net.rnnClearPreviousState();
        net.rnnTimeStep(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 4)));
        INDArray tail = net.rnnTimeStep(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(4, 6)));
        assertEquals(full.getDouble(1, 2, 5), tail.getDouble(1, 2, 1), 1e-12);
    }

    @Test
    void jsonRoundTripAndSaveLoad(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = net(true, DataType.FLOAT);
        String json = net.getLayerWiseConfigurations().toJson();
        assertTrue(json.contains("io.seq4j.core.nn.Gru"), json);
        assertEquals(net.getLayerWiseConfigurations(), MultiLayerConfiguration.fromJson(json));
        File f = dir.resolve("gru.zip").toFile();
        ModelSerializer.writeModel(net, f, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(f, true);
        INDArray x = input(2, 5, DataType.FLOAT);
        assertEquals(net.output(x), back.output(x));
        assertEquals(net.params(), back.params());
    }

    /** Trains (Adam, truncated BPTT) to predict the previous input's class: needs memory. */
    @Test
    void learnsOneStepMemoryWithTruncatedBptt() {
        var conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(0.02)).weightInit(WeightInit.XAVIER).list()
                .layer(new Gru.Builder().nIn(N_IN).nOut(16).build())
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(16).nOut(N_IN).build())
                .setInputType(InputType.recurrent(N_IN))
                .backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(10).tBPTTBackwardLength(10).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Random r = new Random(1);
        int mb = 16, t = 40;
        INDArray x = Nd4j.zeros(DataType.FLOAT, mb, N_IN, t), y = Nd4j.zeros(DataType.FLOAT, mb, N_IN, t);
        for (int i = 0; i < mb; i++) {
            int prev = 0;
            for (int s = 0; s < t; s++) {
                int c = r.nextInt(N_IN);
                x.putScalar(new int[]{i, c, s}, 1);
                y.putScalar(new int[]{i, prev, s}, 1);
                prev = c;
            }
        }
        DataSet ds = new DataSet(x, y);
        for (int i = 0; i < 150; i++) net.fit(ds);
        INDArray out = net.output(x);
        double acc = out.argMax(1).eq(y.argMax(1)).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        assertTrue(acc > 0.95, "accuracy " + acc);
    }
}
