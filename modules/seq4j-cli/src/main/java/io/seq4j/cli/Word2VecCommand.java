package io.seq4j.cli;

import io.seq4j.core.backend.Backend;
import io.seq4j.embeddings.AnalogyEvaluation;
import io.seq4j.embeddings.ScatterPlot;
import io.seq4j.embeddings.SimilarityEvaluation;
import io.seq4j.embeddings.Tsne;
import io.seq4j.embeddings.VectorSearch;
import io.seq4j.embeddings.WordVectors;
import io.seq4j.embeddings.word2vec.TextCorpus;
import io.seq4j.embeddings.word2vec.Word2VecConfig;
import io.seq4j.embeddings.word2vec.Word2VecTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seq4j word2vec train|eval|nearest|analogy|tsne}: word embeddings. */
@Command(name = "word2vec", description = "Word embeddings: train, eval, nearest, analogy, tsne.",
        subcommands = {Word2VecCommand.Train.class, Word2VecCommand.Eval.class, Word2VecCommand.Nearest.class,
                Word2VecCommand.Analogy.class, Word2VecCommand.TsnePlot.class})
final class Word2VecCommand {

    @Command(name = "train", description = {"Train skip-gram or CBOW vectors on text files or folders (one sentence per line).",
            "Defaults: skip-gram, 100 dims, window 5, negative 5, min count 5, sample 1e-4, 5 epochs (see README)."})
    static final class Train implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "CORPUS", description = "Text files or folders (gzip read transparently).") List<Path> corpus;
        @Option(names = "--out", required = true, description = "Vectors file to write (.bin: word2vec binary, else word2vec text).") Path out;
        @Option(names = "--format", description = "text, binary or glove (default: from the --out extension).") String format;
        @Option(names = "--cbow", description = "CBOW instead of skip-gram.") boolean cbow;
        @Option(names = "--hs", description = "Hierarchical softmax instead of negative sampling.") boolean hs;
        @Option(names = "--dim", description = "Vector size.") Integer dim;
        @Option(names = "--window", description = "Largest context distance.") Integer window;
        @Option(names = "--negative", description = "Noise words per pair.") Integer negative;
        @Option(names = "--min-count", description = "Rarest word kept.") Integer minCount;
        @Option(names = "--max-vocab", description = "Keep at most this many words.") Integer maxVocab;
        @Option(names = "--sample", description = "Sub-sampling threshold (0 = off).") Double sample;
        @Option(names = "--epochs", description = "Passes over the corpus.") Integer epochs;
        @Option(names = "--alpha", description = "Starting learning rate.") Double alpha;
        @Option(names = "--threads", description = "Training threads (default: all cores).") Integer threads;
        @Option(names = "--seed", description = "Random seed.") Long seed;
        @Option(names = "--tokenizer", description = "word-lower (default), word, space or space-lower (already tokenized text).") String tokenizer;
        @Option(names = "--json", description = "Print a summary as one JSON object on stdout.") boolean json;

        @Override
        public Integer call() throws Exception {
            Word2VecConfig config = config();
            WordVectors.Format fmt = outputFormat(out, format);
            PrintStream log = System.err;
            TextCorpus text = UserErrors.of(() -> Word2VecTrainer.corpus(corpus, config));
            log.printf(Locale.ROOT, "seq4j word2vec train: %d file(s), %s%n", text.files().size(), config.toMap());
            log.println("counting words...");
            long[] last = {0};
            Word2VecTrainer.Result r = UserErrors.of(() -> new Word2VecTrainer(config).train(text, s -> {
                long now = System.nanoTime();
                if (now - last[0] < 5_000_000_000L && s.fraction() < 1) return;
                last[0] = now;
                log.printf(Locale.ROOT, "epoch %d/%d  %5.1f%%  %,.0f words/s  alpha %.5f  ETA %s%n", s.epoch(), s.epochs(), 100 * s.fraction(),
                        s.wordsPerSecond(), s.alpha(), duration(s.secondsLeft()));
            }));
            log.printf(Locale.ROOT, "vocabulary %,d words (of %,d tokens per pass), trained %,d words in %.1f s (%,.0f words/s; counting %.1f s)%n",
                    r.vocab().size(), r.vocab().corpusTokens(), r.trainedWords(), r.trainSeconds(), r.wordsPerSecond(), r.scanSeconds());
            r.vectors().write(out, fmt);
            log.println("saved " + out);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("vocabulary", r.vocab().size());
                m.put("corpus_tokens", r.vocab().corpusTokens());
                m.put("trained_words", r.trainedWords());
                m.put("train_seconds", r.trainSeconds());
                m.put("scan_seconds", r.scanSeconds());
                m.put("words_per_s", r.wordsPerSecond());
                m.put("vectors", out.toString());
                m.put("settings", new LinkedHashMap<>(config.toMap()));
                System.out.println(Json.write(m));
            }
            return Main.OK;
        }

        private Word2VecConfig config() {
            Word2VecConfig c = Word2VecConfig.defaults();
            try {
                if (cbow) c = c.with("model", "cbow");
                if (hs) c = c.with("objective", "hs");
                c = set(c, "dimensions", dim);
                c = set(c, "window", window);
                c = set(c, "negative", negative);
                c = set(c, "minCount", minCount);
                c = set(c, "maxVocab", maxVocab);
                c = set(c, "sample", sample);
                c = set(c, "epochs", epochs);
                c = set(c, "alpha", alpha);
                c = set(c, "threads", threads);
                c = set(c, "seed", seed);
                c = set(c, "tokenizer", tokenizer);
                io.seq4j.core.text.Tokenizer.forName(c.tokenizer());
                return c;
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }

        private static Word2VecConfig set(Word2VecConfig c, String key, Object value) {
            return value == null ? c : c.with(key, value.toString());
        }
    }

    /** Options naming a vectors file. */
    static final class ModelOption {
        @Option(names = "--model", required = true, description = "Vectors: word2vec text or binary, or GloVe text.") Path model;

        VectorSearch load() throws IOException {
            Backend.init();
            return new VectorSearch(WordVectors.read(model));
        }
    }

    @Command(name = "eval", description = {"Analogy accuracy (questions-words layout, top --restrict words) and word-similarity Spearman rho.",
            "JSON keys: analogy_accuracy, analogy_coverage, wordsim353_rho, simlex999_rho."})
    static final class Eval implements Callable<Integer> {
        @picocli.CommandLine.Mixin ModelOption model;
        @Option(names = "--analogies", description = "Analogy questions (e.g. questions-words.txt).") Path analogies;
        @Option(names = "--wordsim", description = "WordSim-353 pairs.") Path wordsim;
        @Option(names = "--simlex", description = "SimLex-999 pairs.") Path simlex;
        @Option(names = "--restrict", description = "Candidate answers: the N most frequent words (default ${DEFAULT-VALUE}; 0 = all).",
                defaultValue = "30000") int restrict;
        @Option(names = "--rule", description = "add (3CosAdd, default) or mul (3CosMul).", defaultValue = "add") String rule;
        @Option(names = "--json", description = "Print one JSON object.") boolean json;

        @Override
        public Integer call() throws Exception {
            if (analogies == null && wordsim == null && simlex == null) throw new UsageException("give --analogies, --wordsim and/or --simlex");
            VectorSearch search = model.load();
            Map<String, Object> m = new LinkedHashMap<>();
            StringBuilder text = new StringBuilder();
            if (analogies != null) {
                AnalogyEvaluation a = AnalogyEvaluation.evaluate(search, analogies, restrict, rule(rule));
                m.put("analogy_accuracy", a.accuracy());
                m.put("analogy_coverage", a.coverage());
                m.put("analogy_semantic", a.accuracy(false));
                m.put("analogy_syntactic", a.accuracy(true));
                Map<String, Object> sections = new LinkedHashMap<>();
                for (AnalogyEvaluation.Section s : a.sections()) sections.put(s.name(), s.accuracy());
                m.put("analogy_sections", sections);
                text.append(a.report());
            }
            similarity(search, wordsim, "wordsim353", m, text);
            similarity(search, simlex, "simlex999", m, text);
            System.out.print(json ? Json.write(m) + "\n" : text);
            return Main.OK;
        }

        private static void similarity(VectorSearch search, Path file, String name, Map<String, Object> m, StringBuilder text) throws IOException {
            if (file == null) return;
            SimilarityEvaluation e = SimilarityEvaluation.evaluate(search, file);
            m.put(name + "_rho", e.spearman());
            m.put(name + "_pearson", e.pearson());
            m.put(name + "_coverage", e.coverage());
            text.append(String.format(Locale.ROOT, "%s: Spearman rho %.4f, Pearson r %.4f, %d of %d pairs%n", name, e.spearman(), e.pearson(),
                    e.pairsUsed(), e.pairsInFile()));
        }
    }

    @Command(name = "nearest", description = "The nearest words by cosine similarity.")
    static final class Nearest implements Callable<Integer> {
        @picocli.CommandLine.Mixin ModelOption model;
        @Parameters(arity = "1..*", paramLabel = "WORD") List<String> words;
        @Option(names = "--top", description = "How many (default ${DEFAULT-VALUE}).", defaultValue = "10") int top;
        @Option(names = "--json", description = "One JSON object per word.") boolean json;

        @Override
        public Integer call() throws Exception {
            VectorSearch search = model.load();
            for (String w : words) {
                List<VectorSearch.Neighbour> n = UserErrors.of(() -> search.nearest(w, top));
                System.out.println(json ? Json.write(PredictionJson.nearest(w, n)) : w + ": " + n);
            }
            return Main.OK;
        }
    }

    @Command(name = "analogy", description = "a is to b as c is to ? (e.g. man king woman -> queen).")
    static final class Analogy implements Callable<Integer> {
        @picocli.CommandLine.Mixin ModelOption model;
        @Parameters(index = "0", paramLabel = "A") String a;
        @Parameters(index = "1", paramLabel = "B") String b;
        @Parameters(index = "2", paramLabel = "C") String c;
        @Option(names = "--top", description = "How many answers (default ${DEFAULT-VALUE}).", defaultValue = "5") int top;
        @Option(names = "--rule", description = "add (3CosAdd, default) or mul (3CosMul).", defaultValue = "add") String rule;
        @Option(names = "--restrict", description = "Answers among the N most frequent words (0 = all, the default).", defaultValue = "0") int restrict;
        @Option(names = "--json", description = "One JSON object.") boolean json;

        @Override
        public Integer call() throws Exception {
            VectorSearch search = model.load();
            List<VectorSearch.Neighbour> n = UserErrors.of(() -> search.analogy(a, b, c, top, rule(rule), restrict));
            System.out.println(json ? Json.write(Json.object("query", List.of(a, b, c), "answers", PredictionJson.neighbours(n)))
                    : a + " : " + b + " :: " + c + " : " + n);
            return Main.OK;
        }
    }

    @Command(name = "tsne", description = "A t-SNE map of chosen words (or the most frequent ones) as a labelled PNG.")
    static final class TsnePlot implements Callable<Integer> {
        @picocli.CommandLine.Mixin ModelOption model;
        @Option(names = "--words", split = ",", description = "Words to plot (comma separated).") List<String> words;
        @Option(names = "--top", description = "Without --words: the N most frequent words (default ${DEFAULT-VALUE}).", defaultValue = "300") int top;
        @Option(names = "--png", required = true, description = "Image to write.") Path png;
        @Option(names = "--perplexity", defaultValue = "30", description = "t-SNE perplexity (default ${DEFAULT-VALUE}).") double perplexity;
        @Option(names = "--iterations", defaultValue = "1000", description = "Gradient steps (default ${DEFAULT-VALUE}).") int iterations;
        @Option(names = "--seed", defaultValue = "1", description = "Random seed.") long seed;

        @Override
        public Integer call() throws Exception {
            VectorSearch search = model.load();
            WordVectors v = search.vectors();
            List<String> chosen = new ArrayList<>();
            if (words != null && !words.isEmpty()) {
                for (String w : words) {
                    int i = search.indexOf(w.strip(), true);
                    if (i < 0) throw new UsageException("--words: '" + w + "' is not in " + model.model);
                    chosen.add(v.words().get(i));
                }
            } else {
                chosen.addAll(v.words().subList(0, Math.min(top, v.size())));
            }
            double[][] x = new double[chosen.size()][];
            for (int i = 0; i < x.length; i++) {
                float[] f = v.vector(chosen.get(i));
                double norm = 0;
                for (float t : f) norm += t * t;
                x[i] = new double[f.length];
                for (int d = 0; d < f.length; d++) x[i][d] = f[d] / Math.sqrt(Math.max(norm, 1e-30));
            }
            double[][] y = UserErrors.of(() -> new Tsne(perplexity, iterations, seed).embed(x));
            ScatterPlot.write(png, "t-SNE of " + chosen.size() + " words from " + model.model.getFileName(), chosen, y, 1400, 1100);
            System.err.println("wrote " + png);
            return Main.OK;
        }
    }

    static VectorSearch.Analogy rule(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "add", "3cosadd" -> VectorSearch.Analogy.ADD;
            case "mul", "3cosmul" -> VectorSearch.Analogy.MUL;
            default -> throw new UsageException("--rule: '" + s + "' is not add or mul");
        };
    }

    static WordVectors.Format outputFormat(Path out, String format) {
        String f = format != null ? format.toLowerCase(Locale.ROOT) : out.getFileName().toString().endsWith(".bin") ? "binary" : "text";
        return switch (f) {
            case "text" -> WordVectors.Format.WORD2VEC_TEXT;
            case "binary" -> WordVectors.Format.WORD2VEC_BINARY;
            case "glove" -> WordVectors.Format.GLOVE_TEXT;
            default -> throw new UsageException("--format: '" + format + "' is not text, binary or glove");
        };
    }

    private static String duration(double seconds) {
        if (!Double.isFinite(seconds)) return "?";
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
