package io.seq4j.sentiment;

import io.seq4j.core.data.InputFormatException;
import io.seq4j.core.data.LabeledTextStream.Row;
import io.seq4j.core.data.LineReader;
import io.seq4j.core.eval.ClassificationEvaluation;
import io.seq4j.core.io.AtomicFiles;
import io.seq4j.core.text.LabelSet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The bag-of-words baselines the lectures compare recurrent models with: word order is thrown
 * away, only which words occur counts. Features are the unigrams ({@code ngrams = 1}: a pure bag of
 * words, blind to order by construction) or unigrams and bigrams ({@code ngrams = 2}: adjacent pairs
 * keep a little order) of {@link DocumentEncoder#words} seen in at least 2 training documents.
 * <ul>
 *   <li>{@link Kind#NAIVE_BAYES}: multinomial naive Bayes on binary occurrence, Laplace smoothing 1;</li>
 *   <li>{@link Kind#LOGISTIC_REGRESSION}: TF-IDF ({@code 1 + ln tf}, smoothed idf, L2-normalised rows,
 *       as scikit-learn's TfidfVectorizer with sublinear_tf) and a softmax regression trained by
 *       AdaGrad (rate 0.5, L2 1e-6 per document, 10 shuffled epochs, seeded).</li>
 * </ul>
 * Exactly reproducible for the same data and seed; thread-safe once trained. Saved as a UTF-8 text
 * file (written atomically): a header, the labels, then one line per feature.
 */
public final class BagOfWordsClassifier {
    /** The two baselines. */
    public enum Kind { NAIVE_BAYES, LOGISTIC_REGRESSION }

    private static final String MAGIC = "seq4j-bag-of-words 1";
    private static final int MIN_DF = 2;
    private static final int EPOCHS = 10;
    private static final double RATE = 0.5, L2 = 1e-6;

    private final Kind kind;
    private final LabelSet labels;
    private final boolean lowercase;
    private final int ngrams;
    private final Map<String, Integer> features;
    private final double[] idf;          // [features] (logistic regression)
    private final double[][] weights;    // [classes][features]
    private final double[] bias;         // [classes]: log prior (NB) or intercept (LR)
    private final DocumentEncoder encoder;

    private BagOfWordsClassifier(Kind kind, LabelSet labels, boolean lowercase, int ngrams, Map<String, Integer> features,
                                 double[] idf, double[][] weights, double[] bias) {
        this.kind = kind;
        this.labels = labels;
        this.lowercase = lowercase;
        this.ngrams = ngrams;
        this.features = features;
        this.idf = idf;
        this.weights = weights;
        this.bias = bias;
        this.encoder = new DocumentEncoder(SentimentConfig.builder().optLowercase(lowercase).build());
    }

    public Kind kind() {
        return kind;
    }

    public LabelSet labels() {
        return labels;
    }

    public int featureCount() {
        return features.size();
    }

    public int ngrams() {
        return ngrams;
    }

    /**
     * Trains on labelled documents.
     *
     * @param ngrams 1 (unigrams) or 2 (unigrams and bigrams)
     * @param seed   orders the logistic regression's updates
     */
    public static BagOfWordsClassifier train(List<Row> rows, Kind kind, int ngrams, boolean lowercase, long seed) {
        if (ngrams != 1 && ngrams != 2) throw new IllegalArgumentException("ngrams must be 1 or 2, got " + ngrams);
        LabelSet labels = LabelSet.sortedOf(rows.stream().map(Row::label).toList());
        DocumentEncoder enc = new DocumentEncoder(SentimentConfig.builder().optLowercase(lowercase).build());
        List<Map<String, Integer>> docs = new ArrayList<>(rows.size());
        Map<String, Integer> df = new HashMap<>();
        for (Row r : rows) {
            Map<String, Integer> counts = counts(enc.words(r.text()), ngrams);
            docs.add(counts);
            for (String f : counts.keySet()) df.merge(f, 1, Integer::sum);
        }
        Map<String, Integer> features = new HashMap<>();
        new TreeMap<>(df).forEach((f, n) -> {
            if (n >= MIN_DF) features.put(f, features.size());
        });
        int k = labels.size(), v = features.size();
        double[][] w = new double[k][v];
        double[] b = new double[k];
        double[] idf = new double[v];
        if (kind == Kind.NAIVE_BAYES) {
            double[] total = new double[k];
            for (int d = 0; d < docs.size(); d++) {
                int c = labels.indexOf(rows.get(d).label());
                b[c]++;
                for (String f : docs.get(d).keySet()) {
                    Integer j = features.get(f);
                    if (j != null) {
                        w[c][j]++;
                        total[c]++;
                    }
                }
            }
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < v; j++) w[c][j] = Math.log((w[c][j] + 1) / (total[c] + v));
                b[c] = Math.log(b[c] / docs.size());
            }
        } else {
            features.forEach((f, j) -> idf[j] = Math.log((1.0 + docs.size()) / (1.0 + df.get(f))) + 1);
            List<Sparse> x = new ArrayList<>(docs.size());
            for (Map<String, Integer> counts : docs) x.add(tfidf(counts, features, idf));
            int[] y = rows.stream().mapToInt(r -> labels.indexOf(r.label())).toArray();
            fitSoftmax(x, y, w, b, new Random(seed));
        }
        return new BagOfWordsClassifier(kind, labels, lowercase, ngrams, features, idf, w, b);
    }

    /** Class probabilities of a text, in label-set order. */
    public double[] probabilities(String text) {
        Map<String, Integer> counts = counts(encoder.words(text), ngrams);
        double[] s = bias.clone();
        if (kind == Kind.NAIVE_BAYES) {
            for (String f : counts.keySet()) {
                Integer j = features.get(f);
                if (j != null) for (int c = 0; c < s.length; c++) s[c] += weights[c][j];
            }
        } else {
            Sparse x = tfidf(counts, features, idf);
            for (int c = 0; c < s.length; c++) s[c] += x.dot(weights[c]);
        }
        return softmax(s);
    }

    /** The most probable label of a text. */
    public String predict(String text) {
        double[] p = probabilities(text);
        int best = 0;
        for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
        return labels.label(best);
    }

    /** Accuracy, per-class scores and confusion on labelled documents. */
    public ClassificationEvaluation evaluate(List<Row> rows) {
        ClassificationEvaluation e = new ClassificationEvaluation(labels);
        for (Row r : rows) {
            if (!labels.contains(r.label())) {
                throw new IllegalArgumentException("label '" + r.label() + "' was not in the training data (labels: " + labels + ")");
            }
            e.add(labels.indexOf(r.label()), labels.indexOf(predict(r.text())));
        }
        return e;
    }

    private static Map<String, Integer> counts(List<String> words, int ngrams) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            m.merge(words.get(i), 1, Integer::sum);
            if (i > 0 && ngrams == 2) m.merge(words.get(i - 1) + " " + words.get(i), 1, Integer::sum);
        }
        return m;
    }

    /** A sparse row: sorted feature indices and their values. */
    private record Sparse(int[] index, double[] value) {
        double dot(double[] w) {
            double s = 0;
            for (int i = 0; i < index.length; i++) s += w[index[i]] * value[i];
            return s;
        }
    }

    private static Sparse tfidf(Map<String, Integer> counts, Map<String, Integer> features, double[] idf) {
        TreeMap<Integer, Double> row = new TreeMap<>();
        double norm = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            Integer j = features.get(e.getKey());
            if (j == null) continue;
            double v = (1 + Math.log(e.getValue())) * idf[j];
            row.put(j, v);
            norm += v * v;
        }
        double inv = norm == 0 ? 0 : 1 / Math.sqrt(norm);
        int[] idx = new int[row.size()];
        double[] val = new double[row.size()];
        int i = 0;
        for (Map.Entry<Integer, Double> e : row.entrySet()) {
            idx[i] = e.getKey();
            val[i++] = e.getValue() * inv;
        }
        return new Sparse(idx, val);
    }

    private static void fitSoftmax(List<Sparse> x, int[] y, double[][] w, double[] b, Random rnd) {
        int k = b.length;
        double[][] g2 = new double[k][w[0].length];
        double[] b2 = new double[k];
        Integer[] order = new Integer[x.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        double[] s = new double[k];
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            java.util.Collections.shuffle(Arrays.asList(order), rnd);
            for (int d : order) {
                Sparse xd = x.get(d);
                for (int c = 0; c < k; c++) s[c] = b[c] + xd.dot(w[c]);
                double[] p = softmax(s);
                for (int c = 0; c < k; c++) {
                    double err = p[c] - (y[d] == c ? 1 : 0);
                    for (int i = 0; i < xd.index.length; i++) {
                        int j = xd.index[i];
                        double g = err * xd.value[i] + L2 * w[c][j];
                        g2[c][j] += g * g;
                        w[c][j] -= RATE * g / Math.sqrt(g2[c][j] + 1e-8);
                    }
                    b2[c] += err * err;
                    b[c] -= RATE * err / Math.sqrt(b2[c] + 1e-8);
                }
            }
        }
    }

    private static double[] softmax(double[] s) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) max = Math.max(max, v);
        double[] p = new double[s.length];
        double sum = 0;
        for (int i = 0; i < s.length; i++) sum += p[i] = Math.exp(s[i] - max);
        for (int i = 0; i < s.length; i++) p[i] /= sum;
        return p;
    }

    /** Writes the classifier as text, atomically. */
    public void save(Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            StringBuilder sb = new StringBuilder();
            sb.append(MAGIC).append('\n').append(kind).append('\t').append(lowercase).append('\t').append(ngrams).append('\t').append(features.size()).append('\n');
            sb.append(String.join("\t", labels.labels())).append('\n');
            for (double v : bias) sb.append(v).append('\t');
            sb.setCharAt(sb.length() - 1, '\n');
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            String[] byIndex = new String[features.size()];
            features.forEach((f, j) -> byIndex[j] = f);
            for (int j = 0; j < byIndex.length; j++) {
                sb.setLength(0);
                sb.append(byIndex[j]).append('\t').append(idf[j]);
                for (double[] row : weights) sb.append('\t').append(row[j]);
                sb.append('\n');
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    /** Reads a file written by {@link #save}; anything else is an InputFormatException naming file and line. */
    public static BagOfWordsClassifier load(Path file) throws IOException {
        try (LineReader in = new LineReader(file)) {
            if (!MAGIC.equals(in.next())) throw in.error("not a seq4j bag-of-words model (expected '" + MAGIC + "')");
            String[] head = field(in.next(), in, "kind, lowercase, ngrams, features").split("\t");
            Kind kind;
            int ngrams, v;
            try {
                kind = Kind.valueOf(head[0]);
                ngrams = Integer.parseInt(head[2]);
                v = Integer.parseInt(head[3]);
            } catch (RuntimeException e) {
                throw in.error("bad header '" + String.join("\t", head) + "'");
            }
            LabelSet labels = LabelSet.of(List.of(field(in.next(), in, "labels").split("\t")));
            int k = labels.size();
            double[] bias = numbers(field(in.next(), in, "biases").split("\t"), 0, k, in);
            Map<String, Integer> features = new HashMap<>(v * 2);
            double[] idf = new double[v];
            double[][] w = new double[k][v];
            for (int j = 0; j < v; j++) {
                String[] f = field(in.next(), in, "feature " + (j + 1) + " of " + v).split("\t");
                if (f.length != k + 2) throw in.error("expected a feature, its idf and " + k + " weights, found " + f.length + " fields");
                features.put(f[0], j);
                double[] nums = numbers(f, 1, k + 1, in);
                idf[j] = nums[0];
                for (int c = 0; c < k; c++) w[c][j] = nums[c + 1];
            }
            return new BagOfWordsClassifier(kind, labels, Boolean.parseBoolean(head[1]), ngrams, features, idf, w, bias);
        }
    }

    private static String field(String line, LineReader in, String what) throws InputFormatException {
        if (line == null) throw in.error("ends early: expected " + what);
        return line;
    }

    private static double[] numbers(String[] f, int from, int count, LineReader in) throws InputFormatException {
        if (f.length < from + count) throw in.error("expected " + count + " numbers, found " + (f.length - from));
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            try {
                out[i] = Double.parseDouble(f[from + i]);
            } catch (NumberFormatException e) {
                throw in.error("not a number: '" + f[from + i] + "'");
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s over %d %s features, labels %s", kind.name().toLowerCase(Locale.ROOT), features.size(),
                ngrams == 1 ? "unigram" : "unigram+bigram", labels);
    }
}
