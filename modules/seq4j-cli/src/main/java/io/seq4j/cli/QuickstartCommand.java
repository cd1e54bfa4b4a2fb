package io.seq4j.cli;

import io.seq4j.cli.quickstart.EmbeddingExperiment;
import io.seq4j.cli.quickstart.LmExperiment;
import io.seq4j.cli.quickstart.LongMemoryExperiment;
import io.seq4j.cli.quickstart.NerExperiment;
import io.seq4j.cli.quickstart.TranslateExperiment;
import io.seq4j.cli.quickstart.WordOrderExperiment;
import io.seq4j.cli.quickstart.LongMemoryExperiment.Result;
import io.seq4j.cli.quickstart.LongMemoryExperiment.Settings;
import io.seq4j.core.backend.Backend;
import io.seq4j.core.nn.RecurrentSpec.Cell;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seq4j quickstart}: the lectures' vanishing-gradient story as an experiment. */
@Command(name = "quickstart", description = {
        "Train vanilla RNN, GRU and LSTM classifiers on sentences whose verb must agree with a subject",
        "N filler words back ('the cat ... was' / 'the cats ... were') and print test accuracy per cell and N;",
        "then a recurrent sentiment classifier against bag-of-words baselines on reviews whose label depends on",
        "word order only ('great , not awful' / 'awful , not great'); then word2vec vectors that solve",
        "man : king :: woman : queen, with a t-SNE picture; then a BiLSTM-CRF entity tagger ('Teddy Roosevelt' vs",
        "'Teddy bears'); then a word-level language model: P('apple and pear salad') vs P('apple and pair salad').",
        "--train and --epochs apply to the first two."})
final class QuickstartCommand implements Callable<Integer> {
    @Option(names = "--lengths", split = ",", description = "Filler lengths N (default: ${DEFAULT-VALUE}).", defaultValue = "5,20,50,100")
    List<Integer> lengths;

    @Option(names = "--cells", split = ",", description = "Cells: ${COMPLETION-CANDIDATES} (default: all).",
            defaultValue = "SIMPLE_RNN,GRU,LSTM")
    List<Cell> cells;

    @Option(names = "--train", description = "Training sentences per N (default: ${DEFAULT-VALUE}).", defaultValue = "2000")
    int train;

    @Option(names = "--epochs", description = "Epochs (default: ${DEFAULT-VALUE}).", defaultValue = "12")
    int epochs;

    @Option(names = "--units", description = "Recurrent units (default: ${DEFAULT-VALUE}).", defaultValue = "32")
    int units;

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;

    @Option(names = "--out", description = "Where the trained models are saved as bundles (default: ${DEFAULT-VALUE}).",
            defaultValue = "runs/quickstart")
    Path out;

    @Option(names = "--parts", split = ",", description = "Which experiments: long-memory, word-order, word2vec, ner, lm, translate (default: all).",
            defaultValue = "long-memory,word-order,word2vec,ner,lm,translate")
    List<String> parts;

