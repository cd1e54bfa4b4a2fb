package io.seq4j.series.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seq4j.core.data.InputFormatException;
import io.seq4j.core.data.TargetFrames;
import io.seq4j.series.SeriesConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

class ForecastTest {
    @TempDir
    Path dir;

    @Test
    void csvColumnsByNameAndErrorsAtTheirLine() throws Exception {
        Path f = dir.resolve("w.csv");
        Files.write(f, List.of("location,date,temp", "A,2012-01-01,1.5", "", "B,2012-01-01,2", "A,2012-01-02,x"));
        CsvTable t = CsvTable.read(f);
        assertEquals(3, t.size());
        assertEquals(List.of("2012-01-01"), t.where("location", "A").filter("temp", v -> !v.equals("x")).strings("date"));
        assertArrayEquals(new double[]{2}, t.where("location", "B").numbers("temp"));
        assertEquals(f + ":5: column temp: 'x' is not a number",
                assertThrows(InputFormatException.class, () -> t.numbers("temp")).getMessage());
        assertEquals(f + ":1: no column 'wind' (columns: location, date, temp)",
                assertThrows(InputFormatException.class, () -> t.numbers("wind")).getMessage());
        Files.write(f, List.of("a,b", "1,2,3"));
        assertEquals(f + ":2: 3 fields, the header has 2 (a,b)", assertThrows(InputFormatException.class, () -> CsvTable.read(f)).getMessage());
        Files.write(f, List.of("a,b"));
        assertEquals(f + ": no rows after the header", assertThrows(InputFormatException.class, () -> CsvTable.read(f)).getMessage());
    }

    @Test
    void samplesAreTheLastWindowDaysAndTheNextDaysTarget() {
        float[][] rows = {{0}, {1}, {2}, {3}, {4}};
        double[] y = {10, 11, 12, 13, 14};
        List<TargetFrames> s = Forecaster.samples(rows, y, 3, t -> t != 3);
        assertEquals(1, s.size());      // t = 2 only: t = 3 is excluded, t = 4 has no next day
        assertArrayEquals(new float[][]{{0}, {1}, {2}}, s.get(0).frames());
        assertArrayEquals(new float[]{13}, s.get(0).target());
    }

    @Test
    void forecasterLearnsAMeanRevertingSeriesChecksHistoryAndRoundTrips() throws Exception {
        // x(t+1) = 0.5 x(t) + noise: the best forecast, 0.5 x(t), has about 0.87 x the error of persistence
        java.util.Random r = new java.util.Random(3);
        int n = 700;
        float[][] rows = new float[n][1];
        double[] x = new double[n];
        for (int t = 1; t < n; t++) {
            x[t] = 0.5 * x[t - 1] + r.nextGaussian();
            rows[t][0] = (float) x[t];
        }
        List<TargetFrames> train = Forecaster.samples(rows, x, 5, t -> t < 500), dev = Forecaster.samples(rows, x, 5, t -> t >= 500 && t < 600),
                test = Forecaster.samples(rows, x, 5, t -> t >= 600);
        SeriesConfig c = SeriesConfig.defaults().with(Map.of("units", "8", "bidirectional", "false", "pooling", "last", "epochs", "20",
                "patience", "0", "outputDropout", "0", "learningRate", "0.01"));
        Forecaster f = Forecaster.train(c, 5, List.of("x"), "x tomorrow", train, dev, null);
        double[] p = f.forecastAll(test);
        double mae = 0, persistence = 0;
        for (int i = 0; i < test.size(); i++) {
            float today = test.get(i).frames()[4][0], truth = test.get(i).target()[0];
            mae += Math.abs(p[i] - truth);
            persistence += Math.abs(today - truth);
        }
        assertTrue(mae < 0.93 * persistence, "MAE " + mae / test.size() + " vs persistence " + persistence / test.size());
        assertEquals("a forecast needs the last 5 days of 1 features (x), got 4 x 1",
                assertThrows(IllegalArgumentException.class, () -> f.forecast(new float[4][1])).getMessage());
        Path file = dir.resolve("f.zip");
        f.save(file);
        Forecaster back = Forecaster.load(file);
        assertEquals(List.of("x"), back.features());
        assertEquals("x tomorrow", back.target());
        assertEquals(f.forecast(test.get(0).frames()), back.forecast(test.get(0).frames()));
    }

    @Test
    void plotIsAPng() throws Exception {
        Path png = dir.resolve("p.png");
        LinePlot.write(png, "t", "x", List.of("a", "b"), new double[][]{{1, 2, 3}, {3, 2, 1}});
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G'}, head);
        assertEquals(1200, javax.imageio.ImageIO.read(png.toFile()).getWidth());
    }
}
