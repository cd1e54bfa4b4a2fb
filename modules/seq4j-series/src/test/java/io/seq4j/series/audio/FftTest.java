package io.seq4j.series.audio;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FftTest {

    /** Naive O(n^2) DFT, returns {re, im}. */
    static double[][] dft(double[] re, double[] im) {
        int n = re.length;
        double[][] out = new double[2][n];
        for (int k = 0; k < n; k++) {
            for (int t = 0; t < n; t++) {
                double angle = -2 * Math.PI * ((long) k * t % n) / n;
                out[0][k] += re[t] * Math.cos(angle) - im[t] * Math.sin(angle);
                out[1][k] += re[t] * Math.sin(angle) + im[t] * Math.cos(angle);
            }
        }
        return out;
    }

    @Test
    void matchesNaiveDftOnRandomComplexInput() {
        Random random = new Random(42);
        for (int n : new int[]{1, 2, 4, 8, 64, 512}) {
            double[] re = new double[n], im = new double[n];
            for (int i = 0; i < n; i++) {
                re[i] = random.nextGaussian();
                im[i] = random.nextGaussian();
            }
            double[][] expected = dft(re, im);
            Fft.transform(re, im);
            double norm = 0, err = 0;
            for (int k = 0; k < n; k++) {
                norm += expected[0][k] * expected[0][k] + expected[1][k] * expected[1][k];
                err += Math.pow(re[k] - expected[0][k], 2) + Math.pow(im[k] - expected[1][k], 2);
            }
            assertTrue(Math.sqrt(err / norm) < 1e-9, "n=" + n + " relative error " + Math.sqrt(err / norm));
        }
    }

    @Test
    void powerSpectrumMatchesDftAndZeroPads() {
        Random random = new Random(7);
        float[] frame = new float[100];
        for (int i = 0; i < frame.length; i++) frame[i] = (float) random.nextGaussian();
        double[] re = new double[128], im = new double[128];
        for (int i = 0; i < frame.length; i++) re[i] = frame[i];
        double[][] expected = dft(re, im);

        double[] power = Fft.powerSpectrum(frame, 128);
        assertEquals(65, power.length);
        for (int k = 0; k < power.length; k++) {
            double want = (expected[0][k] * expected[0][k] + expected[1][k] * expected[1][k]) / 128;
            assertEquals(want, power[k], 1e-9 * Math.max(1, want));
        }
    }

    @Test
    void pureSinePutsItsEnergyInItsBin() {
        int n = 256, bin = 19;
        float[] frame = new float[n];
        for (int i = 0; i < n; i++) frame[i] = (float) Math.sin(2 * Math.PI * bin * i / n);
        double[] power = Fft.powerSpectrum(frame, n);
        double total = 0;
        for (double p : power) total += p;
        assertEquals(n / 4.0, power[bin], 1e-4);          // |X[k]| = n/2, power = (n/2)^2 / n
        assertTrue(power[bin] / total > 0.999999);
    }

    @Test
    void refusesBadSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fft.transform(new double[12], new double[12]));
        assertTrue(e.getMessage().contains("power of two, got 12"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Fft.transform(new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Fft.transform(new double[8], new double[4]));
        assertThrows(IllegalArgumentException.class, () -> Fft.powerSpectrum(new float[10], 100));
        assertThrows(IllegalArgumentException.class, () -> Fft.powerSpectrum(new float[300], 256));
    }

    @Test
    void nextPowerOfTwo() {
        assertEquals(1, Fft.nextPowerOfTwo(1));
        assertEquals(2, Fft.nextPowerOfTwo(2));
        assertEquals(256, Fft.nextPowerOfTwo(200));
        assertEquals(512, Fft.nextPowerOfTwo(400));
        assertEquals(1024, Fft.nextPowerOfTwo(1024));
        assertEquals(1 << 30, Fft.nextPowerOfTwo((1 << 29) + 1));
        assertThrows(IllegalArgumentException.class, () -> Fft.nextPowerOfTwo(0));
    }
}
