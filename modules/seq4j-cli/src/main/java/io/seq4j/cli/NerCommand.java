package io.seq4j.cli;

import io.seq4j.core.backend.Backend;
import io.seq4j.core.train.EpochEngine;
import io.seq4j.ner.ConllEval;
import io.seq4j.ner.ConllReader;
import io.seq4j.ner.NerConfig;
import io.seq4j.ner.NerModel;
import io.seq4j.ner.NerTrainer;
import io.seq4j.ner.TagScheme;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seq4j ner train|eval|predict}: named-entity tagging. */
@Command(name = "ner", description = "Named-entity tagging (CoNLL formats): train, eval, predict.",
        subcommands = {NerCommand.Train.class, NerCommand.Eval.class, NerCommand.Predict.class})
final class NerCommand {

    /** How tagged files are read. */
    static final class ReadOptions {
        @Option(names = "--strict", description = "Reject tags that are invalid in this scheme: iob1, iob2 or bioes.") String strict;

        List<ConllReader.Sentence> read(Path file) throws java.io.IOException {
            TagScheme s;
            try {
                s = strict == null ? null : TagScheme.parse(strict);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--strict: " + e.getMessage());
            }
            return new ConllReader(s).read(file);
        }
    }

    @Command(name = "train", description = {"Train a tagger; the defaults are the measured good settings (BiLSTM + char CNN + CRF, see README).",
            "Files: CoNLL-2003 (word POS chunk tag) or word<TAB>tag, blank lines between sentences."})
    static final class Train implements Callable<Integer> {
        @picocli.CommandLine.Mixin ReadOptions read;
        @picocli.CommandLine.Mixin EngineOptions engineOptions;
        @Option(names = "--train", required = true, description = "Training sentences.") Path train;
        @Option(names = "--dev", required = true, description = "Development sentences (early stopping on entity F1).") Path dev;
        @Option(names = "--test", description = "Test sentences, scored once after training.") Path test;
        @Option(names = "--out", description = "Model bundle to write (default: ${DEFAULT-VALUE}).", defaultValue = "runs/ner/model.zip") Path out;
        @Option(names = "--predictions", description = "With --test: write conlleval.pl's input (word gold predicted) here.") Path predictions;
        @Option(names = "--pretrained", description = "Word vectors (word2vec text/binary or GloVe) to start from.") Path pretrained;
        @Option(names = "--freeze-embeddings", description = "Keep pretrained vectors fixed.") boolean freeze;
        @Option(names = "--softmax", description = "A softmax output layer instead of the CRF.") boolean softmax;
        @Option(names = "--scheme", description = "Training tag scheme: bioes (default), iob2 or iob1.") String scheme;
        @Option(names = "--cell", description = "LSTM (default), GRU or SIMPLE_RNN.") String cell;
        @Option(names = "--units", description = "Recurrent units per direction.") Integer units;
        @Option(names = "--layers", description = "Stacked bidirectional layers.") Integer layers;
        @Option(names = "--epochs", description = "Most epochs.") Integer epochs;
        @Option(names = "--lr", description = "Adam learning rate.") Double lr;
        @Option(names = "--seed", description = "Random seed.") Long seed;
        @Option(names = "--set", description = "One setting, key=value (repeatable; keys as in the bundle's settings).") List<String> sets = new ArrayList<>();
        @Option(names = "--checkpoint-dir", description = "Checkpoints (a killed run resumes from them).") Path checkpointDir;
        @Option(names = "--json", description = "Print the results as one JSON object on stdout.") boolean json;

        @Override
        public Integer call() throws Exception {
            NerConfig config = config();
            PrintStream log = System.err;
            log.println("seq4j ner train on " + Backend.init().summary());
            try (EpochEngine engine = engineOptions.start(out)) {
                return train(config, engine, log);
            }
        }

