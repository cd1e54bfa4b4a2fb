package io.seq4j.embeddings;

import java.util.Random;

/**
 * Exact t-SNE (van der Maaten and Hinton 2008) to two dimensions, for the few hundred or thousand
 * words one plots: Gaussian affinities with a per-point bandwidth found by bisection to the given
 * perplexity, symmetrised; Student-t affinities in the plane; gradient descent with momentum 0.5
 * then 0.8 (after 250 steps), early exaggeration 12 for the first 250 steps, learning rate 200 and
 * adaptive gains, as the reference implementation. O(n^2) memory and time per step.
 */
public final class Tsne {
    /** Most points {@link #embed} takes (its matrices are n x n doubles). */
    public static final int MAX_POINTS = 5000;

    private final double perplexity;
    private final int iterations;
    private final long seed;

    /**
     * @param perplexity effective neighbours per point (5-50; lowered to (n - 1) / 3 for few points)
     * @param iterations gradient steps (1000 is the reference default)
     */
    public Tsne(double perplexity, int iterations, long seed) {
        if (!(perplexity > 1)) throw new IllegalArgumentException("perplexity must be above 1, got " + perplexity);
        if (iterations < 1) throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
        this.perplexity = perplexity;
        this.iterations = iterations;
        this.seed = seed;
    }

    /**
     * Maps points {@code x[n][d]} to {@code [n][2]}.
     *
     * @throws IllegalArgumentException for fewer than 3 or more than {@link #MAX_POINTS} points
     */
    public double[][] embed(double[][] x) {
        int n = x.length;
        if (n < 3 || n > MAX_POINTS) throw new IllegalArgumentException("t-SNE takes 3 to " + MAX_POINTS + " points, got " + n);
        double[] p = affinities(x, Math.min(perplexity, (n - 1) / 3.0));
        Random random = new Random(seed);
        double[][] y = new double[n][2];
        for (double[] row : y) {
            row[0] = random.nextGaussian() * 1e-4;
            row[1] = random.nextGaussian() * 1e-4;
        }
        double[][] update = new double[n][2];
        double[][] gains = new double[n][2];
        for (double[] g : gains) java.util.Arrays.fill(g, 1);
        double[] num = new double[n * n];
        double[][] grad = new double[n][2];
        for (int it = 0; it < iterations; it++) {
            double exaggeration = it < 250 ? 12 : 1;
            double momentum = it < 250 ? 0.5 : 0.8;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double dx = y[i][0] - y[j][0];
                    double dy = y[i][1] - y[j][1];
                    double q = 1 / (1 + dx * dx + dy * dy);
                    num[i * n + j] = q;
                    num[j * n + i] = q;
                    sum += 2 * q;
                }
            }
            for (int i = 0; i < n; i++) {
                double gx = 0;
                double gy = 0;
                for (int j = 0; j < n; j++) {
                    if (j == i) continue;
                    double q = num[i * n + j];
                    double m = (exaggeration * p[i * n + j] - q / sum) * q;
                    gx += m * (y[i][0] - y[j][0]);
                    gy += m * (y[i][1] - y[j][1]);
                }
                grad[i][0] = 4 * gx;
                grad[i][1] = 4 * gy;
            }
            double cx = 0;
            double cy = 0;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 2; k++) {
                    boolean same = Math.signum(grad[i][k]) == Math.signum(update[i][k]);
                    gains[i][k] = Math.max(0.01, same ? gains[i][k] * 0.8 : gains[i][k] + 0.2);
                    update[i][k] = momentum * update[i][k] - 200 * gains[i][k] * grad[i][k];
                    y[i][k] += update[i][k];
                }
                cx += y[i][0];
                cy += y[i][1];
            }
            for (double[] row : y) {
                row[0] -= cx / n;
                row[1] -= cy / n;
            }
        }
        return y;
    }

    /** Symmetric joint probabilities {@code P[n * n]} from squared Euclidean distances. */
    private static double[] affinities(double[][] x, double perplexity) {
        int n = x.length;
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int k = 0; k < x[i].length; k++) {
                    double t = x[i][k] - x[j][k];
                    s += t * t;
                }
                d[i * n + j] = s;
                d[j * n + i] = s;
            }
        }
        double target = Math.log(perplexity);
        double[] p = new double[n * n];
        double[] row = new double[n];
        for (int i = 0; i < n; i++) {
            double beta = 1;
            double lo = 0;
            double hi = Double.POSITIVE_INFINITY;
            for (int step = 0; step < 100; step++) {
                double sum = 0;
                double weighted = 0;
                for (int j = 0; j < n; j++) {
                    row[j] = j == i ? 0 : Math.exp(-d[i * n + j] * beta);
                    sum += row[j];
                    weighted += d[i * n + j] * row[j];
                }
                if (sum == 0) sum = 1e-300;
                double entropy = Math.log(sum) + beta * weighted / sum;
                if (Math.abs(entropy - target) < 1e-5) break;
                if (entropy > target) {
                    lo = beta;
                    beta = hi == Double.POSITIVE_INFINITY ? beta * 2 : (beta + hi) / 2;
                } else {
                    hi = beta;
                    beta = (beta + lo) / 2;
                }
            }
            double sum = 0;
            for (int j = 0; j < n; j++) sum += row[j];
            for (int j = 0; j < n; j++) p[i * n + j] = sum > 0 ? row[j] / sum : 0;
        }
        double[] sym = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) sym[i * n + j] = Math.max((p[i * n + j] + p[j * n + i]) / (2 * n), 1e-12);
        }
        return sym;
    }
}
