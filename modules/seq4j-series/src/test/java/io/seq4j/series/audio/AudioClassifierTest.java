package io.seq4j.series.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seq4j.core.data.InputFormatException;
import io.seq4j.series.SeriesConfig;
import io.seq4j.series.audio.AudioClassifier.Clip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

class AudioClassifierTest {
    @TempDir
    Path dir;

    /** A 0.2-0.4 s tone of 400 Hz ("low") or 1,600 Hz ("high") with noise, as 16-bit PCM at 8 kHz. */
    private Clip tone(String label, int i, Random r) throws Exception {
        int n = 1600 + r.nextInt(1600);
        double hz = label.equals("low") ? 400 : 1600;
        float[] s = new float[n];
        for (int k = 0; k < n; k++) s[k] = (float) (0.5 * Math.sin(2 * Math.PI * hz * k / 8000) + 0.05 * r.nextGaussian());
        Path f = dir.resolve(label + "_" + i + ".wav");
        WavWriter.write16(f, s, 8000);
        return new Clip(f, label);
    }

    @Test
    void learnsTonesFromWavFilesAndRoundTripsWithItsFeatureSettings() throws Exception {
        Random r = new Random(1);
        List<Clip> train = new ArrayList<>(), dev = new ArrayList<>();
        for (int i = 0; i < 24; i++) (i < 16 ? train : dev).add(tone(i % 2 == 0 ? "low" : "high", i, r));
        SeriesConfig c = SeriesConfig.defaults().with(Map.of("units", "8", "epochs", "8", "patience", "0", "batchSize", "8"));
        AudioClassifier m = AudioClassifier.train(c, AudioFeatureConfig.defaults(8000), train, dev, null, null);
        assertTrue(m.evaluate(dev).accuracy() >= 0.99, "dev accuracy " + m.evaluate(dev).accuracy());
        Path f = dir.resolve("tones.zip");
        m.save(f);
        AudioClassifier back = AudioClassifier.load(f);
        Clip probe = tone("high", 99, r);
        assertEquals("high", back.classify(probe.wav()).label());
        assertEquals(m.classify(probe.wav()), back.classify(probe.wav()));
        assertEquals(AudioFeatureConfig.defaults(8000), AudioFeatureConfig.fromMap(back.model().inputs()));
    }

    @Test
    void aRecordingOfAnotherRateOrAnUnknownLabelIsNamed() throws Exception {
        Random r = new Random(2);
        Clip low = tone("low", 0, r);
        Path other = dir.resolve("16k.wav");
        WavWriter.write16(other, new float[4000], 16000);
        SeriesConfig c = SeriesConfig.defaults().with(Map.of("units", "4", "epochs", "1"));
        InputFormatException e = assertThrows(InputFormatException.class, () -> AudioClassifier.train(c, AudioFeatureConfig.defaults(8000),
                List.of(low, tone("high", 1, r)), List.of(new Clip(other, "low")), null, null));
        assertEquals(other + ": 16000 Hz audio, the model reads 8000 Hz", e.getMessage());
        AudioClassifier m = AudioClassifier.train(c, AudioFeatureConfig.defaults(8000), List.of(low, tone("high", 1, r)), List.of(low), null, null);
        assertEquals(low.wav() + ": label 'mid' is not one of [high, low]",
                assertThrows(InputFormatException.class, () -> m.evaluate(List.of(new Clip(low.wav(), "mid")))).getMessage());
    }
}
