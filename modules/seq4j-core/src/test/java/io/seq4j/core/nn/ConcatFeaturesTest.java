package io.seq4j.core.nn;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ConcatFeatures} against DL4J's MergeVertex, finite differences, serialisation. */
class ConcatFeaturesTest {
    private static final int B = 3, T = 5, N_IN = 3, H = 4, CLASSES = 3;

    /** a GRU over x (its output is a strided view) and x itself, concatenated, softmax per step. */
    private static ComputationGraph graph(DataType type, GraphVertex merge) {
        var conf = new NeuralNetConfiguration.Builder().seed(5).dataType(type).updater(new NoOp()).graphBuilder()
                .addInputs("x")
                .addLayer("gru", RecurrentSpec.builder(RecurrentSpec.Cell.GRU, H).optReturnSequences(true).build().layers(N_IN).get(0), "x")
                .addVertex("cat", merge, "gru", "x")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(H + N_IN).nOut(CLASSES)
                        .dataFormat(RNNFormat.NCW).build(), "cat")
                .setOutputs("out").setInputTypes(InputType.recurrent(N_IN)).build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    private static INDArray labels(DataType type) {
        INDArray l = Nd4j.zeros(type, B, CLASSES, T);
        for (int i = 0; i < B; i++) for (int t = 0; t < T; t++) l.putScalar(i, (2 * i + t) % CLASSES, t, 1.0);
        return l;
    }

    private static INDArray mask(DataType type) {
        INDArray m = Nd4j.ones(type, B, T);
        m.putScalar(1, 4, 0);
        m.putScalar(1, 3, 0);
        m.putScalar(2, 4, 0);
        return m;
    }

    @Test
    void sameActivationsAndGradientsAsMergeVertex() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, B, N_IN, T);
        ComputationGraph merge = graph(DataType.FLOAT, new MergeVertex()), concat = graph(DataType.FLOAT, new ConcatFeatures());
        concat.setParams(merge.params());
        for (ComputationGraph g : new ComputationGraph[]{merge, concat}) {
            g.setInputs(x);
            g.setLabels(labels(DataType.FLOAT));
            g.setLayerMaskArrays(new INDArray[]{mask(DataType.FLOAT)}, new INDArray[]{mask(DataType.FLOAT)});
            g.computeGradientAndScore();
        }
        Map<String, INDArray> a = merge.feedForward(x, false), b = concat.feedForward(x, false);
        assertEquals(a.get("cat"), b.get("cat"));
        assertEquals(merge.score(), concat.score(), 1e-6);
        assertEquals(merge.gradient().gradient(), concat.gradient().gradient());
    }

    @Test
    void gradientsMatchFiniteDifferencesWithPadding() {
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.DOUBLE, B, N_IN, T);
        assertTrue(GradientChecks.check(new GradientCheckUtil.GraphConfig().net(graph(DataType.DOUBLE, new ConcatFeatures()))
                .inputs(new INDArray[]{x}).labels(new INDArray[]{labels(DataType.DOUBLE)})
                .inputMask(new INDArray[]{mask(DataType.DOUBLE)}).labelMask(new INDArray[]{mask(DataType.DOUBLE)})));
    }

    @Test
    void savesAndLoads() throws Exception {
        ComputationGraph g = graph(DataType.FLOAT, new ConcatFeatures());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(g, bytes, false);
        ComputationGraph back = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()), false);
        assertInstanceOf(ConcatFeaturesVertex.class, back.getVertex("cat"));
        INDArray x = Nd4j.rand(DataType.FLOAT, B, N_IN, T);
        assertEquals(g.outputSingle(x), back.outputSingle(x));
    }
}
