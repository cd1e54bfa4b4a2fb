package io.seq4j.seq2seq;

import io.seq4j.core.batch.PairBatcher;
import io.seq4j.core.batch.PairBatcher.EncodedPair;
import io.seq4j.core.text.Vocabulary;
import io.seq4j.core.train.DevMetric;
import io.seq4j.core.train.GradientClipping;
import io.seq4j.core.train.Trainer;
import io.seq4j.core.train.TrainerConfig;
import io.seq4j.core.train.TrainingResult;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Trains a {@link TranslationModel}: vocabularies from the training pairs, the {@link Seq2SeqNetwork}
 * from the {@link Seq2SeqConfig}, teacher forcing with seq4j's {@link Trainer} (gradient-norm
 * clipping, checkpoints, progress) and early stopping on the validation loss (the epoch with the
 * lowest loss is kept).
 */
public final class Seq2SeqTrainer {
    private final Seq2SeqConfig config;
    private final Path checkpointDir;
    private final PrintStream progress;

    /**
     * @param checkpointDir where checkpoints go (resumed from when present), or null
     * @param progress      where progress lines go, or null for none
     */
    public Seq2SeqTrainer(Seq2SeqConfig config, Path checkpointDir, PrintStream progress) {
        this.config = config;
        this.checkpointDir = checkpointDir;
        this.progress = progress;
    }

    /** Trains on {@code train}, choosing the epoch by the loss on {@code dev}; null dev = a seeded 5% of train held out. */
    public TranslationModel train(List<SentencePair> train, List<SentencePair> dev) throws IOException {
        if (dev == null) {
            List<SentencePair> shuffled = new ArrayList<>(train);
            Collections.shuffle(shuffled, new Random(config.seed()));
            int held = Math.max(1, shuffled.size() / 20);
            dev = List.copyOf(shuffled.subList(0, held));
            train = List.copyOf(shuffled.subList(held, shuffled.size()));
            log("no validation pairs given: holding out %d of the training pairs (seeded)", held);
        }
        Seq2SeqCodec codec = Seq2SeqCodec.fit(train, config);
        List<EncodedPair> encoded = codec.encode(train, config.maxLength());
        long targetTokens = encoded.stream().mapToLong(p -> p.target().length).sum();
        PairBatcher batcher = new PairBatcher(config.batchSize(), Vocabulary.BOS, config.seed());
        ComputationGraph net = Seq2SeqNetwork.build(config, codec.sourceVocabulary().size(), codec.targetVocabulary().size());
        log("%d training pairs (%d target tokens), %d validation; vocabularies %d source / %d target; %d parameters; encoder %s, decoder %s, attention",
                train.size(), targetTokens, dev.size(), codec.sourceVocabulary().size(), codec.targetVocabulary().size(),
                net.numParams(), config.encoder(), config.decoder());
        List<SentencePair> devPairs = dev;
        DevMetric devLoss = DevMetric.lowerIsBetter("loss",
                n -> TranslationModel.loss((ComputationGraph) n, codec, config, devPairs));
        TrainerConfig.Builder tc = TrainerConfig.builder(config.epochs()).optPatience(config.patience())
                .optCheckpointDir(checkpointDir).optProgress(progress, 10_000);
        if (config.clip() > 0) tc.optClipping(GradientClipping.NORM, config.clip());
        TrainingResult r = new Trainer(tc.build()).train(net, batcher.epochs(encoded), devLoss);
        double seconds = r.epochs().stream().mapToDouble(TrainingResult.EpochStats::seconds).sum();
        long trained = r.epochs().stream().mapToLong(TrainingResult.EpochStats::tokens).sum();
        log("best validation loss %.4f nats/token (perplexity %.2f) at epoch %d; %.0f s of training, %.0f target tokens/s",
                r.bestMetric(), Math.exp(r.bestMetric()), r.bestEpoch() + 1, seconds, trained / seconds);
        return new TranslationModel((ComputationGraph) r.network(), codec, config,
                Map.of("dev_loss_nats", r.bestMetric(), "dev_perplexity", Math.exp(r.bestMetric()), "train_seconds", seconds,
                        "train_tokens_per_s", trained / seconds, "epochs", (double) r.epochs().size(),
                        "best_epoch", (double) r.bestEpoch() + 1));
    }

    private void log(String format, Object... args) {
        if (progress != null) progress.println(String.format(Locale.ROOT, format, args));
    }
}
