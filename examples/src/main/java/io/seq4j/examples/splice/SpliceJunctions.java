package io.seq4j.examples.splice;

import io.seq4j.core.nn.Pooling;
import io.seq4j.core.backend.Backend;
import io.seq4j.core.data.LabeledTextStream.Row;
import io.seq4j.core.eval.ClassificationEvaluation;
import io.seq4j.core.nn.RecurrentSpec.Cell;
import io.seq4j.core.text.LabelSet;
import io.seq4j.sentiment.CrossValidation;
import io.seq4j.series.SeriesConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DNA splice junctions (the lectures' "DNA sequence analysis"): classify 60-base windows of primate
 * DNA as exon-intron boundaries (EI), intron-exon boundaries (IE) or neither (N), on UCI's 3,190
 * sequences, by stratified 10-fold cross-validation with a fixed seed (the data has no official
 * split). The model ({@link SpliceClassifier}): one-hot bases with their positions
 * ({@link DnaEncoding}), a bidirectional GRU, attention pooling over positions, softmax; each fold
 * holds out 10% of its training part for early stopping, so the test fold is never seen in
 * training or model selection.
 *
 * <pre>./seq4j example splice --data ../shared/data/uci_splice [--folds 10] [--save model.zip] [--json]</pre>
 *
 * A saved model classifies a sequence: {@code SpliceClassifier.load(file).classify(dna)}.
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

        /** The JSON keys: accuracy (fold mean), accuracy_std, accuracy_pooled, folds, per_class and confusion (all folds' predictions), seconds. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>(pooled.toMap());
            m.put("accuracy", accuracy());          // the pooled value replaced by the fold mean, as reported
            m.put("accuracy_std", accuracyStd());
            m.put("accuracy_pooled", pooled.accuracy());
            m.put("folds", foldAccuracies);
            m.put("seconds", seconds);
            return m;
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
     * The classifier settings: a bidirectional GRU of 64 units per direction over the encoded bases,
     * attention pooling, output dropout 0.3, Adam 0.002, at most 40 epochs, early stopping after 6
     * without dev gain (see docs/applications.md for the measurements behind them).
     */
    public static SeriesConfig config(long seed) {
        return new SeriesConfig(Cell.GRU, 64, 1, true, Pooling.ATTENTION, 0.0, 0, 0.3, "mse", "", 16, 32, 0.002, 0.0, 40, 6, seed);
    }

    /** {@code [DATA]} (default ../shared/data/uci_splice): 10-fold cross-validation, the metrics of {@link Result#toMap}. */
    public static Map<String, Object> runExample(String... args) throws IOException {
        return run(SpliceData.read(Path.of(args.length > 0 ? args[0] : "../shared/data/uci_splice")), 10, 1, null, System.err).toMap();
    }

    public static void main(String[] args) throws IOException {
        Backend.init();
        Path data = args.length > 0 ? Path.of(args[0]) : Path.of("../shared/data/uci_splice");
        Result r = run(SpliceData.read(data), 10, 1, null, System.err);
        System.out.print(report(r));
    }

    /** Stratified k-fold cross-validation with {@link #config}; with {@code save}, a final model trained on all rows (10% held out for early stopping) is written there. */
    public static Result run(List<Row> rows, int folds, long seed, Path save, PrintStream log) throws IOException {
        return run(rows, folds, seed, config(seed), save, log);
    }

    /** The same with other classifier settings (fold i trains with seed {@code config.seed() + i}). */
    public static Result run(List<Row> rows, int folds, long seed, SeriesConfig config, Path save, PrintStream log) throws IOException {
        long start = System.nanoTime();
        List<CrossValidation.Split> splits = CrossValidation.folds(rows, folds, seed);
        LabelSet labels = LabelSet.sortedOf(rows.stream().map(Row::label).toList());
        ClassificationEvaluation pooled = new ClassificationEvaluation(labels);
        List<Double> accuracies = new ArrayList<>();
        for (int i = 0; i < splits.size(); i++) {
            CrossValidation.Split s = splits.get(i);
            SeriesConfig fold = config.with("seed", Long.toString(config.seed() + i));
            CrossValidation.Split inner = CrossValidation.holdOut(s.train(), 0.1, fold.seed());
            SpliceClassifier m = SpliceClassifier.train(fold, inner.train(), inner.test(), null);
            ClassificationEvaluation e = m.evaluate(s.test());
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
                        e.accuracy(), e.total(), m.model().metrics().get("dev_accuracy"), m.model().metrics().get("best_epoch"),
                        m.model().metrics().get("train_seconds"));
            }
        }
        if (save != null) {
            CrossValidation.Split inner = CrossValidation.holdOut(rows, 0.1, config.seed());
            SpliceClassifier all = SpliceClassifier.train(config, inner.train(), inner.test(), log);
            all.save(save);
            if (log != null) log.println("saved a model trained on " + inner.train().size() + " sequences (" + inner.test().size() + " held out for early stopping) to " + save);
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
