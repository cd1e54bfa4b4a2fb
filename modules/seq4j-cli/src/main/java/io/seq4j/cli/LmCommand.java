package io.seq4j.cli;

import io.seq4j.core.backend.Backend;
import io.seq4j.lm.LanguageModel;
import io.seq4j.lm.LmConfig;
import io.seq4j.lm.LmDocuments;
import io.seq4j.lm.LmTrainer;
import io.seq4j.lm.abc.AbcMidi;
import io.seq4j.lm.abc.AbcSyntaxException;
import io.seq4j.lm.abc.AbcTune;
import io.seq4j.core.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seq4j lm train|eval|score|sample}: language models of text, names and ABC tunes. */
@Command(name = "lm", description = "Language models (character or word level): train, eval, score, sample.",
        subcommands = {LmCommand.Train.class, LmCommand.Eval.class, LmCommand.Score.class, LmCommand.Sample.class})
final class LmCommand {

    @Command(name = "train", description = {"Train a language model; the defaults per --level are the measured settings (see README).",
            "--samples text: one long text in windows (truncated BPTT); lines: one sequence per line; abc: one per ABC tune."})
    static final class Train implements Callable<Integer> {
        @Option(names = "--data", required = true, description = "Training text: a file or a directory of files (.gz read too).") Path data;
        @Option(names = "--dev", description = "Validation text (default: hold out --valid-fraction of --data).") Path dev;
        @Option(names = "--valid-fraction", description = "Without --dev: the share held out (text: the last part; sequences: seeded random). Default ${DEFAULT-VALUE}.",
                defaultValue = "0.1") double validFraction;
        @Option(names = "--level", description = "char (default) or word.", defaultValue = "char") String level;
        @Option(names = "--samples", description = "text (default), lines or abc.") String samples;
        @Option(names = "--tokenizer", description = "Word level: word-lower (default), word, space, space-lower.") String tokenizer;
        @Option(names = "--cell", description = "lstm (default), gru or rnn.") String cell;
        @Option(names = "--units", description = "Recurrent units.") Integer units;
        @Option(names = "--layers", description = "Stacked recurrent layers.") Integer layers;
        @Option(names = "--window", description = "Truncated-BPTT window for text samples, in tokens.") Integer window;
        @Option(names = "--epochs", description = "Most epochs.") Integer epochs;
        @Option(names = "--lr", description = "Adam learning rate.") Double lr;
        @Option(names = "--seed", description = "Random seed.") Long seed;
        @Option(names = "--set", description = "One setting, key=value (repeatable; keys as in the bundle's settings).") List<String> sets = new ArrayList<>();
        @Option(names = "--out", description = "Model bundle to write (default: ${DEFAULT-VALUE}).", defaultValue = "runs/lm/model.zip") Path out;
        @Option(names = "--checkpoint-dir", description = "Checkpoints (a killed run resumes from them).") Path checkpointDir;
        @Option(names = "--json", description = "Print the results as one JSON object on stdout.") boolean json;

        @Override
        public Integer call() throws Exception {
            LmConfig config = config();
            PrintStream log = System.err;
            log.println("seq4j lm train on " + Backend.init().summary());
            List<String> docs = LmDocuments.read(data, config.samples());
            List<String> trainDocs, devDocs;
            if (dev != null) {
                trainDocs = docs;
                devDocs = LmDocuments.read(dev, config.samples());
            } else {
                LmDocuments.Split split = UserErrors.of(() -> LmDocuments.holdOut(docs, validFraction, config.samples(), config.seed()));
                trainDocs = split.train();
                devDocs = split.heldOut();
                log.printf(Locale.ROOT, "validation: %s %.0f%% of %s%n", config.samples() == LmConfig.Samples.TEXT ? "the last" : "a seeded random",
                        100 * validFraction, data);
            }
            LanguageModel model = UserErrors.about(data, () -> new LmTrainer(config, checkpointDir, log).train(trainDocs, devDocs));
            // the kept epoch's validation loss, as the trainer measured it (no second pass over the validation text)
            LanguageModel.Evaluation e = new LanguageModel.Evaluation(model.metrics().get("dev_tokens").longValue(),
                    model.metrics().get("dev_loss_nats"));
            model.save(out);
            log.println("saved " + out);
            Map<String, Object> result = evaluation(e, devDocs);
            result.put("train_seconds", model.metrics().get("train_seconds"));
            result.put("train_tokens_per_s", model.metrics().get("train_tokens_per_s"));
            result.put("epochs", model.metrics().get("epochs"));
            result.put("best_epoch", model.metrics().get("best_epoch"));
            result.put("parameters", model.network().numParams());
            result.put("model", out.toString());
            if (json) System.out.println(Json.write(result));
            return Main.OK;
        }

