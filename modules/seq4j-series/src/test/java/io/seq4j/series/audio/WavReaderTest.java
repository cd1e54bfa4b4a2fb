package io.seq4j.series.audio;

import io.seq4j.core.data.InputFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WavReaderTest {

    static void assertRefused(Path file, String problem) {
        InputFormatException e = assertThrows(InputFormatException.class, () -> WavReader.read(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertEquals(file.toString(), e.source());
    }

    @Test
    void roundTripsSixteenBitMono(@TempDir Path dir) throws Exception {
        float[] samples = new float[1000];
        for (int i = 0; i < samples.length; i++) samples[i] = (float) (0.8 * Math.sin(2 * Math.PI * 440 * i / 22050.0));
        samples[0] = -1f;
        samples[1] = 32767 / 32768f;
        Path file = dir.resolve("tone.wav");
        WavWriter.write16(file, samples, 22050);

        Wav wav = WavReader.read(file);
        assertEquals(22050, wav.sampleRate());
        assertEquals(file, wav.source());
        assertEquals(1000 / 22050.0, wav.seconds(), 1e-12);
        assertArrayEquals(samples, wav.samples(), 0.5f / 32768 + 1e-7f);
        assertEquals(-1f, wav.samples()[0]);
        assertEquals(32767 / 32768f, wav.samples()[1]);
    }

    @Test
    void readsBigEndianInputAveragedToMono(@TempDir Path dir) throws Exception {
        // frames (L, R): (1000, 3000), (-32768, -32768) as big-endian 16-bit (the JDK stores WAV little-endian)
        byte[] bytes = {0x03, (byte) 0xE8, 0x0B, (byte) 0xB8, (byte) 0x80, 0x00, (byte) 0x80, 0x00};
        Path file = dir.resolve("stereo.wav");
        WavWriter.write(file, new AudioFormat(8000, 16, 2, true, true), bytes);

        Wav wav = WavReader.read(file);
        assertEquals(8000, wav.sampleRate());
        assertArrayEquals(new float[]{2000 / 32768f, -1f}, wav.samples());
    }

    @Test
    void refusesEightBitAndFloatNamingTheFile(@TempDir Path dir) throws Exception {
        Path eight = dir.resolve("7_jackson_8.wav");
        WavWriter.write(eight, new AudioFormat(8000, 8, 1, false, false), new byte[]{1, 2, 3, 4});
        assertRefused(eight, "not 16-bit PCM (PCM_UNSIGNED 8-bit)");

        Path fl = dir.resolve("7_jackson_32.wav");
        AudioFormat floats = new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, 8000, 32, 1, 4, 8000, false);
        WavWriter.write(fl, floats, new byte[16]);
        assertRefused(fl, "not 16-bit PCM (PCM_FLOAT 32-bit)");
    }

    @Test
    void refusesTruncatedEmptyMissingAndNonWavFiles(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.wav");
        WavWriter.write16(good, new float[100], 16000);
        byte[] whole = Files.readAllBytes(good);

        Path cut = dir.resolve("cut.wav");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 51));
        assertRefused(cut, "truncated: the header announces 100 frames, the file holds 74");

        Path headerOnly = dir.resolve("header.wav");
        Files.write(headerOnly, Arrays.copyOf(whole, 20));
        assertRefused(headerOnly, "not a WAV file, or its header is corrupt");

        Path empty = dir.resolve("empty.wav");
        WavWriter.write16(empty, new float[0], 16000);
        assertRefused(empty, "holds no samples");

        Path text = dir.resolve("notes.wav");
        Files.writeString(text, "this is not audio, just some text long enough to be probed by the readers");
        assertRefused(text, "not a WAV file");

        Path zero = dir.resolve("zero.wav");
        Files.write(zero, new byte[0]);
        assertRefused(zero, "not a WAV file, or its header is corrupt");

        assertRefused(dir.resolve("missing.wav"), "no such file");
    }
}
