package io.seq4j.sentiment;

import io.seq4j.core.batch.SequenceBatcher;
import io.seq4j.core.data.LabeledSequence;
import io.seq4j.core.data.LabeledTextStream.Row;
import io.seq4j.core.nn.RecurrentSpec;
import io.seq4j.core.text.LabelSet;
import io.seq4j.core.text.Vocabulary;
import io.seq4j.core.train.DevMetric;
import io.seq4j.core.train.Trainer;
import io.seq4j.core.train.EpochEngine;
import io.seq4j.core.train.TrainerConfig;
import io.seq4j.core.train.TrainingResult;
import io.seq4j.embeddings.WordVectors;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains a {@link SentimentModel}: builds the vocabulary and label set from the training documents,
 * the network from the {@link SentimentConfig}, and runs seq4j's {@link Trainer} with dev-accuracy
 * early stopping (best dev epoch kept).
 *
 * <p>Network (its input type is recurrent(vocabulary size), as DL4J wants for embeddings), input {@code [batch, 1, T]} token indices with mask {@code [batch, T]}:
 * EmbeddingSequenceLayer {@code -> [batch, E, T]}, the recurrent encoder {@code -> [batch, H, T]}
 * (H = 2 x units when bidirectional), pooling {@code -> [batch, H]} (LAST: the last unmasked step,
 * MEAN / MAX: DL4J's masked global pooling, ATTENTION: {@link io.seq4j.core.nn.AttentionPooling}), softmax output
 * {@code -> [batch, classes]}.
 */
public final class SentimentTrainer {
    private final SentimentConfig config;
    private final Path checkpointDir;
    private final PrintStream progress;
    private EpochEngine engine;

    /**
     * @param config        model and training settings
     * @param checkpointDir where checkpoints go (resumed from when present), or null
     * @param progress      where progress lines go, or null for none
     */
    public SentimentTrainer(SentimentConfig config, Path checkpointDir, PrintStream progress) {
        this.config = config;
        this.checkpointDir = checkpointDir;
        this.progress = progress;
    }

    /**
     * Fits every epoch with {@code engine} (a Spark cluster: seq4j-spark's SparkEpochEngine) instead of in
     * this JVM; vocabulary, batches, dev evaluation, early stopping and the model are the same.
     */
    public SentimentTrainer withEngine(EpochEngine engine) {
        this.engine = engine;
        return this;
    }

    /**
     * Trains on {@code train}, choosing the epoch by accuracy on {@code dev}. Without dev documents
     * (null), a stratified 10% of the training documents is held out for it (seeded).
     */
    public SentimentModel train(List<Row> train, List<Row> dev) throws IOException {
        if (dev == null) {
            CrossValidation.Split split = CrossValidation.holdOut(train, 0.1, config.seed());
            train = split.train();
            dev = split.test();
            log("no dev set given: holding out %d of the training documents for early stopping", dev.size());
        }
        LabelSet labels = LabelSet.sortedOf(train.stream().map(Row::label).toList());
        if (labels.size() < 2) throw new IllegalArgumentException("the training data has only one label: " + labels);
        Vocabulary vocab = DocumentEncoder.vocabulary(train, config);
        DocumentEncoder encoder = new DocumentEncoder(config);
        List<LabeledSequence> trainSamples = encoder.samples(train, vocab, labels);
        List<LabeledSequence> devSamples = encoder.samples(dev, vocab, labels);

        WordVectors.Lookup pretrained = null;
        int embedding = config.embedding();
        if (config.pretrained() != null) {
            WordVectors vectors = WordVectors.read(config.pretrained());
            pretrained = vectors.lookup(vocab, config.seed());
            embedding = vectors.dim();
            log("pretrained vectors %s: %d words x %d, %d of %d vocabulary words found%s", config.pretrained(), vectors.size(),
                    vectors.dim(), pretrained.found(), vocab.size() - 4, config.fineTune() ? "" : " (frozen)");
        }
        SentimentConfig used = embedding == config.embedding() ? config : config.toBuilder().optEmbedding(embedding).build();
        MultiLayerNetwork net = network(used, vocab.size(), labels.size());
        if (pretrained != null) {
            net.getLayer(0).getParam("W").assign(Nd4j.create(pretrained.matrix(), new long[]{pretrained.rows(), pretrained.dim()}, 'c'));
        }
        long tokens = trainSamples.stream().mapToLong(s -> s.tokens().length).sum();
        log("%d training documents (%d tokens after truncation), %d dev, labels %s, vocabulary %d, %d parameters; %s",
                trainSamples.size(), tokens, devSamples.size(), labels, vocab.size(), net.numParams(), used.encoder());

        SequenceBatcher batcher = SentimentModel.batcher(used, vocab, labels);
        DevMetric devAccuracy = DevMetric.of("accuracy", n -> SentimentEvaluator.accuracy((MultiLayerNetwork) n, batcher, devSamples));
        TrainerConfig.Builder tc = TrainerConfig.builder(used.epochs()).optPatience(used.patience())
                .optCheckpointDir(checkpointDir).optProgress(progress, 10_000).optEngine(engine);
        TrainingResult r = new Trainer(tc.build()).train(net, batcher.epochs(trainSamples, batcher::labeled), devAccuracy);
        log("best dev accuracy %.4f (epoch %d)", r.bestMetric(), r.bestEpoch() + 1);
        double seconds = r.epochs().stream().mapToDouble(TrainingResult.EpochStats::seconds).sum();
        long trained = r.epochs().stream().mapToLong(TrainingResult.EpochStats::tokens).sum();
        return new SentimentModel((MultiLayerNetwork) r.network(), vocab, labels, used,
                Map.of("dev_accuracy", r.bestMetric(), "train_seconds", seconds, "train_tokens_per_s", trained / seconds,
                        "epochs", (double) r.epochs().size(), "best_epoch", (double) (r.bestEpoch() + 1)));
    }

    /** The untrained network for these settings. */
    static MultiLayerNetwork network(SentimentConfig c, int vocabSize, int classes) {
        RecurrentSpec spec = c.encoder();
        EmbeddingSequenceLayer.Builder emb = new EmbeddingSequenceLayer.Builder().nIn(vocabSize).nOut(c.embedding())
                .hasBias(false).weightInit(WeightInit.NORMAL);
        var list = new NeuralNetConfiguration.Builder().seed(c.seed()).updater(new Adam(c.learningRate()))
                .weightInit(WeightInit.XAVIER).list()
                .layer(c.fineTune() ? emb.build() : new FrozenLayer(emb.build()));   // (a NoOp updater would still apply the raw gradient)
        spec.layers(c.embedding()).forEach(list::layer);
        var pooling = c.pooling().layer(spec.outputSize());
        if (pooling != null) list.layer(pooling);
        OutputLayer.Builder out = new OutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nIn(spec.outputSize()).nOut(classes);
        if (c.outputDropout() > 0) out.dropOut(1 - c.outputDropout());
        list.layer(out.build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.setInputType(InputType.recurrent(vocabSize)).build());
        net.init();
        return net;
    }

    private void log(String format, Object... args) {
        if (progress != null) progress.println(String.format(Locale.ROOT, format, args));
    }
}
