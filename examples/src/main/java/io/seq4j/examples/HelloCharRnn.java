package io.seq4j.examples;

import io.seq4j.core.backend.Backend;
import io.seq4j.core.batch.InputEncoding;
import io.seq4j.core.batch.SequenceBatcher;
import io.seq4j.core.data.TaggedSequence;
import io.seq4j.core.nn.RecurrentSpec;
import io.seq4j.core.text.CharTokenizer;
import io.seq4j.core.text.Vocabulary;
import io.seq4j.core.train.Trainer;
import io.seq4j.core.train.TrainerConfig;
import io.seq4j.core.train.TrainingResult;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lectures' first character RNN: learn to continue "hello" one character at a time
 * (many-to-many, next-character targets), then generate with {@code rnnTimeStep} from "h".
 *
 * <pre>./seq4j ... or: java -cp ... io.seq4j.examples.HelloCharRnn [--cell GRU] [--epochs 30]</pre>
 */
public final class HelloCharRnn {
    /** What the example returns: the generated text and the last training loss. */
    public record Result(String generated, double finalLoss) {
    }

    private HelloCharRnn() {
    }

    public static void main(String[] args) {
        Result r = runExample(args);
        System.out.printf(Locale.ROOT, "generated: %s%nfinal loss: %.4f%n", r.generated(), r.finalLoss());
    }

    /** Options: {@code --cell SIMPLE_RNN|GRU|LSTM} (default GRU), {@code --epochs N} (default 30). */
    public static Result runExample(String... args) {
        RecurrentSpec.Cell cell = RecurrentSpec.Cell.GRU;
        int epochs = 30;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--cell" -> cell = RecurrentSpec.Cell.valueOf(args[i + 1].toUpperCase(Locale.ROOT));
                case "--epochs" -> epochs = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (known: --cell, --epochs)");
            }
        }
        System.err.println("hello char-RNN on " + Backend.init().summary());
        CharTokenizer chars = new CharTokenizer();
        Vocabulary vocab = Vocabulary.builder().addAll(chars.tokenize("hello")).build();
        int[] text = vocab.encode(chars.tokenize("hello"));
        // input h,e,l,l -> targets e,l,l,o ; 64 copies make an epoch of 4 batches
        int[] in = {text[0], text[1], text[2], text[3]}, out = {text[1], text[2], text[3], text[4]};
        List<TaggedSequence> samples = new ArrayList<>();
        for (int i = 0; i < 64; i++) samples.add(new TaggedSequence(in, out));

        RecurrentSpec spec = RecurrentSpec.builder(cell, 16).optReturnSequences(true).build();
        var list = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(0.05)).list();
        spec.layers(vocab.size()).forEach(list::layer);
        list.layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nIn(spec.outputSize()).nOut(vocab.size()).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.setInputType(InputType.recurrent(vocab.size())).build());
        net.init();

        SequenceBatcher batcher = SequenceBatcher.builder(InputEncoding.ONE_HOT, vocab.size(), vocab.size()).optBatchSize(16).build();
        TrainingResult r;
        try {
            r = new Trainer(TrainerConfig.builder(epochs).optProgress(System.err, 5000).build())
                    .train(net, batcher.epochs(samples, batcher::tagged), null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        // generate greedily, one step at a time, carrying the state
        net.rnnClearPreviousState();
        StringBuilder sb = new StringBuilder("h");
        int current = text[0];
        for (int t = 0; t < 4; t++) {
            INDArray x = batcher.features(List.of(new TaggedSequence(new int[]{current}, new int[]{0}))).getFeatures();
            INDArray probs = net.rnnTimeStep(x);
            current = probs.reshape(vocab.size()).argMax(0).getInt(0);
            sb.append(vocab.token(current));
        }
        return new Result(sb.toString(), r.epochs().get(r.epochs().size() - 1).meanLoss());
    }
}
