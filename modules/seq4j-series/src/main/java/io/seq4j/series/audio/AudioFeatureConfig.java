package io.seq4j.series.audio;

import io.seq4j.core.data.SettingValues;

/**
 * Settings for {@link AudioFeatures}. Filters span 0 Hz to {@code sampleRate / 2}.
 *
 * @param sampleRate  Hz of the input samples, positive
 * @param frameMs     analysis window length in milliseconds
 * @param hopMs       step between window starts in milliseconds
 * @param nfft        FFT size, a power of two {@code >= frameLength()}
 * @param nMels       number of mel filters
 * @param nMfcc       cepstral coefficients to keep ({@code <= nMels}), or 0 for log-mel energies only
 * @param preEmphasis coefficient {@code a} of {@code y[n] = x[n] - a x[n-1]}, in {@code [0, 1)}; 0 disables it
 * @param deltas      whether to append first-order deltas (window 2), doubling the feature count
 */
public record AudioFeatureConfig(int sampleRate, double frameMs, double hopMs, int nfft,
                                 int nMels, int nMfcc, double preEmphasis, boolean deltas) {

    /** Validates the settings; throws {@code IllegalArgumentException} naming the bad one. */
    public AudioFeatureConfig {
        if (sampleRate <= 0) throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        if (!(frameMs > 0) || !(hopMs > 0)) throw new IllegalArgumentException("frame and hop must be positive ms, got " + frameMs + " and " + hopMs);
        int frame = samples(frameMs, sampleRate), hop = samples(hopMs, sampleRate);
        if (frame < 1 || hop < 1) {
            throw new IllegalArgumentException("frame " + frameMs + " ms and hop " + hopMs + " ms must each span at least one sample at " + sampleRate + " Hz");
        }
        if (!Fft.isPowerOfTwo(nfft) || nfft < frame) {
            throw new IllegalArgumentException("nfft must be a power of two >= the frame length " + frame + ", got " + nfft);
        }
        if (nMels < 1) throw new IllegalArgumentException("need at least one mel band, got " + nMels);
        if (nMfcc < 0 || nMfcc > nMels) throw new IllegalArgumentException("nMfcc must be 0 (log-mel) or 1.." + nMels + ", got " + nMfcc);
        if (!(preEmphasis >= 0 && preEmphasis < 1)) throw new IllegalArgumentException("pre-emphasis must be in [0, 1), got " + preEmphasis);
    }

    /** 25 ms frames, 10 ms hop, the smallest sufficient FFT, 40 mel bands, 13 MFCCs, pre-emphasis 0.97, no deltas. */
    public static AudioFeatureConfig defaults(int sampleRate) {
        if (sampleRate <= 0) throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        return new AudioFeatureConfig(sampleRate, 25, 10, Fft.nextPowerOfTwo(samples(25, sampleRate)), 40, 13, 0.97, false);
    }

    /** The settings by name (a model bundle stores them). */
    public java.util.Map<String, String> toMap() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("sampleRate", Integer.toString(sampleRate));
        m.put("frameMs", Double.toString(frameMs));
        m.put("hopMs", Double.toString(hopMs));
        m.put("nfft", Integer.toString(nfft));
        m.put("nMels", Integer.toString(nMels));
        m.put("nMfcc", Integer.toString(nMfcc));
        m.put("preEmphasis", Double.toString(preEmphasis));
        m.put("deltas", Boolean.toString(deltas));
        return m;
    }

    /** Reads {@link #toMap}; a missing or bad value is an IllegalArgumentException naming the key. */
    public static AudioFeatureConfig fromMap(java.util.Map<String, String> m) {
        return new AudioFeatureConfig(SettingValues.integer(m, "sampleRate"), SettingValues.real(m, "frameMs"), SettingValues.real(m, "hopMs"),
                SettingValues.integer(m, "nfft"), SettingValues.integer(m, "nMels"), SettingValues.integer(m, "nMfcc"),
                SettingValues.real(m, "preEmphasis"), SettingValues.bool(m, "deltas"));
    }

    /** Frame length in samples: {@code round(frameMs * sampleRate / 1000)}. */
    public int frameLength() {
        return samples(frameMs, sampleRate);
    }

    /** Hop in samples: {@code round(hopMs * sampleRate / 1000)}. */
    public int hopLength() {
        return samples(hopMs, sampleRate);
    }

    /** Features per frame: {@code nMfcc} (or {@code nMels} when {@code nMfcc == 0}), doubled with deltas. */
    public int featureCount() {
        return (nMfcc == 0 ? nMels : nMfcc) * (deltas ? 2 : 1);
    }

    private static int samples(double ms, int sampleRate) {
        return (int) Math.round(ms * sampleRate / 1000);
    }
}
