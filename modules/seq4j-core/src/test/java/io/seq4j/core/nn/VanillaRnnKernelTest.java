package io.seq4j.core.nn;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static io.seq4j.core.nn.LstmKernelTest.assertSamePass;
import static io.seq4j.core.nn.LstmKernelTest.net;
import static io.seq4j.core.nn.LstmKernelTest.sequences;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SIMPLE_RNN (VanillaRnn on oneDNN) against DL4J's own SimpleRnn: outputs, loss and every gradient. */
class VanillaRnnKernelTest {
    @AfterEach
    void restore() {
        RecurrentKernels.select(true);
    }

    @Test
    void stackedWithEndPaddingEqualsDl4j() {
        assertSamePass(net(RecurrentSpec.builder(RecurrentSpec.Cell.SIMPLE_RNN, 4).optDepth(2).optReturnSequences(true).build(), false),
                sequences(true));
    }

    @Test
    void manyToOneAndBidirectionalEqualDl4j() {
        assertSamePass(net(RecurrentSpec.builder(RecurrentSpec.Cell.SIMPLE_RNN, 5).build(), false), sequences(false));
        assertSamePass(net(RecurrentSpec.builder(RecurrentSpec.Cell.SIMPLE_RNN, 4).optBidirectional(RecurrentSpec.Merge.ADD)
                .optReturnSequences(true).build(), false), sequences(true));
    }

    @Test
    void rnnTimeStepOnOnednnEqualsTheFullPass() {
        GruKernelTest.assertTimeStepsMatchFullPass(
                net(RecurrentSpec.builder(RecurrentSpec.Cell.SIMPLE_RNN, 4).optDepth(2).optReturnSequences(true).build(), false));
    }

    @Test
    void configurationRoundTripsThroughJson() {
        MultiLayerNetwork net = net(RecurrentSpec.builder(RecurrentSpec.Cell.SIMPLE_RNN, 4).optDropout(0.1).optReturnSequences(true).build(), false);
        String json = net.getLayerWiseConfigurations().toJson();
        assertTrue(json.contains("io.seq4j.core.nn.VanillaRnn"), json);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(net.getLayerWiseConfigurations(), back);
        MultiLayerNetwork restored = new MultiLayerNetwork(back);
        restored.init(net.params().dup(), false);
        INDArray x = GruTest.input(2, 5, DataType.FLOAT);
        assertEquals(net.output(x), restored.output(x));
    }
}
