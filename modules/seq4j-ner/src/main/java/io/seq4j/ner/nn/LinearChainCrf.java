package io.seq4j.ner.nn;

/**
 * Linear-chain CRF arithmetic over one sequence (Lafferty et al. 2001; Lample et al. 2016 put it
 * on top of a BiLSTM): emission scores {@code e[t][j]} for tag j at step t, transition scores
 * {@code trans[i][j]} from tag i to tag j, and start/end scores. The score of a tag path y is
 *
 * <pre>
 *   s(y) = start[y_0] + sum_t e[t][y_t] + sum_{t>=1} trans[y_{t-1}][y_t] + end[y_{T-1}]
 * </pre>
 *
 * and p(y) = exp(s(y)) / Z. This class computes log Z (forward algorithm, log-sum-exp in double),
 * the negative log-likelihood of a path and its gradient (marginals minus the path's indicator
 * counts, from forward-backward), per-step marginals, and the best path (Viterbi). Checked
 * against brute-force enumeration of all paths in LinearChainCrfTest.
 */
public final class LinearChainCrf {
    private final double[][] trans;
    private final double[] start;
    private final double[] end;
    private final int k;

    /** @param trans {@code [K][K]}, start and end {@code [K]} */
    public LinearChainCrf(double[][] trans, double[] start, double[] end) {
        this.k = start.length;
        if (trans.length != k || end.length != k) throw new IllegalArgumentException("transition shapes do not match " + k + " tags");
        this.trans = trans;
        this.start = start;
        this.end = end;
    }

    public int tags() {
        return k;
    }

    /** The score s(y) of a path. */
    public double score(double[][] e, int[] y) {
        double s = start[y[0]] + end[y[y.length - 1]];
        for (int t = 0; t < y.length; t++) {
            s += e[t][y[t]];
            if (t > 0) s += trans[y[t - 1]][y[t]];
        }
        return s;
    }

    /** Forward log-scores {@code alpha[t][j]} = log of the summed exp-scores of all prefixes ending in j at t. */
    double[][] forward(double[][] e) {
        int n = e.length;
        double[][] a = new double[n][k];
        for (int j = 0; j < k; j++) a[0][j] = start[j] + e[0][j];
        double[] tmp = new double[k];
        for (int t = 1; t < n; t++) {
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < k; i++) tmp[i] = a[t - 1][i] + trans[i][j];
                a[t][j] = logSumExp(tmp) + e[t][j];
            }
        }
        return a;
    }

    /** Backward log-scores {@code beta[t][i]} of all suffixes after step t given tag i at t (end included). */
    double[][] backward(double[][] e) {
        int n = e.length;
        double[][] b = new double[n][k];
        System.arraycopy(end, 0, b[n - 1], 0, k);
        double[] tmp = new double[k];
        for (int t = n - 2; t >= 0; t--) {
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) tmp[j] = trans[i][j] + e[t + 1][j] + b[t + 1][j];
                b[t][i] = logSumExp(tmp);
            }
        }
        return b;
    }

    /** log Z over all paths. */
    public double logPartition(double[][] e) {
        return logZ(forward(e), e.length);
    }

    /** p(y_t = j) for every step and tag. */
    public double[][] marginals(double[][] e) {
        double[][] a = forward(e);
        double[][] b = backward(e);
        double logZ = logZ(a, e.length);
        double[][] p = new double[e.length][k];
        for (int t = 0; t < e.length; t++) {
            for (int j = 0; j < k; j++) p[t][j] = Math.exp(a[t][j] + b[t][j] - logZ);
        }
        return p;
    }

    /**
     * The negative log-likelihood -log p(y) and its gradient, added into {@code dE [T][K]},
     * {@code dTrans [K][K]}, {@code dStart [K]}, {@code dEnd [K]}.
     */
    public double nll(double[][] e, int[] y, double[][] dE, double[][] dTrans, double[] dStart, double[] dEnd) {
        int n = e.length;
        double[][] a = forward(e);
        double[][] b = backward(e);
        double logZ = logZ(a, n);
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < k; j++) {
                double p = Math.exp(a[t][j] + b[t][j] - logZ);
                dE[t][j] += p;
                if (t == 0) dStart[j] += p;
                if (t == n - 1) dEnd[j] += p;
            }
            dE[t][y[t]] -= 1;
            if (t > 0) {
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        dTrans[i][j] += Math.exp(a[t - 1][i] + trans[i][j] + e[t][j] + b[t][j] - logZ);
                    }
                }
                dTrans[y[t - 1]][y[t]] -= 1;
            }
        }
        dStart[y[0]] -= 1;
        dEnd[y[n - 1]] -= 1;
        return logZ - score(e, y);
    }

    /** The highest-scoring path (Viterbi); ties go to the lower tag index. */
    public int[] viterbi(double[][] e) {
        int n = e.length;
        double[][] best = new double[n][k];
        int[][] back = new int[n][k];
        for (int j = 0; j < k; j++) best[0][j] = start[j] + e[0][j];
        for (int t = 1; t < n; t++) {
            for (int j = 0; j < k; j++) {
                int arg = 0;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < k; i++) {
                    double v = best[t - 1][i] + trans[i][j];
                    if (v > max) {
                        max = v;
                        arg = i;
                    }
                }
                best[t][j] = max + e[t][j];
                back[t][j] = arg;
            }
        }
        int arg = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            double v = best[n - 1][j] + end[j];
            if (v > max) {
                max = v;
                arg = j;
            }
        }
        int[] path = new int[n];
        path[n - 1] = arg;
        for (int t = n - 1; t > 0; t--) path[t - 1] = back[t][path[t]];
        return path;
    }

    private double logZ(double[][] a, int n) {
        double[] last = new double[k];
        for (int j = 0; j < k; j++) last[j] = a[n - 1][j] + end[j];
        return logSumExp(last);
    }

    static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) max = Math.max(max, x);
        if (max == Double.NEGATIVE_INFINITY) return max;
        double s = 0;
        for (double x : v) s += Math.exp(x - max);
        return max + Math.log(s);
    }
}
