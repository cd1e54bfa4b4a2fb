package io.seq4j.core.train;

import io.seq4j.core.batch.EpochSource;
import io.seq4j.core.batch.InputEncoding;
import io.seq4j.core.batch.SequenceBatcher;
import io.seq4j.core.data.LabeledSequence;
import io.seq4j.core.nn.RecurrentSpec;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A small many-to-one task for trainer tests: the label is the parity of the count of token 2. */
final class TinyTask {
    static final int VOCAB = 4;
    final List<LabeledSequence> train, dev;
    final SequenceBatcher batcher = SequenceBatcher.builder(InputEncoding.ONE_HOT, VOCAB, 2).optBatchSize(16).optSeed(3).build();

    TinyTask(int n) {
        train = make(n, 1);
        dev = make(200, 2);
    }

    static List<LabeledSequence> make(int n, long seed) {
        Random r = new Random(seed);
        List<LabeledSequence> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = 2 + r.nextInt(6);
            int[] t = new int[len];
            int count = 0;
            for (int s = 0; s < len; s++) {
                t[s] = 2 + r.nextInt(2);
                if (t[s] == 2) count++;
            }
            out.add(new LabeledSequence(t, count % 2));
        }
        return out;
    }

    EpochSource epochs() {
        return batcher.epochs(train, batcher::labeled);
    }

    static MultiLayerNetwork network(double lr) {
        RecurrentSpec spec = RecurrentSpec.builder(RecurrentSpec.Cell.GRU, 16).build();
        var list = new NeuralNetConfiguration.Builder().seed(7).updater(new Adam(lr)).list();
        spec.layers(VOCAB).forEach(list::layer);
        list.layer(new OutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(16).nOut(2).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.setInputType(InputType.recurrent(VOCAB)).build());
        net.init();
        return net;
    }

    DevMetric accuracy() {
        return new DevMetric() {
            @Override
            public String name() {
                return "accuracy";
            }

            @Override
            public double evaluate(Model network) {
                return accuracy((MultiLayerNetwork) network, dev);
            }
        };
    }

    double accuracy(MultiLayerNetwork net, List<LabeledSequence> data) {
        int correct = 0;
        for (List<LabeledSequence> b : batcher.inOrder(data)) {
            DataSet ds = batcher.labeled(b);
            INDArray out = net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null);
            correct += out.argMax(1).eq(ds.getLabels().argMax(1)).castTo(DataType.INT32).sumNumber().intValue();
        }
        return correct / (double) data.size();
    }
}
