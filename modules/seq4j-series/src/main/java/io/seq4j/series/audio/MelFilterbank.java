package io.seq4j.series.audio;

/**
 * Triangular filters equally spaced on the HTK mel scale {@code mel = 2595 log10(1 + f / 700)}
 * between {@code fmin} and {@code fmax} Hz, over the {@code nfft/2 + 1} bins of a power spectrum.
 * The weights match {@code librosa.filters.mel(htk=True, norm=None)}: filter {@code m} rises from 0
 * at corner {@code m} to 1 at corner {@code m+1} and falls to 0 at corner {@code m+2}, evaluated at
 * the bin frequencies {@code k * sampleRate / nfft}. Shape {@code [nMels][nfft/2 + 1]}.
 */
public final class MelFilterbank {
    private final double[][] weights;
    private final double[] centersHz;

    /**
     * @param nMels      number of filters, at least 1
     * @param nfft       FFT size, a power of two
     * @param sampleRate Hz, positive
     * @param fminHz     lower edge of the first filter, {@code >= 0}
     * @param fmaxHz     upper edge of the last filter, {@code > fminHz} and {@code <= sampleRate / 2}
     * @throws IllegalArgumentException on bad arguments, or when a filter is too narrow to cover any bin
     */
    public MelFilterbank(int nMels, int nfft, int sampleRate, double fminHz, double fmaxHz) {
        if (nMels < 1) throw new IllegalArgumentException("need at least one mel filter, got " + nMels);
        if (!Fft.isPowerOfTwo(nfft)) throw new IllegalArgumentException("FFT size must be a power of two, got " + nfft);
        if (sampleRate <= 0) throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        if (fminHz < 0 || fmaxHz <= fminHz || fmaxHz > sampleRate / 2.0) {
            throw new IllegalArgumentException("need 0 <= fmin < fmax <= sampleRate/2 = " + sampleRate / 2.0
                    + " Hz, got fmin " + fminHz + ", fmax " + fmaxHz);
        }
        double lo = hzToMel(fminHz), hi = hzToMel(fmaxHz);
        double[] corners = new double[nMels + 2];
        for (int i = 0; i < corners.length; i++) corners[i] = melToHz(lo + (hi - lo) * i / (nMels + 1));
        int bins = nfft / 2 + 1;
        weights = new double[nMels][bins];
        centersHz = new double[nMels];
        for (int m = 0; m < nMels; m++) {
            centersHz[m] = corners[m + 1];
            boolean covered = false;
            for (int k = 0; k < bins; k++) {
                double f = k * (double) sampleRate / nfft;
                double rise = (f - corners[m]) / (corners[m + 1] - corners[m]);
                double fall = (corners[m + 2] - f) / (corners[m + 2] - corners[m + 1]);
                weights[m][k] = Math.max(0, Math.min(rise, fall));
                covered |= weights[m][k] > 0;
            }
            if (!covered) {
                throw new IllegalArgumentException("mel filter " + m + " (" + Math.round(corners[m]) + "-"
                        + Math.round(corners[m + 2]) + " Hz) covers no FFT bin: use fewer mel bands or a larger FFT than " + nfft);
            }
        }
    }

    /** HTK mel of a frequency in Hz: {@code 2595 log10(1 + hz / 700)}. */
    public static double hzToMel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    /** Inverse of {@link #hzToMel}: {@code 700 (10^(mel / 2595) - 1)} Hz. */
    public static double melToHz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }

    /** Number of filters. */
    public int size() {
        return weights.length;
    }

    /** Centre frequency (peak) of filter {@code m}, in Hz. */
    public double centerHz(int m) {
        return centersHz[m];
    }

    /** Weight of FFT bin {@code bin} in filter {@code m}, in {@code [0, 1]}. */
    public double weight(int m, int bin) {
        return weights[m][bin];
    }

    /**
     * Filter energies {@code E[m] = sum_k W[m][k] power[k]}.
     *
     * @param power {@code nfft/2 + 1} power-spectrum bins
     * @return {@code nMels} energies
     */
    public double[] apply(double[] power) {
        if (power.length != weights[0].length) {
            throw new IllegalArgumentException("expected " + weights[0].length + " spectrum bins, got " + power.length);
        }
        double[] energies = new double[weights.length];
        for (int m = 0; m < weights.length; m++) {
            double sum = 0;
            for (int k = 0; k < power.length; k++) sum += weights[m][k] * power[k];
            energies[m] = sum;
        }
        return energies;
    }
}
