package io.seq4j.cli;

import io.seq4j.core.data.LineReader;
import java.util.Arrays;
import java.util.LinkedHashMap;
import io.seq4j.core.backend.Backend;
import io.seq4j.core.io.AtomicFiles;
import io.seq4j.seq2seq.AttentionHeatmap;
import io.seq4j.seq2seq.Bleu;
import io.seq4j.seq2seq.ParallelText;
import io.seq4j.seq2seq.SentencePair;
import io.seq4j.seq2seq.Seq2SeqConfig;
import io.seq4j.seq2seq.Seq2SeqTrainer;
import io.seq4j.seq2seq.Translation;
import io.seq4j.seq2seq.TranslationModel;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seq4j translate train|eval|predict}: attention encoder-decoder translation. */
@Command(name = "translate", description = "Sequence-to-sequence translation (encoder-decoder with attention): train, eval, predict; bleu scores any translations.",
        subcommands = {TranslateCommand.Train.class, TranslateCommand.Eval.class, TranslateCommand.Predict.class, TranslateCommand.BleuScore.class})
final class TranslateCommand {

    /** Where pairs come from: two aligned files PREFIX.SRC / PREFIX.TGT, or one TSV of pairs. */
    static final class Pairs {
        @Option(names = "--data", description = "Aligned files: reads PREFIX.<src> and PREFIX.<tgt> (e.g. multi30k/tok/train.lc.norm.tok).") Path prefix;
        @Option(names = "--pairs", description = "One TSV of pairs: source<TAB>target[<TAB>ignored...] (Tatoeba/Anki style).") Path tsv;
    }

    /** Options shared by the commands that read pairs. */
    static final class Languages {
        @Option(names = "--src", description = "Source language suffix for --data/--dev (e.g. de).") String src;
        @Option(names = "--tgt", description = "Target language suffix for --data/--dev (e.g. en).") String tgt;
        @Option(names = "--reverse", description = "Swap the two sides of --pairs files (translate the second column into the first).") boolean reverse;

        List<SentencePair> read(Pairs p, String what) throws IOException {
            List<SentencePair> pairs;
            if (p.prefix != null) {
                if (src == null || tgt == null) throw new UsageException(what + " --data needs --src and --tgt (reads PREFIX.<src> and PREFIX.<tgt>)");
                pairs = ParallelText.read(p.prefix, src, tgt);
            } else {
                pairs = ParallelText.readTsv(p.tsv);
            }
            return reverse && p.tsv != null ? ParallelText.reversed(pairs) : pairs;
        }
    }

    @Command(name = "train", description = {"Train a translation model; the defaults are the measured settings (see README).",
            "Without --dev / --dev-pairs, 5% of the training pairs (seeded) are held out for early stopping."})
    static final class Train implements Callable<Integer> {
        @ArgGroup(exclusive = true, multiplicity = "1") Pairs train;
        @Option(names = "--dev", description = "Validation pairs as aligned files (same --src/--tgt).") Path dev;
        @Option(names = "--dev-pairs", description = "Validation pairs as a TSV.") Path devPairs;
        @picocli.CommandLine.Mixin Languages languages = new Languages();
        @Option(names = "--cell", description = "gru (default), lstm or rnn.") String cell;
        @Option(names = "--units", description = "Encoder units per direction.") Integer units;
        @Option(names = "--decoder-units", description = "Decoder units.") Integer decoderUnits;
        @Option(names = "--embedding", description = "Embedding size (source and target).") Integer embedding;
        @Option(names = "--epochs", description = "Most epochs.") Integer epochs;
        @Option(names = "--lr", description = "Adam learning rate.") Double lr;
        @Option(names = "--batch", description = "Pairs per batch.") Integer batch;
        @Option(names = "--seed", description = "Random seed.") Long seed;
        @Option(names = "--set", description = "One setting, key=value (repeatable; keys as in the bundle's settings).") List<String> sets = new ArrayList<>();
        @Option(names = "--out", description = "Model bundle to write (default: ${DEFAULT-VALUE}).", defaultValue = "runs/translate/model.zip") Path out;
        @Option(names = "--checkpoint-dir", description = "Checkpoints (a killed run resumes from them).") Path checkpointDir;
        @Option(names = "--json", description = "Print the results as one JSON object on stdout.") boolean json;

        @Override
        public Integer call() throws Exception {
            Seq2SeqConfig config = config();
            PrintStream log = System.err;
            log.println("seq4j translate train on " + Backend.init().summary());
            List<SentencePair> pairs = languages.read(train, "training");
            List<SentencePair> devSet = null;
            if (dev != null || devPairs != null) {
                Pairs d = new Pairs();
                d.prefix = dev;
                d.tsv = devPairs;
                devSet = languages.read(d, "validation");
            }
            List<SentencePair> devFinal = devSet;
            TranslationModel model = UserErrors.of(() -> new Seq2SeqTrainer(config, checkpointDir, log).train(pairs, devFinal));
            model.save(out);
            log.println("saved " + out);
            Map<String, Object> result = new LinkedHashMap<>();
            model.metrics().forEach(result::put);
            result.put("parameters", model.network().numParams());
            result.put("model", out.toString());
            if (json) System.out.println(Json.write(result));
            return Main.OK;
        }

