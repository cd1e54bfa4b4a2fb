package io.seq4j.ner.nn;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Every quantity against brute-force enumeration of all K^T paths. */
class LinearChainCrfTest {
    static final int K = 3, T = 4;

    private static double[][] random(Random r, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) for (int j = 0; j < cols; j++) row[j] = r.nextGaussian();
        return m;
    }

    private static int[] path(int code) {
        int[] y = new int[T];
        for (int t = T - 1; t >= 0; t--) {
            y[t] = code % K;
            code /= K;
        }
        return y;
    }

    @Test
    void partitionMarginalsViterbiAndGradientMatchEnumeration() {
        Random r = new Random(11);
        double[][] e = random(r, T, K);
        double[][] trans = random(r, K, K);
        double[] start = random(r, 1, K)[0];
        double[] end = random(r, 1, K)[0];
        LinearChainCrf crf = new LinearChainCrf(trans, start, end);
        int paths = (int) Math.pow(K, T);
        double z = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        int[] best = null;
        double[][] marg = new double[T][K];
        for (int c = 0; c < paths; c++) {
            int[] y = path(c);
            double s = crf.score(e, y);
            z += Math.exp(s);
            if (s > bestScore) {
                bestScore = s;
                best = y;
            }
            for (int t = 0; t < T; t++) marg[t][y[t]] += Math.exp(s);
        }
        assertEquals(Math.log(z), crf.logPartition(e), 1e-12);
        assertArrayEquals(best, crf.viterbi(e));
        double[][] m = crf.marginals(e);
        for (int t = 0; t < T; t++) {
            for (int j = 0; j < K; j++) assertEquals(marg[t][j] / z, m[t][j], 1e-12);
        }
        int[] gold = {2, 0, 0, 1};
        double[][] dE = new double[T][K];
        double[][] dTrans = new double[K][K];
        double[] dStart = new double[K];
        double[] dEnd = new double[K];
        double nll = crf.nll(e, gold, dE, dTrans, dStart, dEnd);
        assertEquals(Math.log(z) - crf.score(e, gold), nll, 1e-12);
        double h = 1e-6;
        for (int t = 0; t < T; t++) {
            for (int j = 0; j < K; j++) {
                double keep = e[t][j];
                e[t][j] = keep + h;
                double plus = crf.logPartition(e) - crf.score(e, gold);
                e[t][j] = keep - h;
                double minus = crf.logPartition(e) - crf.score(e, gold);
                e[t][j] = keep;
                assertEquals((plus - minus) / (2 * h), dE[t][j], 1e-7);
            }
        }
        for (int i = 0; i < K; i++) {
            for (int j = 0; j < K; j++) {
                double keep = trans[i][j];
                trans[i][j] = keep + h;
                double plus = crf.logPartition(e) - crf.score(e, gold);
                trans[i][j] = keep - h;
                double minus = crf.logPartition(e) - crf.score(e, gold);
                trans[i][j] = keep;
                assertEquals((plus - minus) / (2 * h), dTrans[i][j], 1e-7);
            }
            double keep = start[i];
            start[i] = keep + h;
            double plus = crf.logPartition(e) - crf.score(e, gold);
            start[i] = keep - h;
            double minus = crf.logPartition(e) - crf.score(e, gold);
            start[i] = keep;
            assertEquals((plus - minus) / (2 * h), dStart[i], 1e-7);
            keep = end[i];
            end[i] = keep + h;
            plus = crf.logPartition(e) - crf.score(e, gold);
            end[i] = keep - h;
            minus = crf.logPartition(e) - crf.score(e, gold);
            end[i] = keep;
            assertEquals((plus - minus) / (2 * h), dEnd[i], 1e-7);
        }
    }

    @Test
    void oneStepIsASoftmaxWithStartAndEnd() {
        LinearChainCrf crf = new LinearChainCrf(new double[2][2], new double[]{0.5, 0}, new double[]{0, 0.25});
        double[][] e = {{1, 2}};
        double a = 1.5, b = 2.25;
        assertEquals(Math.log(Math.exp(a) + Math.exp(b)), crf.logPartition(e), 1e-12);
        assertArrayEquals(new int[]{1}, crf.viterbi(e));
    }
}
