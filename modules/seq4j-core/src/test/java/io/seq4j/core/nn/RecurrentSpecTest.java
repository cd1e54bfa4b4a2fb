package io.seq4j.core.nn;

import io.seq4j.core.nn.RecurrentSpec.Cell;
import io.seq4j.core.nn.RecurrentSpec.Merge;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecurrentSpecTest {

    static MultiLayerNetwork classifier(RecurrentSpec spec, int nIn, DataType dt) {
        var list = new NeuralNetConfiguration.Builder().seed(42).dataType(dt).updater(new NoOp()).list();
        spec.layers(nIn).forEach(list::layer);
        list.layer(spec.returnSequences()
                ? new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(spec.outputSize()).nOut(2).build()
                : new OutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(spec.outputSize()).nOut(2).build());
        MultiLayerConfiguration conf = list.setInputType(InputType.recurrent(nIn)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void everyCellStackedAndBidirectionalHasTheDocumentedShapes(Cell cell) {
        for (Merge merge : Merge.values()) {
            RecurrentSpec spec = RecurrentSpec.builder(cell, 5).optDepth(2).optBidirectional(merge).optReturnSequences(true).build();
            MultiLayerNetwork net = classifier(spec, 3, DataType.FLOAT);
            INDArray out = net.feedForward(Nd4j.rand(DataType.FLOAT, 4, 3, 7), false).get(2);
            assertArrayEquals(new long[]{4, spec.outputSize(), 7}, out.shape(), cell + " " + merge);
            assertEquals(merge == Merge.CONCAT ? 10 : 5, spec.outputSize());
        }
        RecurrentSpec last = RecurrentSpec.builder(cell, 6).build();
        INDArray out = classifier(last, 3, DataType.FLOAT).feedForward(Nd4j.rand(DataType.FLOAT, 4, 3, 7), false).get(1);
        assertArrayEquals(new long[]{4, 6}, out.shape());
    }

    @Test
    void settingsRoundTripThroughAMap() {
        RecurrentSpec spec = RecurrentSpec.builder(Cell.GRU, 64).optDepth(2).optBidirectional(Merge.AVERAGE)
                .optDropout(0.25).optReturnSequences(true).build();
        assertEquals(spec, RecurrentSpec.fromMap(spec.toMap()));
        assertEquals("2x bidirectional(AVERAGE) gru(64), dropout 0.25, sequences", spec.toString());
    }

    @Test
    void invalidSettingsAreRejectedWithTheFieldName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RecurrentSpec.builder(Cell.LSTM, 0).build())
                .getMessage().contains("units"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RecurrentSpec.builder(Cell.LSTM, 4).optDropout(1.0).build())
                .getMessage().contains("dropout"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RecurrentSpec.builder(Cell.LSTM, 4).optGoBackwards(true).optBidirectional(Merge.ADD).build())
                .getMessage().contains("goBackwards"));
    }

    /** goBackwards reverses each sequence within its mask length, and ReverseTime is gradient-checked. */
    @Test
    void goBackwardsReversesWithinEachLength() {
        RecurrentSpec spec = RecurrentSpec.builder(Cell.GRU, 3).optGoBackwards(true).optReturnSequences(true).build();
        MultiLayerNetwork net = classifier(spec, 2, DataType.DOUBLE);
        INDArray x = Nd4j.create(new double[][][]{{{1, 2, 3, 0}, {4, 5, 6, 0}}});  // length 3 then padding
        INDArray mask = Nd4j.create(new double[][]{{1, 1, 1, 0}});
        net.getLayer(0).setMaskArray(mask);
        INDArray rev = net.getLayer(0).activate(x, false, LayerWorkspaceMgr.noWorkspaces());
        assertEquals(Nd4j.create(new double[][][]{{{3, 2, 1, 0}, {6, 5, 4, 0}}}), rev);

        Nd4j.getRandom().setSeed(1);
        INDArray in = Nd4j.rand(DataType.DOUBLE, 3, 2, 5);
        INDArray m = Nd4j.create(new double[][]{{1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}, {1, 1, 0, 0, 0}});
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 3, 2, 5);
        labels.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).assign(1);
        assertTrue(GradientChecks.check(new GradientCheckUtil.MLNConfig().net(net).input(in).labels(labels).inputMask(m).labelMask(m)));
    }
}
