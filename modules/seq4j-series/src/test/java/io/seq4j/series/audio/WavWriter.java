package io.seq4j.series.audio;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

/** Test helper: writes WAV files through {@code javax.sound.sampled}. */
final class WavWriter {
    private WavWriter() {
    }

    /** Writes mono samples in {@code [-1, 1]} as little-endian signed 16-bit PCM, rounding and clipping. */
    static void write16(Path file, float[] samples, int rate) throws IOException {
        byte[] bytes = new byte[2 * samples.length];
        for (int i = 0; i < samples.length; i++) {
            int s = (int) Math.max(-32768, Math.min(32767, Math.round(samples[i] * 32768.0)));
            bytes[2 * i] = (byte) s;
            bytes[2 * i + 1] = (byte) (s >> 8);
        }
        write(file, new AudioFormat(rate, 16, 1, true, false), bytes);
    }

    /** Writes raw frame bytes in {@code format} as a WAV file. */
    static void write(Path file, AudioFormat format, byte[] bytes) throws IOException {
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes), format, bytes.length / format.getFrameSize())) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
