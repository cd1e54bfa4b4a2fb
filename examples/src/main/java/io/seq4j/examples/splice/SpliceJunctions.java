package io.seq4j.examples.splice;

import io.seq4j.core.nn.Pooling;
import io.seq4j.core.backend.Backend;
import io.seq4j.core.data.LabeledTextStream.Row;
import io.seq4j.core.eval.ClassificationEvaluation;
import io.seq4j.core.nn.RecurrentSpec.Cell;
import io.seq4j.core.text.LabelSet;
import io.seq4j.sentiment.CrossValidation;
import io.seq4j.sentiment.SentimentConfig;
import io.seq4j.sentiment.SentimentEvaluator;
import io.seq4j.sentiment.SentimentModel;
import io.seq4j.sentiment.SentimentTrainer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DNA splice junctions (the lectures' "DNA sequence analysis"): classify 60-base windows of primate
 * DNA as exon-intron boundaries (EI), intron-exon boundaries (IE) or neither (N), on UCI's 3,190
 * sequences, by stratified 10-fold cross-validation with a fixed seed (the data has no official
 * split). The model is seq4j's sequence classifier over characters: embedded bases, a bidirectional
 * LSTM, max pooling over positions and a softmax; each fold holds out 10% of its training part for
 * early stopping, so the test fold is never seen in training or model selection.
 *
 * <pre>./seq4j example splice --data ../shared/data/uci_splice [--folds 10] [--save model.zip] [--json]</pre>
 *
 * A saved model is a sentiment-task bundle: {@code SentimentModel.load(file).predict(dna)} classifies
 * a sequence and gives the class probabilities.
 */
public final class SpliceJunctions {
    /**
     * @param foldAccuracies test accuracy per fold
     * @param pooled         every fold's test predictions together (confusion matrix, per-class scores)
     */
    public record Result(List<Double> foldAccuracies, ClassificationEvaluation pooled, double seconds) {
        public double accuracy() {
            return foldAccuracies.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        /** Sample standard deviation of the fold accuracies. */
        public double accuracyStd() {
            double m = accuracy(), ss = 0;
            for (double a : foldAccuracies) ss += (a - m) * (a - m);
            return foldAccuracies.size() < 2 ? 0 : Math.sqrt(ss / (foldAccuracies.size() - 1));
        }
    }

    private SpliceJunctions() {
    }

    /**
     * The classifier settings: embedded bases (8 dimensions), a bidirectional LSTM of 64 units per
     * direction, attention pooling over positions (the junction sits at a fixed place, which max
     * pooling loses), softmax; Adam 0.003, at most 20 epochs, early stopping after 4 without dev gain.
     * 10-fold accuracy with these: 0.926 +- 0.021 (max pooling with 32 units: 0.838 over 5 folds);
     * the 95% target is not reached yet (see docs/applications.md).
     */
    public static SentimentConfig config(long seed) {
        return SentimentConfig.builder().optTokenizer("char").optLowercase(false).optMinCount(1).optEmbedding(8)
                .optCell(Cell.LSTM).optUnits(64).optBidirectional(true).optPooling(Pooling.ATTENTION)
                .optEmbeddingDropout(0.1).optOutputDropout(0.3).optEpochs(20).optPatience(4).optLearningRate(0.003)
                .optBatchSize(32).optSeed(seed).build();
    }

    public static void main(String[] args) throws IOException {
        Backend.init();
        Path data = args.length > 0 ? Path.of(args[0]) : Path.of("../shared/data/uci_splice");
        Result r = run(SpliceData.read(data), 10, 1, null, System.err);
        System.out.print(report(r));
    }

    /** Stratified k-fold cross-validation with {@link #config}; with {@code save}, a final model trained on all rows is written there. */
    public static Result run(List<Row> rows, int folds, long seed, Path save, PrintStream log) throws IOException {
        return run(rows, folds, seed, config(seed), save, log);
    }

    /** The same with other classifier settings (fold i trains with seed {@code config.seed() + i}). */
    public static Result run(List<Row> rows, int folds, long seed, SentimentConfig config, Path save, PrintStream log) throws IOException {
        long start = System.nanoTime();
        List<CrossValidation.Split> splits = CrossValidation.folds(rows, folds, seed);
        LabelSet labels = LabelSet.sortedOf(rows.stream().map(Row::label).toList());
        ClassificationEvaluation pooled = new ClassificationEvaluation(labels);
        List<Double> accuracies = new ArrayList<>();
        for (int i = 0; i < splits.size(); i++) {
            CrossValidation.Split s = splits.get(i);
            SentimentModel m = new SentimentTrainer(config.toBuilder().optSeed(config.seed() + i).build(), null, null).train(s.train(), null);
            ClassificationEvaluation e = SentimentEvaluator.evaluate(m, s.test());
            accuracies.add(e.accuracy());
            long[][] c = e.confusion();
            for (int g = 0; g < c.length; g++) {
                for (int p = 0; p < c.length; p++) {
                    for (long n = 0; n < c[g][p]; n++) {
                        pooled.add(labels.indexOf(e.labels().label(g)), labels.indexOf(e.labels().label(p)));
                    }
                }
            }
            if (log != null) {
                log.printf(Locale.ROOT, "fold %d/%d: test accuracy %.4f (%d sequences), dev %.4f at epoch %.0f, %.0f s%n", i + 1, splits.size(),
                        e.accuracy(), e.total(), m.metrics().get("dev_accuracy"), m.metrics().get("epochs"), m.metrics().get("train_seconds"));
            }
        }
        if (save != null) {
            SentimentModel all = new SentimentTrainer(config, null, log).train(rows, null);
            all.save(save);
            if (log != null) log.println("saved a model trained on all " + rows.size() + " sequences to " + save);
        }
        return new Result(accuracies, pooled, (System.nanoTime() - start) / 1e9);
    }

    /** Mean and standard deviation over the folds, then the pooled per-class scores and confusion matrix. */
    public static String report(Result r) {
        return String.format(Locale.ROOT, "%d-fold cross-validation: accuracy %.4f +- %.4f (folds %s), %.0f s%n", r.foldAccuracies().size(),
                r.accuracy(), r.accuracyStd(), r.foldAccuracies().stream().map(a -> String.format(Locale.ROOT, "%.3f", a)).toList(), r.seconds())
                + r.pooled().report();
    }
}
