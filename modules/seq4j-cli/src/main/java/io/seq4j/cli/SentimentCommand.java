package io.seq4j.cli;

import io.seq4j.core.backend.Backend;
import io.seq4j.core.train.EpochEngine;
import io.seq4j.core.data.LabeledTextStream.Row;
import io.seq4j.core.eval.ClassificationEvaluation;
import io.seq4j.sentiment.BagOfWordsClassifier;
import io.seq4j.sentiment.CrossValidation;
import io.seq4j.sentiment.DocumentReader;
import io.seq4j.sentiment.SentimentConfig;
import io.seq4j.sentiment.SentimentEvaluator;
import io.seq4j.sentiment.SentimentModel;
import io.seq4j.sentiment.SentimentTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/** {@code seq4j sentiment train|eval|predict|baseline}: many-to-one text classification. */
@Command(name = "sentiment", description = "Text classification (sentiment or any label set): train, eval, predict, baseline.",
        subcommands = {SentimentCommand.Train.class, SentimentCommand.Eval.class, SentimentCommand.Predict.class,
                SentimentCommand.Baseline.class})
final class SentimentCommand {

    /** How documents are read: the layout and, for TSVs with a header, the columns. */
    static final class DataOptions {
        @Option(names = "--format", description = "auto (default), label-text, text-label, header, sst or folders.", defaultValue = "auto")
        String format;

        @Option(names = "--text-column", description = "Text column of a TSV with a header (e.g. text).")
        String textColumn;

        @Option(names = "--label-column", description = "Label column of a TSV with a header (e.g. label).")
        String labelColumn;

        List<Row> read(Path path) throws IOException {
            DocumentReader.Format f;
            try {
                f = DocumentReader.Format.parse(format);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--format: " + e.getMessage());
            }
            return new DocumentReader(f, textColumn, labelColumn).read(path);
        }
    }

    @Command(name = "train", description = {"Train a recurrent classifier; the defaults are the measured good settings (see README).",
            "Without --dev, 10%% of --train (stratified) is held out for early stopping."})
    static final class Train implements Callable<Integer> {
        @Mixin DataOptions data;
        @Mixin EngineOptions engineOptions;
        @Option(names = "--train", required = true, description = "Training documents (file or class folders).") Path train;
        @Option(names = "--dev", description = "Development documents (early stopping, model choice).") Path dev;
        @Option(names = "--test", description = "Test documents, scored once after training.") Path test;
        @Option(names = "--out", description = "Model bundle to write (default: ${DEFAULT-VALUE}).", defaultValue = "runs/sentiment/model.zip") Path out;
        @Option(names = "--config", description = "A .properties file of settings (keys as in the bundle's settings).") Path configFile;
        @Option(names = "--set", description = "One setting, key=value (repeatable; after --config).") List<String> sets = new ArrayList<>();
        @Option(names = "--cell", description = "GRU, LSTM or SIMPLE_RNN.") String cell;
        @Option(names = "--units", description = "Recurrent units per direction.") Integer units;
        @Option(names = "--layers", description = "Stacked recurrent layers.") Integer layers;
        @Option(names = "--unidirectional", description = "One direction only.") boolean unidirectional;
        @Option(names = "--pooling", description = "LAST, MEAN, MAX or ATTENTION.") String pooling;
        @Option(names = "--embedding", description = "Embedding size (random embeddings).") Integer embedding;
        @Option(names = "--pretrained", description = "Word vectors (word2vec text/binary or GloVe) to start from.") Path pretrained;
        @Option(names = "--freeze-embeddings", description = "Keep pretrained vectors fixed.") boolean freeze;
        @Option(names = "--max-length", description = "Longest document in tokens (longer: head + tail kept).") Integer maxLength;
        @Option(names = "--epochs", description = "Most epochs.") Integer epochs;
        @Option(names = "--batch", description = "Batch size.") Integer batch;
        @Option(names = "--lr", description = "Adam learning rate.") Double lr;
        @Option(names = "--seed", description = "Random seed.") Long seed;
        @Option(names = "--checkpoint-dir", description = "Checkpoints (a killed run resumes from them).") Path checkpointDir;
        @Option(names = "--cv", description = "k-fold stratified cross-validation on --train instead of one model.") Integer folds;
        @Option(names = "--json", description = "Print the results as one JSON object on stdout.") boolean json;