    @Option(names = "--json", description = "Print the results as one JSON object on stdout (progress stays on stderr).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        for (int n : lengths) if (n < 0 || n > 10_000) throw new UsageException("--lengths: N must be in [0, 10000], got " + n);
        if (train < 10) throw new UsageException("--train must be at least 10, got " + train);
        if (epochs < 1) throw new UsageException("--epochs must be at least 1, got " + epochs);
        if (units < 1) throw new UsageException("--units must be at least 1, got " + units);
        PrintStream log = System.err;
        log.println("seq4j quickstart on " + Backend.init().summary());
        Settings d = Settings.defaults();
        Settings s = new Settings(lengths, cells, train, Math.max(train / 5, 10), Math.max(train / 2, 10), units, epochs,
                d.batchSize(), d.learningRate(), seed, out);
        for (String p : parts) {
            if (!List.of("long-memory", "word-order", "word2vec", "ner", "lm", "translate").contains(p)) {
                throw new UsageException("--parts: unknown experiment '" + p + "' (known: long-memory, word-order, word2vec, ner, lm, translate)");
            }
        }
        List<Result> results = parts.contains("long-memory") ? LongMemoryExperiment.run(s, log) : List.of();
        List<WordOrderExperiment.Result> order = parts.contains("word-order")
                ? WordOrderExperiment.run(train, epochs, seed, out, log) : List.of();
        EmbeddingExperiment.Result vectors = parts.contains("word2vec") ? EmbeddingExperiment.run(3000, 5, seed, out, log) : null;
        NerExperiment.Result ner = parts.contains("ner") ? NerExperiment.run(600, 8, seed, out, log) : null;
        LmExperiment.Result lm = parts.contains("lm") ? LmExperiment.run(4, seed, out, log) : null;
        TranslateExperiment.Result tr = parts.contains("translate") ? TranslateExperiment.run(8, seed, out, log) : null;
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Result r : results) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("cell", r.cell().name());
                m.put("fillers", r.fillers());
                m.put("test_accuracy", r.testAccuracy());
                m.put("best_epoch", r.bestEpoch() + 1);
                m.put("seconds", r.seconds());
                m.put("train_tokens_per_s", r.trainTokensPerSecond());
                rows.add(m);
            }
            List<Map<String, Object>> wo = new ArrayList<>();
            for (WordOrderExperiment.Result r : order) wo.add(Json.object("model", r.model(), "test_accuracy", r.testAccuracy()));
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("results", rows);
            all.put("word_order", wo);
            if (vectors != null) {
                all.put("word2vec", Json.object("analogy", "man : king :: woman : ?", "answer", vectors.answer(),
                        "nearest_king", vectors.nearKing().stream().map(io.seq4j.embeddings.VectorSearch.Neighbour::word).toList()));
            }
            if (ner != null) all.put("ner", Json.object("test", ner.test().toMap(), "examples", ner.examples()));
            if (lm != null) {
                all.put("lm", Json.object("perplexity", lm.perplexity(), "log_prob", lm.scores().stream()
                        .map(x -> Json.object("text", x.text(), "log_prob", x.logProb())).toList(), "samples", lm.samples()));
            }
            if (tr != null) {
                all.put("translate", Json.object("bleu", tr.bleu(), "test_pairs", tr.testPairs(), "examples", tr.examples().stream()
                        .map(io.seq4j.seq2seq.Translation::text).toList()));
            }
            System.out.println(Json.write(all));
        } else {
            if (!results.isEmpty()) {
                System.out.printf(Locale.ROOT, "%nTest accuracy: can the cell carry the subject's number across N filler words?%n"
                        + "(%d test sentences per N; chance is 0.500)%n%n", s.testSize());
                System.out.print(LongMemoryExperiment.table(results));
                System.out.println();
                System.out.println(LongMemoryExperiment.verdict(results));
            }
            if (!order.isEmpty()) {
                System.out.printf(Locale.ROOT, "%nSentiment that depends on word order ('great , not awful' vs 'awful , not great'):%n"
                        + "a bag of words sees the same words in both and must stay at chance (0.500).%n%n");
                System.out.print(WordOrderExperiment.table(order));
            }
            if (vectors != null) {
                System.out.printf(Locale.ROOT, "%nWord vectors learnt from the contexts words appear in (skip-gram):%n");
                System.out.print(EmbeddingExperiment.report(vectors));
            }
            if (ner != null) {
                System.out.printf(Locale.ROOT, "%nNamed entities (bidirectional LSTM + char CNN + CRF), scored as conlleval does:%n");
                System.out.print(ner.test().report());
                ner.examples().forEach(System.out::println);
            }
            if (lm != null) {
                System.out.printf(Locale.ROOT, "%nA word-level LSTM language model, P(y<1>, ..., y<T>):%n");
                System.out.print(LmExperiment.report(lm));
            }
            if (tr != null) {
                System.out.printf(Locale.ROOT, "%nTranslation (bidirectional GRU encoder, GRU decoder with attention, beam search), English to French:%n");
                System.out.print(TranslateExperiment.report(tr));
            }
        }
        return Main.OK;
    }
}
