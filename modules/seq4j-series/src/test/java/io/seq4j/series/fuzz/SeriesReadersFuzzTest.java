package io.seq4j.series.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.seq4j.core.data.InputFormatException;
import io.seq4j.series.audio.AudioFeatureConfig;
import io.seq4j.series.audio.AudioFeatures;
import io.seq4j.series.audio.Wav;
import io.seq4j.series.audio.WavReader;
import io.seq4j.series.forecast.CsvTable;

import java.nio.file.Files;
import java.nio.file.Path;

/** Fuzz targets for WAV files and CSV series: loaded (and featurised), or a documented InputFormatException. */
class SeriesReadersFuzzTest {
    @FuzzTest
    void wav(byte[] data) throws Exception {
        Path f = Files.createTempFile("fuzz", ".wav");
        try {
            Files.write(f, data);
            Wav w = WavReader.read(f);
            if (w.samples().length > 0 && w.sampleRate() >= 1000 && w.sampleRate() <= 48000 && w.samples().length < 200_000) {
                float[][] frames = new AudioFeatures(AudioFeatureConfig.defaults(w.sampleRate())).compute(w.samples());
                for (float[] fr : frames) for (float v : fr) if (!Float.isFinite(v)) throw new AssertionError("non-finite feature");
            }
        } catch (InputFormatException expected) {
            // documented: not 16-bit PCM, truncated, not a WAV
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @FuzzTest
    void csv(byte[] data) throws Exception {
        Path f = Files.createTempFile("fuzz", ".csv");
        try {
            Files.write(f, data);
            CsvTable t = CsvTable.read(f);
            t.strings(t.size() > 0 ? "date" : "x");
            t.numbers("close");
        } catch (InputFormatException expected) {
            // documented: no header, wrong field counts, a missing column, a non-number
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
