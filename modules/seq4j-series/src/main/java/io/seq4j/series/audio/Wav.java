package io.seq4j.series.audio;

import java.nio.file.Path;

/**
 * A decoded WAV file: mono samples as floats in {@code [-1, 1)} (a 16-bit value {@code s} becomes
 * {@code s / 32768}), the sample rate in Hz, and the file they came from. Multi-channel files are
 * averaged to mono by {@link WavReader}.
 *
 * @param samples    mono samples, one per frame, in {@code [-1, 1)}
 * @param sampleRate samples per second (Hz), positive
 * @param source     the file that was read
 */
public record Wav(float[] samples, int sampleRate, Path source) {

    /** The duration in seconds: {@code samples.length / sampleRate}. */
    public double seconds() {
        return samples.length / (double) sampleRate;
    }
}