        private Seq2SeqConfig config() {
            try {
                Seq2SeqConfig c = Seq2SeqConfig.defaults();
                if (cell != null) c = c.with("cell", cell);
                if (units != null) c = c.with("units", units.toString());
                if (decoderUnits != null) c = c.with("decoderUnits", decoderUnits.toString());
                if (embedding != null) c = c.with("embedding", embedding.toString());
                if (epochs != null) c = c.with("epochs", epochs.toString());
                if (lr != null) c = c.with("learningRate", lr.toString());
                if (batch != null) c = c.with("batchSize", batch.toString());
                if (seed != null) c = c.with("seed", seed.toString());
                for (var kv : SetOptions.pairs(sets)) c = c.with(kv.getKey(), kv.getValue());
                return c;
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
    }

    @Command(name = "eval", description = {"Translate the sources of reference pairs and score them: corpus BLEU as sacreBLEU computes it",
            "(13a tokenisation; cased and lowercased) and the model's perplexity on the references.",
            "JSON keys: bleu, bleu_lowercase, perplexity, loss_nats, sentences, beam, seconds."})
    static final class Eval implements Callable<Integer> {
        @Option(names = "--model", required = true, description = "A translate model bundle.") Path model;
        @ArgGroup(exclusive = true, multiplicity = "1") Pairs data;
        @picocli.CommandLine.Mixin Languages languages = new Languages();
        @Option(names = "--beam", description = "Beam width (default: the model's, 5; 1 = greedy).") Integer beam;
        @Option(names = "--output", description = "Write the translations here, one per line.") Path output;
        @Option(names = "--json", description = "Print one JSON object.") boolean json;

        @Override
        public Integer call() throws Exception {
            Backend.init();
            TranslationModel m = TranslationModel.load(model);
            List<SentencePair> pairs = languages.read(data, "evaluation");
            int b = beam != null ? beam : m.config().beam();
            long t0 = System.nanoTime();
            TranslationModel.Evaluation e = UserErrors.of(() -> m.evaluate(pairs, b));
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (output != null) AtomicFiles.writeLines(output, e.translations().stream().map(Translation::text).toList());
            Map<String, Object> r = e.toMap();
            r.put("beam", b);
            r.put("seconds", seconds);
            if (json) {
                System.out.println(Json.write(r));
            } else {
                System.out.printf(Locale.ROOT, "BLEU %.2f (lowercased %.2f), perplexity %.3f on %d sentences, beam %d, %.1f s%n",
                        e.bleu(), e.bleuLowercase(), e.perplexity(), e.sentences(), b, seconds);
            }
            return Main.OK;
        }
    }

    @Command(name = "predict", description = {"Translate sentences (arguments, --input or stdin lines).",
            "--attention-png DIR writes each translation's attention matrix as DIR/attention-N.png."})
    static final class Predict implements Callable<Integer> {
        @Option(names = "--model", required = true, description = "A translate model bundle.") Path model;
        @Option(names = "--input", description = "Text file, one sentence per line.") Path input;
        @Option(names = "--beam", description = "Beam width (default: the model's, 5; 1 = greedy).") Integer beam;
        @Option(names = "--attention-png", description = "Directory for attention heatmaps (attention-1.png, ...).") Path attentionDir;
        @Option(names = "--json", description = "One JSON object per sentence.") boolean json;
        @Parameters(description = "Sentences to translate (instead of --input / stdin).") List<String> texts = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            Backend.init();
            TranslationModel m = TranslationModel.load(model);
            List<String> lines = texts.isEmpty() ? InputLines.read(input) : texts;
            List<Translation> out = UserErrors.of(() -> m.translate(lines, beam != null ? beam : m.config().beam()));
            for (int i = 0; i < out.size(); i++) {
                Translation t = out.get(i);
                if (attentionDir != null) AttentionHeatmap.write(t, attentionDir.resolve("attention-" + (i + 1) + ".png"));
                System.out.println(json ? Json.write(PredictionJson.translation(lines.get(i), t)) : t.text());
            }
            if (attentionDir != null) System.err.printf(Locale.ROOT, "%d attention heatmaps written to %s%n", out.size(), attentionDir);
            return Main.OK;
        }
    }

    @Command(name = "bleu", description = {"Corpus BLEU of translations against references, as sacreBLEU computes it by default",
            "(13a tokenisation, exponential smoothing); line i of --hypotheses translates line i of --references.",
            "JSON keys: bleu, bleu_lowercase, precisions, brevity_penalty, hyp_len, ref_len, sentences."})
    static final class BleuScore implements Callable<Integer> {
        @Option(names = "--hypotheses", required = true, description = "Translations, one per line.") Path hypotheses;
        @Option(names = "--references", required = true, description = "Reference translations, one per line.") Path references;
        @Option(names = "--json", description = "Print one JSON object.") boolean json;

        @Override
        public Integer call() throws Exception {
            List<String> hyp = lines(hypotheses), ref = lines(references);
            if (hyp.size() != ref.size()) {
                throw new UsageException(hypotheses + " has " + hyp.size() + " lines but " + references + " has " + ref.size());
            }
            Bleu.Score cased = Bleu.corpus(hyp, ref, false), lower = Bleu.corpus(hyp, ref, true);
            if (json) {
                System.out.println(Json.write(Json.object("bleu", cased.score(), "bleu_lowercase", lower.score(),
                        "precisions", Arrays.stream(cased.precisions()).boxed().toList(), "brevity_penalty", cased.brevityPenalty(),
                        "hyp_len", cased.sysLen(), "ref_len", cased.refLen(), "sentences", hyp.size())));
            } else {
                System.out.println(cased);
                System.out.printf(Locale.ROOT, "lowercased: BLEU = %.2f%n", lower.score());
            }
            return Main.OK;
        }

        /** Every line, blank ones included (a blank translation is a translation). */
        private static List<String> lines(Path file) throws IOException {
            List<String> out = new ArrayList<>();
            try (LineReader r = new LineReader(file)) {
                for (String line; (line = r.next()) != null; ) out.add(line);
            }
            return out;
        }
    }
}