        private int train(NerConfig config, EpochEngine engine, PrintStream log) throws Exception {
            List<ConllReader.Sentence> trainS = read.read(EngineOptions.local(engine, train)), devS = read.read(EngineOptions.local(engine, dev));
            NerModel model = UserErrors.about(train, () -> new NerTrainer(config, checkpointDir, log).withEngine(engine).train(trainS, devS));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("dev_f1", model.metrics().get("dev_f1"));
            result.put("train_seconds", model.metrics().get("train_seconds"));
            result.put("train_tokens_per_s", model.metrics().get("train_tokens_per_s"));
            if (test != null) {
                List<ConllReader.Sentence> testS = read.read(EngineOptions.local(engine, test));
                NerModel trained = model;
                ConllEval e = UserErrors.about(test, () -> trained.evaluate(testS, predictions));
                log.print("test:\n" + e.report());
                result.put("test", e.toMap());
                model = model.withMetric("test_f1", e.overall().f1());
                if (predictions != null) log.println("wrote conlleval input " + predictions);
            }
            model.save(out);
            log.println("saved " + out);
            result.put("model", out.toString());
            if (json) System.out.println(Json.write(result));
            return Main.OK;
        }

        private NerConfig config() {
            NerConfig c = NerConfig.defaults();
            try {
                for (var kv : SetOptions.pairs(sets)) c = c.with(kv.getKey(), kv.getValue());
                if (pretrained != null) c = c.with("pretrained", pretrained.toString());
                if (freeze) c = c.with("fineTune", "false");
                if (softmax) c = c.with("output", "SOFTMAX");
                if (scheme != null) c = c.with("scheme", scheme);
                if (cell != null) c = c.with("cell", cell);
                if (units != null) c = c.with("units", units.toString());
                if (layers != null) c = c.with("depth", layers.toString());
                if (epochs != null) c = c.with("epochs", epochs.toString());
                if (lr != null) c = c.with("learningRate", lr.toString());
                if (seed != null) c = c.with("seed", seed.toString());
                return c;
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
    }

    @Command(name = "eval", description = {"Entity-level precision, recall and F1 as conlleval computes them, in its layout.",
            "JSON keys: precision, recall, f1, accuracy, per_type."})
    static final class Eval implements Callable<Integer> {
        @picocli.CommandLine.Mixin ReadOptions read;
        @Option(names = "--model", required = true, description = "A ner model bundle.") Path model;
        @Option(names = "--data", required = true, description = "Tagged sentences.") Path data;
        @Option(names = "--predictions", description = "Also write conlleval.pl's input (word gold predicted) here.") Path predictions;
        @Option(names = "--json", description = "Print one JSON object.") boolean json;

        @Override
        public Integer call() throws Exception {
            Backend.init();
            NerModel m = NerModel.load(model);
            List<ConllReader.Sentence> gold = read.read(data);
            ConllEval e = UserErrors.about(data, () -> m.evaluate(gold, predictions));
            System.out.print(json ? Json.write(e.toMap()) + "\n" : e.report());
            return Main.OK;
        }
    }

    @Command(name = "predict", description = "Entities of one sentence per line (from --input or stdin).")
    static final class Predict implements Callable<Integer> {
        @Option(names = "--model", required = true, description = "A ner model bundle.") Path model;
        @Option(names = "--input", description = "Text file, one sentence per line (default: stdin).") Path input;
        @Option(names = "--json", description = "One JSON object per line: text and entities (type, tokens, characters, confidence).") boolean json;

        @Override
        public Integer call() throws Exception {
            Backend.init();
            NerModel m = NerModel.load(model);
            for (String text : InputLines.read(input)) {
                List<NerModel.Entity> entities = m.tag(text);
                if (json) {
                    System.out.println(Json.write(PredictionJson.ner(text, entities)));
                } else {
                    StringBuilder sb = new StringBuilder(text);
                    for (NerModel.Entity e : entities) {
                        sb.append(String.format(java.util.Locale.ROOT, "\t[%s %s %.2f]", e.type(), e.text(), e.confidence()));
                    }
                    System.out.println(sb);
                }
            }
            return Main.OK;
        }
    }
}
