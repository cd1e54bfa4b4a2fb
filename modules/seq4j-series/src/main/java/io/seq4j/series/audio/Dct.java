package io.seq4j.series.audio;

/**
 * Orthonormal DCT-II, as {@code scipy.fftpack.dct(x, type=2, norm='ortho')}:
 * {@code y[k] = s(k) sum_n x[n] cos(pi k (2n + 1) / (2N))} with {@code s(0) = sqrt(1/N)} and
 * {@code s(k) = sqrt(2/N)} otherwise. The transform matrix is orthogonal, so it preserves norms.
 */
public final class Dct {
    private final double[][] basis;

    /**
     * @param inputs  input length {@code N}, at least 1
     * @param outputs how many leading coefficients to compute, {@code 1 <= outputs <= N}
     */
    public Dct(int inputs, int outputs) {
        if (inputs < 1 || outputs < 1 || outputs > inputs) {
            throw new IllegalArgumentException("need 1 <= outputs <= inputs, got " + outputs + " outputs of " + inputs + " inputs");
        }
        basis = new double[outputs][inputs];
        for (int k = 0; k < outputs; k++) {
            double scale = Math.sqrt((k == 0 ? 1.0 : 2.0) / inputs);
            for (int n = 0; n < inputs; n++) basis[k][n] = scale * Math.cos(Math.PI * k * (2 * n + 1) / (2.0 * inputs));
        }
    }

    /** The first {@code outputs} coefficients of the DCT of {@code x}, which has {@code inputs} values. */
    public double[] apply(double[] x) {
        if (x.length != basis[0].length) throw new IllegalArgumentException("expected " + basis[0].length + " inputs, got " + x.length);
        double[] y = new double[basis.length];
        for (int k = 0; k < basis.length; k++) {
            double sum = 0;
            for (int n = 0; n < x.length; n++) sum += basis[k][n] * x[n];
            y[k] = sum;
        }
        return y;
    }
}
