package io.seq4j.core.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import io.seq4j.core.batch.EpochSource;
import io.seq4j.core.train.DevMetric;
import io.seq4j.core.train.Trainer;
import io.seq4j.core.train.TrainerConfig;
import io.seq4j.core.train.TrainingResult;
import org.deeplearning4j.nn.api.Model;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** DL4J leaves a masked call's masks on the layers; Outputs (and the Trainer) must not be fooled by them. */
class OutputsTest {
    @Test
    void unmaskedBatchAfterAMaskedOneOfAnotherSize() throws Exception {
        var list = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(0.01)).list();
        RecurrentSpec.builder(RecurrentSpec.Cell.GRU, 4).optBidirectional(RecurrentSpec.Merge.CONCAT).optReturnSequences(true)
                .build().layers(3).forEach(list::layer);
        list.layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build());
        list.layer(new OutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(8).nOut(2).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.setInputType(InputType.recurrent(3)).build());
        net.init();
        Nd4j.getRandom().setSeed(3);
        INDArray big = Nd4j.rand(DataType.FLOAT, 4, 3, 6), small = Nd4j.rand(DataType.FLOAT, 2, 3, 5);
        INDArray mask = Nd4j.create(new float[][]{{1, 1, 1, 1, 1, 1}, {1, 1, 1, 0, 0, 0}, {1, 1, 1, 1, 1, 0}, {1, 0, 0, 0, 0, 0}});
        INDArray expected = Outputs.of(net, small, null);
        Outputs.of(net, big, mask);
        assertEquals(expected, Outputs.of(net, small, null));
        // the Trainer's steps too: a dev metric calling DL4J's output() with a mask, then unmasked training batches
        INDArray y = Nd4j.create(new float[][]{{1, 0}, {0, 1}});
        EpochSource train = new EpochSource() {
            public int batchesPerEpoch() { return 1; }
            public Iterator<DataSet> epoch(int epoch) { return List.of(new DataSet(small, y)).iterator(); }
        };
        DevMetric rawDl4jOutput = new DevMetric() {
            public String name() { return "dummy"; }
            public double evaluate(Model m) { return ((MultiLayerNetwork) m).output(big, false, mask, null).sumNumber().doubleValue(); }
        };
        TrainingResult r = new Trainer(TrainerConfig.builder(3).optProgress(null, 0).build()).train(net, train, rawDl4jOutput);
        assertEquals(3, r.epochs().size());
    }
}
