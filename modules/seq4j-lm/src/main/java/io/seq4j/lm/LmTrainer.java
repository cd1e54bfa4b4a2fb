package io.seq4j.lm;

import io.seq4j.core.nn.SoftmaxSequenceOutput;
import io.seq4j.core.batch.EpochSource;
import io.seq4j.core.batch.SequenceBatcher;
import io.seq4j.core.data.TaggedSequence;
import io.seq4j.core.nn.RecurrentSpec;
import io.seq4j.core.text.Vocabulary;
import io.seq4j.core.train.DevMetric;
import io.seq4j.core.train.Trainer;
import io.seq4j.core.train.TrainerConfig;
import io.seq4j.core.train.TrainingResult;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.learning.config.Adam;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains a {@link LanguageModel}: the vocabulary from the training documents, the network from the
 * {@link LmConfig}, and seq4j's {@link Trainer} with validation-loss early stopping (the epoch with
 * the lowest validation loss is kept).
 *
 * <p>Network, input {@code [batch, 1, T]} token indices (mask {@code [batch, T]} for padded
 * sequences): EmbeddingSequenceLayer {@code -> [batch, E, T]}, the recurrent layers
 * {@code -> [batch, H, T]}, SoftmaxSequenceOutput (softmax, sparse cross-entropy) {@code -> [batch, V, T]}, trained against
 * next-token indices {@code [batch, 1, T]} (SPARSE_MCXENT: no one-hot labels of V floats per step).
 */
public final class LmTrainer {
    private final LmConfig config;
    private final Path checkpointDir;
    private final PrintStream progress;

    /**
     * @param config        model and training settings
     * @param checkpointDir where checkpoints go (resumed from when present), or null
     * @param progress      where progress lines go, or null for none
     */
    public LmTrainer(LmConfig config, Path checkpointDir, PrintStream progress) {
        this.config = config;
        this.checkpointDir = checkpointDir;
        this.progress = progress;
    }

    /**
     * Trains on {@code train}, choosing the epoch by the loss on {@code dev}. Without dev documents
     * (null), 10% is held out as {@link LmDocuments#holdOut} does.
     */
    public LanguageModel train(List<String> train, List<String> dev) throws IOException {
        if (dev == null) {
            LmDocuments.Split split = LmDocuments.holdOut(train, 0.1, config.samples(), config.seed());
            train = split.train();
            dev = split.heldOut();
            log("no validation text given: holding out the last 10%% of the training %s", config.samples() == LmConfig.Samples.TEXT ? "text" : "sequences (seeded)");
        }
        Vocabulary vocab = LmCodec.vocabulary(train, config);
        LmCodec codec = new LmCodec(config, vocab);
        SequenceBatcher batcher = LanguageModel.batcher(config, vocab.size());
        EpochSource epochs;
        long tokens;
        if (config.samples() == LmConfig.Samples.TEXT) {
            int[] stream = LanguageModel.stream(codec, train);
            epochs = LmSamples.streamEpochs(stream, config.window(), batcher, config.seed());
            tokens = stream.length;
        } else {
            List<TaggedSequence> samples = LanguageModel.samples(codec, config, train, 0);
            epochs = batcher.epochs(samples, batcher::tagged);
            tokens = samples.stream().mapToLong(TaggedSequence::length).sum();
        }
        MultiLayerNetwork net = network(config, vocab.size());
        log("%s language model: %d training tokens (%s), vocabulary %d, %d parameters; %s, embedding %d",
                config.level().name().toLowerCase(Locale.ROOT), tokens,
                config.samples() == LmConfig.Samples.TEXT ? "windows of " + config.window() : dev.size() + " validation sequences",
                vocab.size(), net.numParams(), config.encoder(), config.embedding());

        List<String> devDocs = dev;
        long devTokens = LanguageModel.samples(codec, config, devDocs, 0).stream().mapToLong(TaggedSequence::length).sum();
        DevMetric devLoss = DevMetric.lowerIsBetter("loss",
                n -> LanguageModel.evaluate((MultiLayerNetwork) n, codec, config, batcher, devDocs).lossNats());
        TrainerConfig tc = TrainerConfig.builder(config.epochs()).optPatience(config.patience())
                .optCheckpointDir(checkpointDir).optProgress(progress, 10_000).build();
        TrainingResult r = new Trainer(tc).train(net, epochs, devLoss);
        double seconds = r.epochs().stream().mapToDouble(TrainingResult.EpochStats::seconds).sum();
        long trained = r.epochs().stream().mapToLong(TrainingResult.EpochStats::tokens).sum();
        log("best validation loss %.4f nats/token (%.4f bits) at epoch %d; %.0f s of training, %.0f tokens/s",
                r.bestMetric(), r.bestMetric() / Math.log(2), r.bestEpoch() + 1, seconds, trained / seconds);
        return new LanguageModel((MultiLayerNetwork) r.network(), vocab, config,
                Map.of("dev_loss_nats", r.bestMetric(), "train_seconds", seconds, "train_tokens_per_s", trained / seconds,
                        "epochs", (double) r.epochs().size(), "best_epoch", (double) r.bestEpoch() + 1, "dev_tokens", (double) devTokens));
    }

    /** The untrained network for these settings over a vocabulary of {@code vocabSize}. */
    static MultiLayerNetwork network(LmConfig c, int vocabSize) {
        RecurrentSpec spec = c.encoder();
        var list = new NeuralNetConfiguration.Builder().seed(c.seed()).updater(new Adam(c.learningRate()))
                .weightInit(WeightInit.XAVIER).list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(vocabSize).nOut(c.embedding()).hasBias(false)
                        .weightInit(WeightInit.NORMAL).build());
        spec.layers(c.embedding()).forEach(list::layer);
        SoftmaxSequenceOutput out = new SoftmaxSequenceOutput(spec.outputSize(), vocabSize);
        if (c.outputDropout() > 0) out.setIDropout(new Dropout(1 - c.outputDropout()));
        list.layer(out);
        MultiLayerNetwork net = new MultiLayerNetwork(list.setInputType(InputType.recurrent(vocabSize)).build());
        net.init();
        return net;
    }

    private void log(String format, Object... args) {
        if (progress != null) progress.println(String.format(Locale.ROOT, format, args));
    }
}