        private LmConfig config() {
            try {
                LmConfig c = LmConfig.defaults(LmConfig.parseLevel(level));
                if (tokenizer != null) c = c.with("tokenizer", tokenizer);
                if (samples != null) c = c.with("samples", samples);
                if (cell != null) c = c.with("cell", cell);
                if (units != null) c = c.with("units", units.toString());
                if (layers != null) c = c.with("depth", layers.toString());
                if (window != null) c = c.with("window", window.toString());
                if (epochs != null) c = c.with("epochs", epochs.toString());
                if (lr != null) c = c.with("learningRate", lr.toString());
                if (seed != null) c = c.with("seed", seed.toString());
                for (var kv : SetOptions.pairs(sets)) c = c.with(kv.getKey(), kv.getValue());
                return c;
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
    }

    /** loss_nats, bits_per_token, bits_per_char (over the documents' characters) and perplexity. */
    static Map<String, Object> evaluation(LanguageModel.Evaluation e, List<String> docs) {
        long chars = 0;
        for (String d : docs) chars += d.codePointCount(0, d.length());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("loss_nats", e.lossNats());
        m.put("bits_per_char", e.lossNats() * e.tokens() / Math.log(2) / chars);
        m.put("bits_per_token", e.bitsPerToken());
        m.put("perplexity", e.perplexity());
        m.put("tokens", e.tokens());
        return m;
    }

    @Command(name = "eval", description = {"Loss of held-out text (same windows or sequences as in training).",
            "JSON keys: loss_nats (per token), bits_per_char, bits_per_token, perplexity, tokens."})
    static final class Eval implements Callable<Integer> {
        @Option(names = "--model", required = true, description = "An lm model bundle.") Path model;
        @Option(names = "--data", required = true, description = "Text: a file or a directory.") Path data;
        @Option(names = "--json", description = "Print one JSON object.") boolean json;

        @Override
        public Integer call() throws Exception {
            Backend.init();
            LanguageModel m = LanguageModel.load(model);
            List<String> docs = LmDocuments.read(data, m.config().samples());
            Map<String, Object> r = evaluation(m.evaluate(docs), docs);
            if (json) {
                System.out.println(Json.write(r));
            } else {
                System.out.printf(Locale.ROOT, "loss %.4f nats/token, %.4f bits/char, %.4f bits/token, perplexity %.3f over %d tokens%n",
                        r.get("loss_nats"), r.get("bits_per_char"), r.get("bits_per_token"), r.get("perplexity"), r.get("tokens"));
            }
            return Main.OK;
        }
    }

    @Command(name = "score", description = {"Probability of each input line: natural log-probability, cross-entropy (nats/token), perplexity, bits/token.",
            "Lines come from the arguments, --input or stdin."})
    static final class Score implements Callable<Integer> {
        @Option(names = "--model", required = true, description = "An lm model bundle.") Path model;
        @Option(names = "--input", description = "Text file, one text per line.") Path input;
        @Option(names = "--json", description = "One JSON object per line.") boolean json;
        @Parameters(description = "Texts to score (instead of --input / stdin).") List<String> texts = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            Backend.init();
            LanguageModel m = LanguageModel.load(model);
            List<String> lines = texts.isEmpty() ? InputLines.read(input) : texts;
            if (!json) System.out.println("log_prob\tnats/token\tperplexity\tbits/token\ttext");
            for (LanguageModel.Score s : m.score(lines)) {
                if (json) {
                    System.out.println(Json.write(PredictionJson.score(s)));
                } else {
                    System.out.printf(Locale.ROOT, "%.4f\t%.4f\t%.3f\t%.4f\t%s%n", s.logProb(), s.crossEntropy(), s.perplexity(), s.bitsPerToken(), s.text());
                }
            }
            return Main.OK;
        }
    }

