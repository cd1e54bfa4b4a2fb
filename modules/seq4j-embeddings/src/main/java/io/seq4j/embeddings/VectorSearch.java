package io.seq4j.embeddings;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cosine-similarity queries over word vectors: similarity, nearest words and analogies
 * ("a is to b as c is to ?"), by 3CosAdd (argmax cos(x, b - a + c)) or 3CosMul (Levy and Goldberg
 * 2014: argmax cos'(x, b) cos'(x, c) / (cos'(x, a) + 1e-6) with cos' = (1 + cos) / 2, gensim's
 * {@code most_similar_cosmul}). The query words themselves are never answers. Candidates can be
 * restricted to the {@code restrict} first (most frequent) words, as the standard evaluation does.
 * Rows are normalised to unit length once; batches of queries are scored with one ND4J matrix
 * product {@code [batch, dim] x [dim, restrict]}. Not thread-safe (it caches that matrix).
 */
public final class VectorSearch {
    /** The analogy rule. */
    public enum Analogy { ADD, MUL }

    /** A word and its score (cosine similarity, or the 3CosMul objective). */
    public record Neighbour(String word, double score) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %.4f", word, score);
        }
    }

    private static final int BATCH = 256;
    private final WordVectors vectors;
    private final float[] unit;     // [size, dim], rows of unit length (zero rows stay zero)
    private final int dim;
    private final Map<String, Integer> lowerIndex = new HashMap<>();
    private INDArray rows;          // the first rows of unit as a matrix, for the restriction last used

    public VectorSearch(WordVectors vectors) {
        this.vectors = vectors;
        this.dim = vectors.dim();
        int n = vectors.size();
        unit = new float[n * dim];
        for (int i = 0; i < n; i++) {
            float[] v = vectors.vector(vectors.words().get(i));
            double norm = 0;
            for (float x : v) norm += x * x;
            float inv = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;
            for (int d = 0; d < dim; d++) unit[i * dim + d] = v[d] * inv;
            lowerIndex.putIfAbsent(vectors.words().get(i).toLowerCase(Locale.ROOT), i);
        }
    }

    public WordVectors vectors() {
        return vectors;
    }

    /**
     * The row of a word: exact match first, then (when {@code caseInsensitive}) the most frequent
     * word with the same lower-case form; -1 when absent.
     */
    public int indexOf(String word, boolean caseInsensitive) {
        int i = vectors.indexOf(word);
        if (i >= 0 || !caseInsensitive) return i;
        Integer j = lowerIndex.get(word.toLowerCase(Locale.ROOT));
        return j == null ? -1 : j;
    }

    /** Cosine similarity of two words; IllegalArgumentException names a word without a vector. */
    public double similarity(String a, String b) {
        return cosine(require(a), require(b));
    }

    double cosine(int i, int j) {
        double s = 0;
        for (int d = 0; d < dim; d++) s += unit[i * dim + d] * unit[j * dim + d];
        return s;
    }

    /** The {@code n} words nearest to {@code word} (itself excluded), best first. */
    public List<Neighbour> nearest(String word, int n) {
        int i = require(word);
        float[] q = java.util.Arrays.copyOfRange(unit, i * dim, (i + 1) * dim);
        return top(scores(new float[][]{q}, vectors.size())[0], n, new int[]{i});
    }

    /**
     * Answers to "a is to b as c is to ?", best first, among the {@code restrict} most frequent
     * words (0 = all).
     */
    public List<Neighbour> analogy(String a, String b, String c, int n, Analogy rule, int restrict) {
        int[] q = {require(a), require(b), require(c)};
        float[] s = analogyScores(new int[][]{q}, rule, limit(restrict))[0];
        return top(s, n, q);
    }

    /**
     * The best answer of each question {@code abc[k] = {a, b, c}} (rows), or -1 when no candidate
     * is left; candidates are the first {@code restrict} rows minus the question's own words.
     */
    public int[] answer(int[][] abc, Analogy rule, int restrict) {
        int r = limit(restrict);
        int[] best = new int[abc.length];
        for (int from = 0; from < abc.length; from += BATCH) {
            int[][] part = java.util.Arrays.copyOfRange(abc, from, Math.min(abc.length, from + BATCH));
            float[][] s = analogyScores(part, rule, r);
            for (int k = 0; k < part.length; k++) {
                List<Neighbour> t = top(s[k], 1, part[k]);
                best[from + k] = t.isEmpty() ? -1 : vectors.indexOf(t.get(0).word());
            }
        }
        return best;
    }

    private float[][] analogyScores(int[][] abc, Analogy rule, int restrict) {
        int m = abc.length;
        if (rule == Analogy.ADD) {
            float[][] q = new float[m][dim];
            for (int k = 0; k < m; k++) {
                for (int d = 0; d < dim; d++) {
                    q[k][d] = unit[abc[k][1] * dim + d] - unit[abc[k][0] * dim + d] + unit[abc[k][2] * dim + d];
                }
            }
            return scores(q, restrict);
        }
        float[][][] cos = new float[3][][];
        for (int w = 0; w < 3; w++) {
            float[][] q = new float[m][];
            for (int k = 0; k < m; k++) q[k] = java.util.Arrays.copyOfRange(unit, abc[k][w] * dim, (abc[k][w] + 1) * dim);
            cos[w] = scores(q, restrict);
        }
        float[][] out = new float[m][restrict];
        for (int k = 0; k < m; k++) {
            for (int j = 0; j < restrict; j++) {
                double pa = (1 + cos[0][k][j]) / 2;
                double pb = (1 + cos[1][k][j]) / 2;
                double pc = (1 + cos[2][k][j]) / 2;
                out[k][j] = (float) (pb * pc / (pa + 1e-6));
            }
        }
        return out;
    }

    /** {@code [queries, restrict]} dot products of the queries with the first {@code restrict} unit rows. */
    private float[][] scores(float[][] queries, int restrict) {
        INDArray q = Nd4j.create(queries);
        if (rows == null || rows.rows() != restrict) {
            rows = Nd4j.create(java.util.Arrays.copyOf(unit, restrict * dim), new long[]{restrict, dim});
        }
        INDArray s = q.mmul(rows.transpose());
        return s.toFloatMatrix();
    }

    private List<Neighbour> top(float[] scores, int n, int[] exclude) {
        List<Neighbour> out = new ArrayList<>();
        boolean[] taken = new boolean[scores.length];
        for (int e : exclude) if (e < taken.length) taken[e] = true;
        for (int k = 0; k < n; k++) {
            int best = -1;
            for (int j = 0; j < scores.length; j++) {
                if (!taken[j] && (best < 0 || scores[j] > scores[best])) best = j;
            }
            if (best < 0) break;
            taken[best] = true;
            out.add(new Neighbour(vectors.words().get(best), scores[best]));
        }
        return out;
    }

    private int limit(int restrict) {
        return restrict <= 0 ? vectors.size() : Math.min(restrict, vectors.size());
    }

    private int require(String word) {
        int i = indexOf(word, true);
        if (i < 0) throw new IllegalArgumentException("'" + word + "' is not in the vocabulary (" + vectors.size() + " words)");
        return i;
    }
}
