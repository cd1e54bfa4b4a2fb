package io.seq4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

/** {@link DotAttention}: finite-difference gradients with padded queries and keys, the documented forward equations, serialisation. */
class DotAttentionTest {
    private static final int B = 3, D = 4, TQ = 5, TK = 6, N_IN = 3, CLASSES = 3;

    /** queries and keys each from an LSTM of their own input, attention, softmax over CLASSES per query step. */
    private static ComputationGraph graph(DataType type) {
        var conf = new NeuralNetConfiguration.Builder().seed(7).dataType(type).updater(new NoOp()).graphBuilder()
                .addInputs("q", "k")
                .addLayer("lq", new LSTM.Builder().nIn(N_IN).nOut(D).activation(Activation.TANH).build(), "q")
                .addLayer("lk", new LSTM.Builder().nIn(N_IN).nOut(D).activation(Activation.TANH).build(), "k")
                .addVertex("att", new DotAttention(), "lq", "lk")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(D).nOut(CLASSES)
                        .dataFormat(RNNFormat.NCW).build(), "att")
                .setOutputs("out").setInputTypes(InputType.recurrent(N_IN), InputType.recurrent(N_IN)).build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    private static INDArray mask(int t, int... lengths) {
        INDArray m = Nd4j.zeros(DataType.DOUBLE, lengths.length, t);
        for (int i = 0; i < lengths.length; i++) for (int s = 0; s < lengths[i]; s++) m.putScalar(i, s, 1.0);
        return m;
    }

    private static INDArray labels() {
        INDArray l = Nd4j.zeros(DataType.DOUBLE, B, CLASSES, TQ);
        for (int i = 0; i < B; i++) for (int t = 0; t < TQ; t++) l.putScalar(i, (i + t) % CLASSES, t, 1.0);
        return l;
    }

    @Test
    void gradientsMatchFiniteDifferencesWithPaddedQueriesAndKeys() {
        Nd4j.getRandom().setSeed(11);
        ComputationGraph g = graph(DataType.DOUBLE);
        INDArray q = Nd4j.rand(DataType.DOUBLE, B, N_IN, TQ), k = Nd4j.rand(DataType.DOUBLE, B, N_IN, TK);
        INDArray qMask = mask(TQ, 5, 3, 4), kMask = mask(TK, 6, 2, 4);
        assertTrue(GradientChecks.check(new GradientCheckUtil.GraphConfig().net(g).inputs(new INDArray[]{q, k})
                .labels(new INDArray[]{labels()}).inputMask(new INDArray[]{qMask, kMask}).labelMask(new INDArray[]{qMask})));
        assertTrue(GradientChecks.check(new GradientCheckUtil.GraphConfig().net(graph(DataType.DOUBLE)).inputs(new INDArray[]{q, k})
                .labels(new INDArray[]{labels()})), "unmasked");
    }

    @Test
    void forwardIsSoftmaxOfScaledDotProductsOverUnmaskedKeys() throws Exception {
        Nd4j.getRandom().setSeed(12);
        ComputationGraph g = graph(DataType.FLOAT);
        INDArray q = Nd4j.rand(DataType.FLOAT, B, N_IN, TQ), k = Nd4j.rand(DataType.FLOAT, B, N_IN, TK);
        INDArray qMask = mask(TQ, 5, 3, 4).castTo(DataType.FLOAT), kMask = mask(TK, 6, 2, 4).castTo(DataType.FLOAT);
        g.setLayerMaskArrays(new INDArray[]{qMask, kMask}, null);
        var acts = g.feedForward(new INDArray[]{q, k}, false);
        INDArray lq = acts.get("lq"), lk = acts.get("lk"), att = acts.get("att");
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < TQ; t++) {
                double[] w = new double[TK];
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (int j = 0; j < TK; j++) {
                    if (kMask.getDouble(b, j) == 0) continue;
                    double s = 0;
                    for (int d = 0; d < D; d++) s += lq.getDouble(b, d, t) * lk.getDouble(b, d, j);
                    w[j] = s / Math.sqrt(D);
                    max = Math.max(max, w[j]);
                }
                for (int j = 0; j < TK; j++) sum += w[j] = kMask.getDouble(b, j) == 0 ? 0 : Math.exp(w[j] - max);
                for (int d = 0; d < D; d++) {
                    double c = 0;
                    for (int j = 0; j < TK; j++) c += w[j] / sum * lk.getDouble(b, d, j);
                    assertEquals(c * qMask.getDouble(b, t), att.getDouble(b, d, t), 1e-5, "b " + b + " d " + d + " t " + t);
                }
            }
        }
        g.clearLayerMaskArrays();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(g, bytes, false);
        ComputationGraph back = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(g.output(q, k)[0], back.output(q, k)[0], "round trip through the configuration JSON");
    }
}
