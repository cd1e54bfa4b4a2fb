package io.seq4j.series.audio;

/**
 * Radix-2 fast Fourier transform. Sizes must be powers of two.
 */
public final class Fft {
    private Fft() {
    }

    /** Whether {@code n} is a positive power of two. */
    public static boolean isPowerOfTwo(int n) {
        return n > 0 && (n & (n - 1)) == 0;
    }

    /** The smallest power of two {@code >= n}, for {@code 1 <= n <= 2^30}. */
    public static int nextPowerOfTwo(int n) {
        if (n < 1 || n > 1 << 30) throw new IllegalArgumentException("no power of two >= " + n + " fits an int");
        return n == 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

    /**
     * In-place forward DFT {@code X[k] = sum_n x[n] exp(-2 pi i k n / N)}, unscaled, of the complex
     * signal {@code re + i im}; both arrays have length {@code N}, a power of two.
     */
    public static void transform(double[] re, double[] im) {
        int n = re.length;
        if (im.length != n) throw new IllegalArgumentException("real and imaginary parts differ in length: " + n + " vs " + im.length);
        if (!isPowerOfTwo(n)) throw new IllegalArgumentException("FFT size must be a power of two, got " + n);
        for (int i = 1, j = 0; i < n; i++) {         // bit-reversal permutation
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j |= bit;
            if (i < j) {
                double t = re[i]; re[i] = re[j]; re[j] = t;
                t = im[i]; im[i] = im[j]; im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            int half = len >> 1;
            double step = -2 * Math.PI / len;
            for (int k = 0; k < half; k++) {
                double wr = Math.cos(step * k), wi = Math.sin(step * k);
                for (int start = 0; start < n; start += len) {
                    int a = start + k, b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr; im[b] = im[a] - xi;
                    re[a] += xr; im[a] += xi;
                }
            }
        }
    }

    /**
     * The periodogram of a real frame, zero-padded to {@code nfft}: {@code |X[k]|^2 / nfft} for
     * {@code k = 0 .. nfft/2} (as python_speech_features {@code powspec}). Bin {@code k} is at
     * {@code k * sampleRate / nfft} Hz.
     *
     * @param frame at most {@code nfft} samples
     * @param nfft  the FFT size, a power of two
     * @return {@code nfft/2 + 1} power values
     */
    public static double[] powerSpectrum(float[] frame, int nfft) {
        if (!isPowerOfTwo(nfft)) throw new IllegalArgumentException("FFT size must be a power of two, got " + nfft);
        if (frame.length > nfft) throw new IllegalArgumentException("frame of " + frame.length + " samples exceeds the FFT size " + nfft);
        double[] re = new double[nfft], im = new double[nfft];
        for (int i = 0; i < frame.length; i++) re[i] = frame[i];
        transform(re, im);
        double[] power = new double[nfft / 2 + 1];
        for (int k = 0; k < power.length; k++) power[k] = (re[k] * re[k] + im[k] * im[k]) / nfft;
        return power;
    }
}