    @Command(name = "sample", description = {"Generate text (step by step, from the model's recurrent state).",
            "With --abc-dir (ABC models): each sample that parses is written as tune-N.abc and tune-N.mid."})
    static final class Sample implements Callable<Integer> {
        @Option(names = "--model", required = true, description = "An lm model bundle.") Path model;
        @Option(names = "--prime", description = "Text to continue.", defaultValue = "") String prime;
        @Option(names = "--temperature", description = "Sampling temperature (default ${DEFAULT-VALUE}).", defaultValue = "1.0") double temperature;
        @Option(names = "--top-k", description = "Sample among the k most probable tokens (0 = all, default).", defaultValue = "0") int topK;
        @Option(names = "--seed", description = "Random seed (default ${DEFAULT-VALUE}); sample i uses seed + i.", defaultValue = "1") long seed;
        @Option(names = "--max-length", description = "Most generated tokens per sample (default ${DEFAULT-VALUE}).", defaultValue = "500") int maxLength;
        @Option(names = "--count", description = "Number of samples (default ${DEFAULT-VALUE}).", defaultValue = "1") int count;
        @Option(names = "--stop-at-end", arity = "1", description = "Stop at the end token (default: true for lines/abc models, false for text models).") Boolean stopAtEnd;
        @Option(names = "--abc-dir", description = "Write the samples that parse as ABC (and their MIDI) here.") Path abcDir;
        @Option(names = "--json", description = "One JSON object per sample.") boolean json;

        @Override
        public Integer call() throws Exception {
            Backend.init();
            LanguageModel m = LanguageModel.load(model);
            if (count < 1) throw new UsageException("--count must be at least 1");
            boolean stop = stopAtEnd != null ? stopAtEnd : m.config().samples() != LmConfig.Samples.TEXT;
            int parsed = 0;
            for (int i = 0; i < count; i++) {
                long sampleSeed = seed + i;
                LanguageModel.Sampling s = UserErrors.of(() -> new LanguageModel.Sampling(prime, temperature, topK, sampleSeed, maxLength, stop));
                String text = prime + m.sample(s);
                String abcError = null;
                if (abcDir != null) {
                    try {
                        AbcTune tune = AbcTune.parse(text);
                        AtomicFiles.writeString(abcDir.resolve("tune-" + (i + 1) + ".abc"), text.endsWith("\n") ? text : text + "\n");
                        AbcMidi.write(tune, abcDir.resolve("tune-" + (i + 1) + ".mid"));
                        parsed++;
                    } catch (AbcSyntaxException e) {
                        abcError = e.getMessage();
                    }
                }
                if (json) {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("seed", seed + i);
                    o.put("text", text);
                    if (abcDir != null) o.put("abc_error", abcError);
                    System.out.println(Json.write(o));
                } else {
                    System.out.println(text);
                    if (abcError != null) System.err.println("sample " + (i + 1) + " is not valid ABC: " + abcError);
                    if (count > 1) System.out.println();
                }
            }
            if (abcDir != null) System.err.printf(Locale.ROOT, "%d of %d samples parse as ABC; written with MIDI to %s%n", parsed, count, abcDir);
            return Main.OK;
        }
    }
}
