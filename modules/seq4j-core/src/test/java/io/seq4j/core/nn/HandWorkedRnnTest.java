package io.seq4j.core.nn;

import io.seq4j.core.batch.InputEncoding;
import io.seq4j.core.batch.SequenceBatcher;
import io.seq4j.core.data.TaggedSequence;
import io.seq4j.core.text.CharTokenizer;
import io.seq4j.core.text.LabelSet;
import io.seq4j.core.text.Vocabulary;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The lectures' worked example (seeds/001): a character RNN over {h, e, l, o} with hand-set
 * weights U (3x4), recurrent weight 0.427043 * I, bias 0.567001 and output V (4x3), run through
 * seq4j's own path: CharTokenizer -> Vocabulary -> SequenceBatcher -> RecurrentSpec(SIMPLE_RNN).
 */
class HandWorkedRnnTest {
    static final double[][] U = {
            {0.287027, 0.84606, 0.572392, 0.486813},
            {0.902874, 0.871522, 0.691079, 0.18998},
            {0.537524, 0.09224, 0.558159, 0.491528}};
    static final double[][] V = {
            {0.37168, 0.974829459, 0.830034886},
            {0.39141, 0.282585823, 0.659835709},
            {0.64985, 0.09821557, 0.334287084},
            {0.91266, 0.32581642, 0.144630018}};

    @Test
    void reproducesTheLectureNumbers() {
        Vocabulary vocab = Vocabulary.of(List.of("h", "e", "l", "o"));
        LabelSet letters = LabelSet.of(List.of("h", "e", "l", "o"));
        RecurrentSpec spec = RecurrentSpec.builder(RecurrentSpec.Cell.SIMPLE_RNN, 3).optReturnSequences(true).build();

        var list = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list();
        spec.layers(vocab.size()).forEach(list::layer);
        list.layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nIn(spec.outputSize()).nOut(letters.size()).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.setInputType(InputType.recurrent(vocab.size())).build());
        net.init();

        INDArray w = net.getLayer(0).getParam("W");              // [vocab, 3] = U^T on the letter rows
        w.assign(0);
        for (int letter = 0; letter < 4; letter++) {
            for (int unit = 0; unit < 3; unit++) w.putScalar(vocab.indexOf(letters.label(letter)), unit, U[unit][letter]);
        }
        net.getLayer(0).getParam("RW").assign(Nd4j.eye(3).muli(0.427043));
        net.getLayer(0).getParam("b").assign(0.567001);
        net.getLayer(1).getParam("W").assign(Nd4j.create(V).transpose());
        net.getLayer(1).getParam("b").assign(0);                  // the lecture has no output bias

        int[] tokens = vocab.encode(new CharTokenizer().tokenize("he"));
        var batcher = SequenceBatcher.builder(InputEncoding.ONE_HOT, vocab.size(), letters.size()).build();
        INDArray x = batcher.features(List.of(new TaggedSequence(tokens, new int[]{0, 0}))).getFeatures();

        List<INDArray> acts = net.feedForward(x, false);
        INDArray hidden = acts.get(1), softmax = acts.get(2);
        double[][] expectedHidden = {{0.693168, 0.899554, 0.802118}, {0.936534, 0.949104, 0.762341}};
        for (int t = 0; t < 2; t++) {
            for (int u = 0; u < 3; u++) assertEquals(expectedHidden[t][u], hidden.getDouble(0, u, t), 1e-5, "s" + t + "[" + u + "]");
        }
        double[] expectedSoftmax = {0.419748, 0.194682, 0.162429, 0.223141};
        for (int c = 0; c < 4; c++) assertEquals(expectedSoftmax[c], softmax.getDouble(0, c, 1), 1e-5, "softmax[" + c + "]");
    }
}