        @Override
        public Integer call() throws Exception {
            SentimentConfig config = config();
            PrintStream log = System.err;
            log.println("seq4j sentiment train on " + Backend.init().summary());
            try (EpochEngine engine = engineOptions.start(out)) {
                return train(config, engine, log);
            }
        }

        private int train(SentimentConfig config, EpochEngine engine, PrintStream log) throws Exception {
            List<Row> trainRows = data.read(EngineOptions.local(engine, train));
            List<Row> devRows = dev == null ? null : data.read(EngineOptions.local(engine, dev));
            Map<String, Object> result = new LinkedHashMap<>();
            if (folds != null) {
                result = crossValidate(config, trainRows, engine, log);
            } else {
                SentimentModel model = UserErrors.about(train, () -> new SentimentTrainer(config, checkpointDir, log).withEngine(engine)
                        .train(trainRows, devRows));
                result.put("dev_accuracy", model.metrics().get("dev_accuracy"));
                result.put("train_tokens_per_s", model.metrics().get("train_tokens_per_s"));
                result.put("train_seconds", model.metrics().get("train_seconds"));
                result.put("epochs", model.metrics().get("epochs"));
                result.put("best_epoch", model.metrics().get("best_epoch"));
                result.put("config", config.toMap());
                if (test != null) {
                    List<Row> testRows = data.read(EngineOptions.local(engine, test));
                    SentimentModel trained = model;
                    ClassificationEvaluation e = UserErrors.about(test, () -> SentimentEvaluator.evaluate(trained, testRows));
                    log.println("test: " + e.report());
                    result.put("test", e.toMap());
                    model = model.withMetric("test_accuracy", e.accuracy());
                }
                model.save(out);
                log.println("saved " + out);
                result.put("model", out.toString());
            }
            if (json) System.out.println(Json.write(result));
            return Main.OK;
        }

        private Map<String, Object> crossValidate(SentimentConfig config, List<Row> rows, EpochEngine engine, PrintStream log)
                throws IOException {
            if (folds < 2) throw new UsageException("--cv needs at least 2 folds, got " + folds);
            List<Double> acc = new ArrayList<>();
            int i = 0;
            for (CrossValidation.Split s : CrossValidation.folds(rows, folds, config.seed())) {
                log.printf(Locale.ROOT, "%n== fold %d of %d (%d train, %d test)%n", ++i, folds, s.train().size(), s.test().size());
                SentimentModel m = new SentimentTrainer(config, null, log).withEngine(engine).train(s.train(), null);
                double a = SentimentEvaluator.evaluate(m, s.test()).accuracy();
                log.printf(Locale.ROOT, "fold %d test accuracy %.4f%n", i, a);
                acc.add(a);
            }
            double mean = acc.stream().mapToDouble(d -> d).average().orElse(Double.NaN);
            double std = Math.sqrt(acc.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum() / Math.max(1, acc.size() - 1));
            log.printf(Locale.ROOT, "%d-fold cross-validation accuracy %.4f +- %.4f%n", folds, mean, std);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("accuracy", mean);
            m.put("accuracy_std", std);
            m.put("folds", acc);
            return m;
        }

        private SentimentConfig config() throws IOException {
            Properties p = new Properties();
            if (configFile != null) {
                if (!Files.isRegularFile(configFile)) throw new UsageException("--config: no such file " + configFile);
                try (Reader r = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
            }
            for (var kv : SetOptions.pairs(sets)) p.setProperty(kv.getKey(), kv.getValue());
            put(p, "cell", cell);
            put(p, "units", units);
            put(p, "depth", layers);
            if (unidirectional) p.setProperty("bidirectional", "false");
            put(p, "pooling", pooling);
            put(p, "embedding", embedding);
            put(p, "pretrained", pretrained);
            if (freeze) p.setProperty("fineTune", "false");
            put(p, "maxLength", maxLength);
            put(p, "epochs", epochs);
            put(p, "batchSize", batch);
            put(p, "learningRate", lr);
            put(p, "seed", seed);
            try {
                return SentimentConfig.fromProperties(p);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage() + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""));
            }
        }

