package io.seq4j.series.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AudioFeaturesTest {

    static float[] sine(double hz, int rate, int n) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) s[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
        return s;
    }

    static AudioFeatureConfig logMel(int rate) {
        AudioFeatureConfig d = AudioFeatureConfig.defaults(rate);
        return new AudioFeatureConfig(rate, d.frameMs(), d.hopMs(), d.nfft(), d.nMels(), 0, d.preEmphasis(), false);
    }

    @Test
    void defaults() {
        AudioFeatureConfig c = AudioFeatureConfig.defaults(16000);
        assertEquals(new AudioFeatureConfig(16000, 25, 10, 512, 40, 13, 0.97, false), c);
        assertEquals(400, c.frameLength());
        assertEquals(160, c.hopLength());
        assertEquals(13, c.featureCount());
        assertEquals(256, AudioFeatureConfig.defaults(8000).nfft());
        assertEquals(2048, AudioFeatureConfig.defaults(44100).nfft());        // 25 ms = 1103 samples
        for (int rate : new int[]{8000, 11025, 16000, 22050, 44100, 48000}) new AudioFeatures(AudioFeatureConfig.defaults(rate));
    }

    @Test
    void frameCountFollowsTheFormula() {
        AudioFeatures f = new AudioFeatures(AudioFeatureConfig.defaults(16000));   // frame 400, hop 160
        assertEquals(1, f.frameCount(1));
        assertEquals(1, f.frameCount(399));
        assertEquals(1, f.frameCount(400));
        assertEquals(1, f.frameCount(559));
        assertEquals(2, f.frameCount(560));
        assertEquals(1 + (16000 - 400) / 160, f.frameCount(16000));
        assertEquals(98, f.compute(new float[16000]).length);
        assertEquals(1, f.compute(new float[10]).length);                        // zero-padded to one frame
        assertThrows(IllegalArgumentException.class, () -> f.compute(new float[0]));
    }

    @Test
    void oneKilohertzSineAtEightKilohertzPeaksInItsMelBand() {
        AudioFeatures f = new AudioFeatures(logMel(8000));
        MelFilterbank bank = new MelFilterbank(40, 256, 8000, 0, 4000);
        int bin1k = 1000 * 256 / 8000;
        int expected = 0;
        for (int m = 1; m < 40; m++) if (bank.weight(m, bin1k) > bank.weight(expected, bin1k)) expected = m;
        assertTrue(bank.centerHz(expected) > 950 && bank.centerHz(expected) < 1050, "centre " + bank.centerHz(expected));

        float[][] features = f.compute(sine(1000, 8000, 8000));
        assertEquals(98, features.length);
        for (float[] frame : features) {
            assertEquals(40, frame.length);
            int best = 0;
            for (int m = 1; m < frame.length; m++) if (frame[m] > frame[best]) best = m;
            assertEquals(expected, best);
        }
    }

    @Test
    void mfccsAreTheDctOfLogMelAndDeltasAreAppended() {
        float[] signal = sine(440, 16000, 4000);
        for (int i = 0; i < signal.length; i++) signal[i] *= i / 4000f;             // rising loudness
        float[][] logMel = new AudioFeatures(logMel(16000)).compute(signal);
        AudioFeatureConfig d = AudioFeatureConfig.defaults(16000);
        float[][] mfcc = new AudioFeatures(d).compute(signal);
        AudioFeatureConfig withDeltas = new AudioFeatureConfig(16000, 25, 10, 512, 40, 13, 0.97, true);
        float[][] both = new AudioFeatures(withDeltas).compute(signal);

        Dct dct = new Dct(40, 13);
        float[][] deltas = Deltas.compute(mfcc, 2);
        assertEquals(26, withDeltas.featureCount());
        for (int t = 0; t < mfcc.length; t++) {
            double[] row = new double[40];
            for (int m = 0; m < 40; m++) row[m] = logMel[t][m];
            double[] expected = dct.apply(row);
            for (int k = 0; k < 13; k++) assertEquals(expected[k], mfcc[t][k], 1e-4 * Math.max(1, Math.abs(expected[k])));
            assertEquals(26, both[t].length);
            assertArrayEquals(mfcc[t], java.util.Arrays.copyOf(both[t], 13));
            assertArrayEquals(deltas[t], java.util.Arrays.copyOfRange(both[t], 13, 26));
        }
    }

    @Test
    void silenceHitsTheLogFloor() {
        float[][] features = new AudioFeatures(logMel(16000)).compute(new float[800]);
        for (float[] frame : features) for (float v : frame) assertEquals((float) Math.log(AudioFeatures.LOG_FLOOR), v);
    }

    @Test
    void featuresOfAWavRoundTrip(@TempDir Path dir) throws Exception {
        float[] signal = sine(1000, 8000, 2000);
        Path file = dir.resolve("sine.wav");
        WavWriter.write16(file, signal, 8000);
        Wav wav = WavReader.read(file);
        AudioFeatures f = new AudioFeatures(AudioFeatureConfig.defaults(wav.sampleRate()));
        float[][] fromFile = f.compute(wav.samples());
        float[][] direct = f.compute(signal);
        assertEquals(direct.length, fromFile.length);
        for (int t = 0; t < direct.length; t++) assertArrayEquals(direct[t], fromFile[t], 0.05f);
    }

    @Test
    void refusesBadConfigs() {
        assertThrows(IllegalArgumentException.class, () -> new AudioFeatureConfig(0, 25, 10, 512, 40, 13, 0.97, false));
        assertThrows(IllegalArgumentException.class, () -> new AudioFeatureConfig(16000, 25, 10, 256, 40, 13, 0.97, false));
        assertThrows(IllegalArgumentException.class, () -> new AudioFeatureConfig(16000, 25, 10, 500, 40, 13, 0.97, false));
        assertThrows(IllegalArgumentException.class, () -> new AudioFeatureConfig(16000, 25, 0, 512, 40, 13, 0.97, false));
        assertThrows(IllegalArgumentException.class, () -> new AudioFeatureConfig(16000, 25, 10, 512, 40, 41, 0.97, false));
        assertThrows(IllegalArgumentException.class, () -> new AudioFeatureConfig(16000, 25, 10, 512, 40, 13, 1.0, false));
        assertThrows(IllegalArgumentException.class, () -> new AudioFeatureConfig(16000, Double.NaN, 10, 512, 40, 13, 0.97, false));
    }
}
