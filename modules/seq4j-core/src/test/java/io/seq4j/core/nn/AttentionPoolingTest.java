package io.seq4j.core.nn;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttentionPoolingTest {

    static MultiLayerNetwork net(DataType dt) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(dt).updater(new NoOp())
                .weightInit(WeightInit.XAVIER).list()
                .layer(new AttentionPooling(0, 3))
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(4).nOut(2).build())
                .setInputType(InputType.recurrent(4)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static final double[][] MASK = {{1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}, {1, 0, 0, 0, 0}};

    @Test
    void gradientsMatchFiniteDifferencesWithMasks() {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            Nd4j.getRandom().setSeed(2);
            MultiLayerNetwork net = net(DataType.DOUBLE);
            INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 4, 5).subi(0.5);
            INDArray y = Nd4j.create(new double[][]{{1, 0}, {0, 1}, {1, 0}});
            INDArray mask = Nd4j.create(MASK);
            net.setInput(x);
            net.setLabels(y);
            net.setLayerMaskArrays(mask, null);
            net.computeGradientAndScore();
            INDArray analytic = net.gradient().gradient().dup();
            INDArray params = net.params();
            double eps = 1e-6;
            for (long i = 0; i < params.length(); i++) {
                double p = params.getDouble(i);
                params.putScalar(i, p + eps);
                double plus = score(net, x, y, mask);
                params.putScalar(i, p - eps);
                double minus = score(net, x, y, mask);
                params.putScalar(i, p);
                double numeric = (plus - minus) / (2 * eps);
                double a = analytic.getDouble(i) / x.size(0);     // DL4J's gradients are batch sums, its score a batch mean
                double rel = Math.abs(a - numeric) / Math.max(1e-8, Math.abs(a) + Math.abs(numeric));
                assertTrue(rel < 1e-5 || Math.abs(a - numeric) < 1e-9, "parameter " + i + ": analytic " + a + ", numeric " + numeric);
            }
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }

    private static double score(MultiLayerNetwork net, INDArray x, INDArray y, INDArray mask) {
        net.setInput(x);
        net.setLabels(y);
        net.setLayerMaskArrays(mask, null);
        net.computeGradientAndScore();
        return net.score();
    }

    /** The output is a convex combination of the valid steps: padded steps (any values) change nothing. */
    @Test
    void paddedStepsHaveNoInfluenceAndOneStepIsPassedThrough() {
        MultiLayerNetwork net = net(DataType.FLOAT);
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 4, 5);
        INDArray mask = Nd4j.create(MASK).castTo(DataType.FLOAT);
        INDArray pooled = pooled(net, x, mask);
        INDArray noisy = x.dup();
        noisy.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.interval(3, 5)).assign(1000);
        noisy.get(NDArrayIndex.point(2), NDArrayIndex.all(), NDArrayIndex.interval(1, 5)).assign(-1000);
        assertEquals(pooled, pooled(net, noisy, mask));
        // one valid step: attention weight 1 on it
        INDArray first = x.get(NDArrayIndex.point(2), NDArrayIndex.all(), NDArrayIndex.point(0));
        for (int f = 0; f < 4; f++) assertEquals(first.getDouble(f), pooled.getDouble(2, f), 1e-6);
    }

    @Test
    void survivesSerialization() throws Exception {
        MultiLayerNetwork net = net(DataType.FLOAT);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 4, 5);
        INDArray mask = Nd4j.create(MASK).castTo(DataType.FLOAT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, false);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(Outputs.of(net, x, mask), Outputs.of(back, x, mask));
    }

    private static INDArray pooled(MultiLayerNetwork net, INDArray x, INDArray mask) {
        net.clearLayerMaskArrays();
        net.setLayerMaskArrays(mask, null);
        INDArray out = net.getLayer(0).activate(x, false, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        net.clearLayerMaskArrays();
        return out.dup();
    }
}
