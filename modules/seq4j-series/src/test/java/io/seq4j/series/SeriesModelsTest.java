package io.seq4j.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seq4j.core.bundle.BundleFormatException;
import io.seq4j.core.data.LabeledFrames;
import io.seq4j.core.data.TargetFrames;
import io.seq4j.core.text.LabelSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

class SeriesModelsTest {
    @TempDir
    Path dir;

    /** Rising or falling noisy ramps of 5-12 steps (masks: lengths differ within a batch); offsets make the level useless. */
    static List<LabeledFrames> ramps(int n, long seed) {
        Random r = new Random(seed);
        List<LabeledFrames> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = i % 2, len = 5 + r.nextInt(8);
            float offset = 10 + (float) r.nextGaussian() * 3;
            float[][] f = new float[len][2];
            for (int t = 0; t < len; t++) {
                f[t][0] = offset + (label == 0 ? t : -t) * 0.5f + (float) r.nextGaussian() * 0.3f;
                f[t][1] = (float) r.nextGaussian();
            }
            out.add(new LabeledFrames(f, label));
        }
        return out;
    }

    @Test
    void classifierLearnsTheDirectionOfARampAndRoundTrips() throws Exception {
        SeriesConfig c = SeriesConfig.defaults().with(Map.of("units", "8", "epochs", "25", "patience", "0", "batchSize", "16", "learningRate", "0.01"));
        LabelSet labels = LabelSet.of(List.of("up", "down"));
        SeriesClassifier m = SeriesClassifier.train(c, labels, ramps(200, 1), ramps(60, 2), Map.of("source", "ramps"), null, null);
        List<LabeledFrames> test = ramps(100, 3);
        double acc = m.evaluate(test).accuracy();
        assertTrue(acc >= 0.95, "test accuracy " + acc);
        Path f = dir.resolve("c.zip");
        m.withMetric("test_accuracy", acc).save(f);
        SeriesClassifier back = SeriesClassifier.load(f);
        assertEquals(acc, back.evaluate(test).accuracy());
        assertEquals(acc, back.metrics().get("test_accuracy"));
        assertEquals("ramps", back.inputs().get("source"));
        assertEquals(c, back.config());
        SeriesClassifier.Prediction p = m.classify(test.get(0).frames()), q = back.classify(test.get(0).frames());
        assertEquals(p, q);
        assertEquals(1.0, p.probabilities().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-5);
        assertThrows(BundleFormatException.class, () -> SeriesRegressor.load(f));
    }

    @Test
    void regressorPredictsInTheTargetsUnitsAndRoundTrips() throws Exception {
        // target: 100 + 10 x the mean of the last two steps' feature 0 (scale and offset test the target scaler)
        Random r = new Random(5);
        List<TargetFrames> all = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            float[][] f = new float[6][1];
            for (int t = 0; t < 6; t++) f[t][0] = (float) r.nextGaussian();
            all.add(new TargetFrames(f, new float[]{100 + 5 * (f[4][0] + f[5][0])}));
        }
        List<TargetFrames> train = all.subList(0, 300), dev = all.subList(300, 350), test = all.subList(350, 400);
        SeriesConfig c = SeriesConfig.defaults().with(Map.of("units", "16", "epochs", "30", "patience", "0", "pooling", "last",
                "outputDropout", "0", "learningRate", "0.01"));
        SeriesRegressor m = SeriesRegressor.train(c, train, dev, Map.of(), null, null);
        double mae = SeriesRegressor.meanAbsoluteError(m.predictAll(test), test);
        // predicting the training mean gives about 5.6 (= 10 x 0.707 x 0.8); the model must do much better
        assertTrue(mae < 1.5, "test MAE " + mae);
        Path f = dir.resolve("r.zip");
        m.save(f);
        SeriesRegressor back = SeriesRegressor.load(f);
        assertArrayEquals(m.predict(test.get(0).frames()), back.predict(test.get(0).frames()));
    }

    @Test
    void cnnFrontEndTrainsOnImageFramesAndRoundTrips() throws Exception {
        // 8x8 frames with a bright pixel moving right (0) or down (1)
        Random r = new Random(9);
        List<LabeledFrames> all = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            int label = i % 2, x = r.nextInt(4), y = r.nextInt(4);
            float[][] f = new float[4][64];
            for (int t = 0; t < 4; t++) {
                int px = label == 0 ? x + t : x, py = label == 1 ? y + t : y;
                f[t][py * 8 + px] = 1;
                for (int k = 0; k < 64; k++) f[t][k] += (float) r.nextGaussian() * 0.1f;
            }
            all.add(new LabeledFrames(f, label));
        }
        SeriesConfig c = SeriesConfig.defaults().with(Map.of("cnn", "8x8x1", "cnnFilters", "4", "units", "8", "epochs", "15",
                "patience", "0", "batchSize", "16"));
        SeriesClassifier m = SeriesClassifier.train(c, LabelSet.of(List.of("right", "down")), all.subList(0, 80), all.subList(80, 100),
                Map.of(), null, null);
        double acc = m.evaluate(all.subList(100, 120)).accuracy();
        assertTrue(acc >= 0.9, "test accuracy " + acc);
        Path f = dir.resolve("cnn.zip");
        m.save(f);
        assertEquals(acc, SeriesClassifier.load(f).evaluate(all.subList(100, 120)).accuracy());
    }

    @Test
    void settingsRefuseBadValuesByName() {
        assertEquals("cnn: '8x8' is not HxWxC (height and width >= 4, channels >= 1), e.g. 32x32x1",
                assertThrows(IllegalArgumentException.class, () -> SeriesConfig.defaults().with("cnn", "8x8")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SeriesConfig.defaults().with("unit", "3")).getMessage()
                .startsWith("unknown setting 'unit'"));
        assertEquals("loss: 'huber' is not mse or l1",
                assertThrows(IllegalArgumentException.class, () -> SeriesConfig.defaults().with("loss", "huber")).getMessage());
        assertEquals(SeriesConfig.defaults(), SeriesConfig.fromMap(SeriesConfig.defaults().toMap()));
    }

    @Test
    void scalerIsFittedOnTrainingRowsAndReadBack() {
        FeatureScaler s = FeatureScaler.fitRows(List.of(new float[]{1, 5}, new float[]{3, 5}));
        assertArrayEquals(new double[]{2, 5}, s.mean());
        assertArrayEquals(new double[]{1, 1}, s.std());       // the constant feature keeps std 1
        assertArrayEquals(new float[]{1, 0}, s.apply(new float[]{3, 5}));
        assertEquals(3.0, s.unscale(0, 1.0));
        FeatureScaler back = FeatureScaler.fromText(s.toText(), "x");
        assertArrayEquals(s.mean(), back.mean());
        assertEquals("m.zip!scaler.txt:2: expected 'mean std' with std > 0, got '1 0'",
                assertThrows(IllegalArgumentException.class, () -> FeatureScaler.fromText("1 2\n1 0\n", "m.zip!scaler.txt")).getMessage());
    }
}
