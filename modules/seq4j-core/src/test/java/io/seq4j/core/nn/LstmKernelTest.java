package io.seq4j.core.nn;

import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import static io.seq4j.core.nn.GruKernelTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * DL4J's LSTM with the oneDNN helper installed (inference and training on oneDNN) against DL4J's
 * own implementation: outputs, loss and every gradient.
 */
class LstmKernelTest {
    @AfterEach
    void restore() {
        RecurrentKernels.select(true);
    }

    static MultiLayerNetwork net(RecurrentSpec spec, boolean tbptt) {
        var list = new NeuralNetConfiguration.Builder().seed(5).updater(new Adam(0.01)).weightInit(WeightInit.XAVIER).list();
        spec.layers(3).forEach(list::layer);
        list.layer(spec.returnSequences()
                ? new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(spec.outputSize()).nOut(3).build()
                : new OutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(spec.outputSize()).nOut(3).build());
        list.setInputType(InputType.recurrent(3));
        if (tbptt) {
            list.backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(3).tBPTTBackwardLength(3);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        Nd4j.getRandom().setSeed(9);
        net.params().addi(Nd4j.rand(DataType.FLOAT, net.params().shape()).subi(0.5).muli(0.2));
        RecurrentKernels.install(net);
        return net;
    }

    static void assertSamePass(MultiLayerNetwork net, DataSet ds) {
        GruKernelTest.Pass ref = GruKernelTest.pass(net, ds, false), fast = GruKernelTest.pass(net, ds, true);
        assertClose(ref.out(), fast.out(), 1e-5, "output");
        assertEquals(ref.score(), fast.score(), 1e-5 * Math.abs(ref.score()));
        for (String key : ref.gradient().gradientForVariable().keySet()) {
            assertClose(ref.gradient().getGradientFor(key), fast.gradient().getGradientFor(key), 1e-4, "gradient " + key);
        }
    }

    static DataSet sequences(boolean perStep) {
        INDArray x = GruTest.input(3, 6, DataType.FLOAT);
        INDArray mask = Nd4j.create(new float[][]{{1, 1, 1, 1, 1, 1}, {1, 1, 1, 0, 0, 0}, {1, 1, 0, 0, 0, 0}});
        x.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.interval(3, 6)).assign(5);
        if (perStep) {
            return new DataSet(x, GruTest.labels(3, 6, DataType.FLOAT), mask, mask);
        }
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 3, 3);
        for (int i = 0; i < 3; i++) labels.putScalar(i, (i + 1) % 3, 1);
        return new DataSet(x, labels, mask, null);
    }

    @Test
    void stackedLstmWithEndPaddingEqualsDl4j() {
        assertSamePass(net(RecurrentSpec.builder(RecurrentSpec.Cell.LSTM, 4).optDepth(2).optReturnSequences(true).build(), false),
                sequences(true));
    }

    @Test
    void manyToOneLstmWithMasksEqualsDl4j() {
        assertSamePass(net(RecurrentSpec.builder(RecurrentSpec.Cell.LSTM, 5).build(), false), sequences(false));
    }

    /** Bidirectional: the backward copy sees leading padding and uses DL4J's implementation; the result is the same. */
    @Test
    void bidirectionalLstmEqualsDl4j() {
        assertSamePass(net(RecurrentSpec.builder(RecurrentSpec.Cell.LSTM, 4).optBidirectional(RecurrentSpec.Merge.CONCAT)
                .optReturnSequences(true).build(), false), sequences(true));
    }

    @Test
    void rnnTimeStepOnOnednnEqualsDl4jFullPass() {
        GruKernelTest.assertTimeStepsMatchFullPass(
                net(RecurrentSpec.builder(RecurrentSpec.Cell.LSTM, 4).optDepth(2).optReturnSequences(true).build(), false));
    }

    @Test
    void truncatedBpttTrainingMatchesDl4j() {
        MultiLayerNetwork a = net(RecurrentSpec.builder(RecurrentSpec.Cell.LSTM, 4).optReturnSequences(true).build(), true);
        MultiLayerNetwork b = a.clone();
        RecurrentKernels.install(b);
        DataSet ds = new DataSet(GruTest.input(3, 9, DataType.FLOAT), GruTest.labels(3, 9, DataType.FLOAT));
        for (int i = 0; i < 5; i++) {
            RecurrentKernels.select(false);
            a.fit(ds);
            RecurrentKernels.select(true);
            b.fit(ds);
        }
        assertClose(a.params(), b.params(), 1e-4, "parameters after 5 TBPTT fits");
    }
}
