package io.seq4j.series.audio;

import io.seq4j.core.data.InputFormatException;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads WAV files holding signed 16-bit PCM (little or big endian) at any sample rate, through
 * {@code javax.sound.sampled}. Files with several channels are averaged to mono. Anything else
 * (not a WAV, 8-bit or 24-bit PCM, float PCM, a truncated or corrupt file, no samples) is refused
 * with an {@link InputFormatException} naming the file and the problem.
 */
public final class WavReader {
    private WavReader() {
    }

    /**
     * Reads {@code file} into mono samples in {@code [-1, 1)}.
     *
     * @throws InputFormatException when the file is missing, not a 16-bit PCM WAV, truncated or empty
     * @throws IOException          when reading fails for another reason
     */
    public static Wav read(Path file) throws IOException {
        String name = file.toString();
        if (!Files.isRegularFile(file)) throw new InputFormatException(name, 0, "no such file");
        try {
            AudioFileFormat.Type type = AudioSystem.getAudioFileFormat(file.toFile()).getType();
            if (!AudioFileFormat.Type.WAVE.equals(type)) {
                throw new InputFormatException(name, 0, "not a WAV file (" + type + ")");
            }
            try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
                return decode(file, in.getFormat(), in.getFrameLength(), in.readAllBytes());
            }
        } catch (UnsupportedAudioFileException e) {
            throw new InputFormatException(name, 0, "not a WAV file, or its header is corrupt");
        }
    }

    private static Wav decode(Path file, AudioFormat format, long announcedFrames, byte[] bytes)
            throws InputFormatException {
        String name = file.toString();
        if (!AudioFormat.Encoding.PCM_SIGNED.equals(format.getEncoding()) || format.getSampleSizeInBits() != 16) {
            throw new InputFormatException(name, 0,
                    "not 16-bit PCM (" + format.getEncoding() + " " + format.getSampleSizeInBits() + "-bit)");
        }
        float rate = format.getSampleRate();
        if (rate <= 0 || rate != Math.rint(rate)) {
            throw new InputFormatException(name, 0, "sample rate must be a positive whole number of Hz, found " + rate);
        }
        int channels = format.getChannels();
        if (channels < 1) throw new InputFormatException(name, 0, "announces " + channels + " channels");
        long frames = bytes.length / (2 * channels);          // the stream yields whole frames only
        if (announcedFrames != AudioSystem.NOT_SPECIFIED && frames < announcedFrames) {
            throw new InputFormatException(name, 0, "truncated: the header announces " + announcedFrames
                    + " frames, the file holds " + frames);
        }
        if (frames == 0) throw new InputFormatException(name, 0, "holds no samples");
        if (frames > Integer.MAX_VALUE) throw new InputFormatException(name, 0, "too long: " + frames + " frames");

        boolean bigEndian = format.isBigEndian();
        float[] samples = new float[(int) frames];
        for (int f = 0, b = 0; f < samples.length; f++) {
            int sum = 0;
            for (int c = 0; c < channels; c++, b += 2) {
                int hi = bigEndian ? bytes[b] : bytes[b + 1];
                int lo = (bigEndian ? bytes[b + 1] : bytes[b]) & 0xff;
                sum += (hi << 8) | lo;
            }
            samples[f] = sum / (32768f * channels);
        }
        return new Wav(samples, (int) rate, file);
    }
}
