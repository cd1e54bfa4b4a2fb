package io.seq4j.cli.quickstart;

import io.seq4j.core.io.AtomicFiles;
import io.seq4j.embeddings.ScatterPlot;
import io.seq4j.embeddings.Tsne;
import io.seq4j.embeddings.VectorSearch;
import io.seq4j.embeddings.WordVectors;
import io.seq4j.embeddings.word2vec.AnalogyCorpus;
import io.seq4j.embeddings.word2vec.Word2VecConfig;
import io.seq4j.embeddings.word2vec.Word2VecTrainer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The quickstart's word2vec part, the lectures' embedding story: skip-gram vectors trained on
 * {@link AnalogyCorpus} text, then the nearest words of "king", the analogy man : king :: woman : ?,
 * and a t-SNE picture of the person and context words.
 */
public final class EmbeddingExperiment {
    /** What the part found: the best answer to man : king :: woman : ? and the nearest words of king. */
    public record Result(String answer, List<VectorSearch.Neighbour> analogy, List<VectorSearch.Neighbour> nearKing, double seconds) {
    }

    private static final List<String> PLOTTED = List.of("king", "queen", "prince", "princess", "man", "woman", "boy", "girl",
            "he", "she", "palace", "village", "royal", "common", "old", "little");

    private EmbeddingExperiment() {
    }

    /**
     * @param sentences generated training sentences
     * @param dir       where the corpus, the vectors and the t-SNE PNG are written (null: a temporary folder)
     */
    public static Result run(int sentences, int epochs, long seed, Path dir, PrintStream log) throws IOException {
        Path home = dir != null ? dir : Files.createTempDirectory("seq4j-quickstart");
        Path corpus = home.resolve("data/word2vec/analogy-corpus.txt");
        AtomicFiles.writeLines(corpus, AnalogyCorpus.generate(sentences, seed * 7));
        log.printf(Locale.ROOT, "%n== word2vec: skip-gram on %d generated sentences ('the old queen rides to the palace and she is royal')%n",
                sentences);
        Word2VecConfig c = Word2VecConfig.defaults().with("dimensions", "32").with("minCount", "1").with("sample", "0")
                .with("epochs", Integer.toString(epochs)).with("threads", "1").with("seed", Long.toString(seed));
        Word2VecTrainer.Result r = new Word2VecTrainer(c).train(Word2VecTrainer.corpus(List.of(corpus), c), Word2VecTrainer.Progress.NONE);
        log.printf(Locale.ROOT, "%d words, %,d trained in %.1f s (%,.0f words/s)%n", r.vocab().size(), r.trainedWords(), r.trainSeconds(),
                r.wordsPerSecond());
        WordVectors v = r.vectors();
        Path vectors = home.resolve("word2vec-analogy.txt");
        v.write(vectors, WordVectors.Format.WORD2VEC_TEXT);
        VectorSearch search = new VectorSearch(v);
        List<VectorSearch.Neighbour> analogy = search.analogy("man", "king", "woman", 3, VectorSearch.Analogy.ADD, 0);
        List<VectorSearch.Neighbour> near = search.nearest("king", 5);
        double[][] x = new double[PLOTTED.size()][];
        for (int i = 0; i < x.length; i++) {
            float[] f = v.vector(PLOTTED.get(i));
            x[i] = new double[f.length];
            for (int d = 0; d < f.length; d++) x[i][d] = f[d];
        }
        Path png = home.resolve("word2vec-tsne.png");
        ScatterPlot.write(png, "t-SNE of word2vec vectors (quickstart corpus)", PLOTTED, new Tsne(5, 1000, seed).embed(x), 900, 700);
        if (dir != null) log.println("saved " + vectors + " and " + png);
        return new Result(analogy.get(0).word(), analogy, near, r.trainSeconds());
    }

    public static String report(Result r) {
        return String.format(Locale.ROOT, "nearest to king: %s%nman : king :: woman : %s   (top 3: %s)%n", r.nearKing(), r.answer(), r.analogy());
    }

    /** The first lines of the corpus, for the shipped sample. */
    public static List<String> sample(int lines, long seed) {
        return new ArrayList<>(AnalogyCorpus.generate(lines, seed * 7));
    }
}
