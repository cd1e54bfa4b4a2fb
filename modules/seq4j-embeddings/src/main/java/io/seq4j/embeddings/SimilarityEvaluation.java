package io.seq4j.embeddings;

import io.seq4j.core.data.InputFormatException;
import io.seq4j.core.data.LineReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Word-similarity correlation on a pairs file (WordSim-353, SimLex-999: lines {@code word1 word2
 * score}, tab or space separated, {@code #} comments), as gensim's {@code evaluate_word_pairs}:
 * case-insensitive lookup, pairs with a word without a vector are skipped (coverage), and the
 * model's cosine similarities are compared with the human scores by Spearman's rho (average ranks
 * for ties) and Pearson's r.
 */
public record SimilarityEvaluation(double spearman, double pearson, int pairsUsed, int pairsInFile) {

    public double coverage() {
        return pairsInFile == 0 ? 0 : pairsUsed / (double) pairsInFile;
    }

    public static SimilarityEvaluation evaluate(VectorSearch search, Path file) throws IOException {
        List<double[]> used = new ArrayList<>();
        int pairs = 0;
        try (LineReader lines = new LineReader(file)) {
            for (String line; (line = lines.next()) != null; ) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) continue;
                String[] f = t.split("\\s+");
                if (f.length != 3) throw lines.error("expected 'word1 word2 score', found " + f.length + " fields");
                double human;
                try {
                    human = Double.parseDouble(f[2]);
                } catch (NumberFormatException e) {
                    throw lines.error("score '" + f[2] + "' is not a number");
                }
                pairs++;
                int a = search.indexOf(f[0], true);
                int b = search.indexOf(f[1], true);
                if (a >= 0 && b >= 0) used.add(new double[]{search.cosine(a, b), human});
            }
        }
        if (pairs == 0) throw new InputFormatException(file.toString(), 0, "no word pairs in the file");
        double[] model = used.stream().mapToDouble(p -> p[0]).toArray();
        double[] human = used.stream().mapToDouble(p -> p[1]).toArray();
        return new SimilarityEvaluation(spearman(model, human), pearson(model, human), used.size(), pairs);
    }

    /** Spearman's rho: Pearson's r of the average ranks; NaN for fewer than 2 pairs. */
    public static double spearman(double[] x, double[] y) {
        return pearson(ranks(x), ranks(y));
    }

    /** Pearson's correlation; NaN for fewer than 2 values or a constant side. */
    public static double pearson(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) return Double.NaN;
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    /** 1-based ranks, tied values sharing the mean of their ranks. */
    static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) j++;
            double mean = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) r[order[k]] = mean;
            i = j + 1;
        }
        return r;
    }
}
