package io.seq4j.series.audio;

/**
 * MFCC or log-mel features of mono audio. Per frame: pre-emphasis (over the whole signal, first
 * sample kept), a symmetric Hamming window {@code 0.54 - 0.46 cos(2 pi n / (L - 1))}, the periodogram
 * ({@link Fft#powerSpectrum}), mel filter energies ({@link MelFilterbank}, 0 Hz to Nyquist), natural
 * log floored at {@code 1e-10}, then either the first {@code nMfcc} orthonormal DCT-II coefficients
 * ({@link Dct}; no liftering, c0 kept) or the {@code nMels} log energies, followed by their deltas
 * ({@link Deltas}, window 2) when configured. Instances are immutable and thread-safe.
 */
public final class AudioFeatures {
    /** Energies are floored here before the log. */
    public static final double LOG_FLOOR = 1e-10;
    /** Regression window of the deltas. */
    public static final int DELTA_WINDOW = 2;

    private final AudioFeatureConfig config;
    private final MelFilterbank filterbank;
    private final Dct dct;
    private final float[] window;

    /** Builds the filterbank, DCT and window for {@code config}. */
    public AudioFeatures(AudioFeatureConfig config) {
        this.config = config;
        this.filterbank = new MelFilterbank(config.nMels(), config.nfft(), config.sampleRate(), 0, config.sampleRate() / 2.0);
        this.dct = config.nMfcc() == 0 ? null : new Dct(config.nMels(), config.nMfcc());
        int length = config.frameLength();
        this.window = new float[length];
        for (int n = 0; n < length; n++) window[n] = length == 1 ? 1f : (float) (0.54 - 0.46 * Math.cos(2 * Math.PI * n / (length - 1)));
    }

    /** The settings these features follow. */
    public AudioFeatureConfig config() {
        return config;
    }

    /**
     * Frames produced for {@code samples} input samples: {@code 1 + floor((samples - frameLength) / hop)}
     * when {@code samples >= frameLength}, else 1 (the signal is zero-padded to one frame).
     */
    public int frameCount(int samples) {
        if (samples < 1) throw new IllegalArgumentException("no samples");
        int frame = config.frameLength();
        return samples < frame ? 1 : 1 + (samples - frame) / config.hopLength();
    }

    /**
     * Features of mono {@code samples} at {@code config().sampleRate()}; samples after the last whole
     * frame are dropped, a signal shorter than one frame is zero-padded to one.
     *
     * @param samples at least one sample, nominally in {@code [-1, 1]}
     * @return {@code [frameCount(samples.length)][config().featureCount()]}
     */
    public float[][] compute(float[] samples) {
        int frames = frameCount(samples.length);
        int frameLength = config.frameLength(), hop = config.hopLength();
        float[] emphasized = new float[Math.max(samples.length, frameLength)];
        double a = config.preEmphasis();
        for (int i = 0; i < samples.length; i++) emphasized[i] = (float) (samples[i] - (i > 0 ? a * samples[i - 1] : 0));

        float[][] features = new float[frames][];
        float[] frame = new float[frameLength];
        for (int t = 0; t < frames; t++) {
            for (int n = 0; n < frameLength; n++) frame[n] = emphasized[t * hop + n] * window[n];
            double[] logMel = filterbank.apply(Fft.powerSpectrum(frame, config.nfft()));
            for (int m = 0; m < logMel.length; m++) logMel[m] = Math.log(Math.max(logMel[m], LOG_FLOOR));
            double[] values = dct == null ? logMel : dct.apply(logMel);
            features[t] = new float[values.length];
            for (int i = 0; i < values.length; i++) features[t][i] = (float) values[i];
        }
        return config.deltas() ? appendDeltas(features) : features;
    }

    private static float[][] appendDeltas(float[][] features) {
        float[][] deltas = Deltas.compute(features, DELTA_WINDOW);
        float[][] out = new float[features.length][];
        for (int t = 0; t < features.length; t++) {
            int dims = features[t].length;
            out[t] = new float[2 * dims];
            System.arraycopy(features[t], 0, out[t], 0, dims);
            System.arraycopy(deltas[t], 0, out[t], dims, dims);
        }
        return out;
    }
}