        private static void put(Properties p, String key, Object value) {
            if (value != null) p.setProperty(key, value.toString());
        }
    }

    @Command(name = "eval", description = "Score a model on labelled documents: accuracy, per-class P/R/F1, confusion matrix.")
    static final class Eval implements Callable<Integer> {
        @Mixin DataOptions data;
        @Option(names = "--model", required = true, description = "A sentiment model bundle.") Path model;
        @Option(names = "--data", required = true, description = "Labelled documents.") Path path;
        @Option(names = "--json", description = "Print one JSON object (accuracy, per_class, confusion, ...).") boolean json;

        @Override
        public Integer call() throws Exception {
            Backend.init();
            SentimentModel m = SentimentModel.load(model);
            List<Row> rows = data.read(path);
            ClassificationEvaluation e = UserErrors.about(path, () -> SentimentEvaluator.evaluate(m, rows));
            System.out.print(json ? Json.write(e.toMap()) + "\n" : e.report());
            return Main.OK;
        }
    }

    @Command(name = "predict", description = "Classify one text per line (from --input or stdin).")
    static final class Predict implements Callable<Integer> {
        @Option(names = "--model", required = true, description = "A sentiment model bundle.") Path model;
        @Option(names = "--input", description = "Text file, one document per line (default: stdin).") Path input;
        @Option(names = "--json", description = "One JSON object per line: text, label, probabilities.") boolean json;

        @Override
        public Integer call() throws Exception {
            Backend.init();
            SentimentModel m = SentimentModel.load(model);
            List<String> texts = InputLines.read(input);
            List<SentimentModel.Prediction> predictions = m.predict(texts);
            for (int i = 0; i < texts.size(); i++) {
                SentimentModel.Prediction p = predictions.get(i);
                if (json) {
                    System.out.println(Json.write(PredictionJson.sentiment(texts.get(i), p)));
                } else {
                    System.out.printf(Locale.ROOT, "%s\t%.4f\t%s%n", p.label(), p.probability(), texts.get(i));
                }
            }
            return Main.OK;
        }

    }

    @Command(name = "baseline", description = "Train and score the bag-of-words baselines (naive Bayes, TF-IDF logistic regression).")
    static final class Baseline implements Callable<Integer> {
        @Mixin DataOptions data;
        @Option(names = "--train", required = true, description = "Training documents.") Path train;
        @Option(names = "--test", required = true, description = "Test documents.") Path test;
        @Option(names = "--ngrams", description = "1 (a pure bag of words) or 2 (unigrams and bigrams; default).", defaultValue = "2") int ngrams;
        @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).", defaultValue = "42") long seed;
        @Option(names = "--json", description = "Print one JSON object, one entry per baseline.") boolean json;

        @Override
        public Integer call() throws Exception {
            if (ngrams != 1 && ngrams != 2) throw new UsageException("--ngrams must be 1 or 2, got " + ngrams);
            List<Row> trainRows = data.read(train), testRows = data.read(test);
            Map<String, Object> result = new LinkedHashMap<>();
            for (BagOfWordsClassifier.Kind kind : BagOfWordsClassifier.Kind.values()) {
                long t0 = System.nanoTime();
                BagOfWordsClassifier c = BagOfWordsClassifier.train(trainRows, kind, ngrams, true, seed);
                ClassificationEvaluation e = UserErrors.about(test, () -> c.evaluate(testRows));
                Map<String, Object> m = e.toMap();
                m.put("seconds", (System.nanoTime() - t0) / 1e9);
                m.put("features", c.featureCount());
                result.put(kind.name().toLowerCase(Locale.ROOT), m);
                if (!json) System.out.printf(Locale.ROOT, "== %s%n%s%n", c, e.report());
            }
            if (json) System.out.println(Json.write(result));
            return Main.OK;
        }
    }
}
