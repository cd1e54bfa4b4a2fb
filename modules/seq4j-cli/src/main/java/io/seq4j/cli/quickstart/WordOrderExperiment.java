package io.seq4j.cli.quickstart;

import io.seq4j.core.data.LabeledTextStream.Row;
import io.seq4j.core.io.AtomicFiles;
import io.seq4j.core.nn.Pooling;
import io.seq4j.core.nn.RecurrentSpec.Cell;
import io.seq4j.sentiment.BagOfWordsClassifier;
import io.seq4j.sentiment.SentimentConfig;
import io.seq4j.sentiment.SentimentEvaluator;
import io.seq4j.sentiment.SentimentModel;
import io.seq4j.sentiment.SentimentTrainer;
import io.seq4j.sentiment.WordOrderData;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The quickstart's sentiment part, the lectures' word-order argument as an experiment: reviews from
 * {@link WordOrderData} ("the phone is great , not awful" vs "the phone is awful , not great"),
 * a bidirectional GRU classifier against unigram bag-of-words baselines, test accuracy for each.
 */
public final class WordOrderExperiment {
    /** One row of the result table. */
    public record Result(String model, double testAccuracy) {
    }

    private WordOrderExperiment() {
    }

    /**
     * @param trainSize training reviews (dev and test: a quarter each, from other seeds)
     * @param dir       where the reviews and the trained model are written (null: nowhere)
     */
    public static List<Result> run(int trainSize, int epochs, long seed, Path dir, PrintStream log) throws IOException {
        int even = trainSize + (trainSize % 2);
        List<Row> train = WordOrderData.generate(even, seed * 3), dev = WordOrderData.generate(Math.max(2, even / 8 * 2), seed * 3 + 1),
                test = WordOrderData.generate(Math.max(2, even / 8 * 2), seed * 3 + 2);
        if (dir != null) {
            write(dir.resolve("data/word-order/train.tsv"), train);
            write(dir.resolve("data/word-order/dev.tsv"), dev);
            write(dir.resolve("data/word-order/test.tsv"), test);
        }
        log.printf(Locale.ROOT, "%n== word order: %d train / %d dev / %d test reviews ('the phone is great , not awful')%n",
                train.size(), dev.size(), test.size());
        List<Result> results = new ArrayList<>();
        SentimentConfig config = SentimentConfig.builder().optCell(Cell.GRU).optPooling(Pooling.MAX).optUnits(24).optEmbedding(16).optMinCount(1)
                .optEpochs(epochs).optPatience(0).optLearningRate(0.01).optSeed(seed).build();
        SentimentModel rnn = new SentimentTrainer(config, null, log).train(train, dev);
        results.add(new Result("bidirectional GRU, max pooling", SentimentEvaluator.evaluate(rnn, test).accuracy()));
        if (dir != null) {
            Path file = dir.resolve("sentiment-word-order.zip");
            rnn.save(file);
            log.println("saved " + file);
        }
        for (BagOfWordsClassifier.Kind kind : BagOfWordsClassifier.Kind.values()) {
            BagOfWordsClassifier bow = BagOfWordsClassifier.train(train, kind, 1, true, seed);
            results.add(new Result("bag of words, " + kind.name().toLowerCase(Locale.ROOT).replace('_', ' '), bow.evaluate(test).accuracy()));
        }
        return results;
    }

    public static String table(List<Result> results) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-34s %8s%n", "model", "test acc"));
        for (Result r : results) sb.append(String.format(Locale.ROOT, "%-34s %8.3f%n", r.model(), r.testAccuracy()));
        return sb.toString();
    }

    private static void write(Path file, List<Row> rows) throws IOException {
        List<String> lines = new ArrayList<>(rows.size());
        for (Row r : rows) lines.add(r.label() + "\t" + r.text());
        AtomicFiles.writeLines(file, lines);
    }
}
