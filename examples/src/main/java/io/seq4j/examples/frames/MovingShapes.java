package io.seq4j.examples.frames;

import io.seq4j.core.backend.Backend;
import io.seq4j.core.data.LabeledFrames;
import io.seq4j.core.eval.ClassificationEvaluation;
import io.seq4j.core.nn.Pooling;
import io.seq4j.core.nn.RecurrentSpec.Cell;
import io.seq4j.core.text.LabelSet;
import io.seq4j.series.SeriesClassifier;
import io.seq4j.series.SeriesConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Activity recognition in video (the lectures' example), on clips this example generates: a shape
 * (square, disc or cross, 4-8 pixels) moves left, right, up or down across 16 frames of 32 x 32 at
 * 1-2 pixels per frame, over Gaussian pixel noise and a distractor blob that drifts randomly. The
 * direction is the label. Every frame goes through a small CNN and the frame features through a
 * GRU ({@link #config}), trained end to end.
 *
 * <p>Real frames: {@link io.seq4j.series.video.ImageFrames#readLabeled} reads
 * {@code ROOT/LABEL/CLIP/frame*.png} into the same {@code [T][H*W]} frames; train a
 * {@link SeriesClassifier} on them with {@code cnn = HxWx1}.
 *
 * <pre>./seq4j example frames [--train 1200] [--seed 1] [--save model.zip] [--json]</pre>
 */
public final class MovingShapes {
    public static final int FRAMES = 16;
    public static final int SIZE = 32;
    public static final LabelSet LABELS = LabelSet.of(List.of("left", "right", "up", "down"));

    /** Test accuracy (with per-class scores, confusion), dev accuracy, training time. */
    public record Result(ClassificationEvaluation test, double devAccuracy, double trainSeconds) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>(test.toMap());
            m.put("dev_accuracy", devAccuracy);
            m.put("test_clips", test.total());
            m.put("train_seconds", trainSeconds);
            return m;
        }
    }

    private MovingShapes() {
    }

    /** CNN 32x32x1 with 8 then 16 filters (two conv + max-pool blocks), a GRU of 32 units (last step), Adam 0.002, <= 20 epochs, patience 4. */
    public static SeriesConfig config(long seed) {
        return new SeriesConfig(Cell.GRU, 32, 1, false, Pooling.LAST, 0.0, 0, 0.2, "mse", SIZE + "x" + SIZE + "x1", 8, 32, 0.002, 0.0, 20, 4, seed);
    }

    /** {@code n} clips, labels in turn (balanced), frames {@code [16][32 * 32]} in [0, 1] before noise. */
    public static List<LabeledFrames> generate(int n, long seed) {
        Random r = new Random(seed);
        List<LabeledFrames> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = i % 4, size = 4 + r.nextInt(5), shape = r.nextInt(3);
            double speed = 1 + r.nextDouble(), dx = label == 0 ? -speed : label == 1 ? speed : 0, dy = label == 2 ? -speed : label == 3 ? speed : 0;
            double travel = speed * (FRAMES - 1);
            double x = dx < 0 ? travel + r.nextDouble() * (SIZE - size - travel) : dx > 0 ? r.nextDouble() * (SIZE - size - travel) : r.nextDouble() * (SIZE - size);
            double y = dy < 0 ? travel + r.nextDouble() * (SIZE - size - travel) : dy > 0 ? r.nextDouble() * (SIZE - size - travel) : r.nextDouble() * (SIZE - size);
            double bx = r.nextDouble() * (SIZE - 3), by = r.nextDouble() * (SIZE - 3);
            float[][] frames = new float[FRAMES][SIZE * SIZE];
            for (int t = 0; t < FRAMES; t++) {
                float[] f = frames[t];
                draw(f, shape, (int) Math.round(x + dx * t), (int) Math.round(y + dy * t), size);
                bx = Math.max(0, Math.min(SIZE - 3, bx + r.nextGaussian()));
                by = Math.max(0, Math.min(SIZE - 3, by + r.nextGaussian()));
                draw(f, 0, (int) bx, (int) by, 3);
                for (int k = 0; k < f.length; k++) f[k] += (float) (r.nextGaussian() * 0.2);
            }
            out.add(new LabeledFrames(frames, label));
        }
        return out;
    }

    private static void draw(float[] f, int shape, int x0, int y0, int size) {
        double c = (size - 1) / 2.0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean on = switch (shape) {
                    case 0 -> true;                                                        // square
                    case 1 -> (x - c) * (x - c) + (y - c) * (y - c) <= c * c + 0.5;        // disc
                    default -> Math.abs(x - c) < 1 || Math.abs(y - c) < 1;                 // cross
                };
                int px = x0 + x, py = y0 + y;
                if (on && px >= 0 && px < SIZE && py >= 0 && py < SIZE) f[py * SIZE + px] = 1f;
            }
        }
    }

    /** Generates {@code train} training clips, a quarter of that for dev and half for test (other seeds), trains and evaluates. */
    public static Result run(int train, long seed, Path save, PrintStream log) throws IOException {
        List<LabeledFrames> tr = generate(train, seed), dev = generate(Math.max(4, train / 4), seed + 1000), test = generate(Math.max(4, train / 2), seed + 2000);
        if (log != null) log.printf("generated %d training clips, %d dev, %d test (%d frames of %dx%d each)%n", tr.size(), dev.size(), test.size(), FRAMES, SIZE, SIZE);
        SeriesClassifier m = SeriesClassifier.train(config(seed), LABELS, tr, dev, Map.of("frames", "moving shapes " + SIZE + "x" + SIZE), null, log);
        ClassificationEvaluation e = m.evaluate(test);
        if (save != null) {
            m.withMetric("test_accuracy", e.accuracy()).save(save);
            if (log != null) log.println("saved the model to " + save);
        }
        return new Result(e, m.metrics().get("dev_accuracy"), m.metrics().get("train_seconds"));
    }

    /** {@code [TRAIN_CLIPS]} (default 1200): generates, trains, evaluates, returns the metrics. */
    public static Map<String, Object> runExample(String... args) throws IOException {
        return run(args.length > 0 ? Integer.parseInt(args[0]) : 1200, 1, null, System.err).toMap();
    }

    public static String report(Result r) {
        return String.format(Locale.ROOT, "moving shapes, %d generated test clips: accuracy %.4f (best dev %.4f), %.0f s of training%n",
                r.test().total(), r.test().accuracy(), r.devAccuracy(), r.trainSeconds()) + r.test().report();
    }

    public static void main(String[] args) throws IOException {
        Backend.init();
        System.out.print(report(run(args.length > 0 ? Integer.parseInt(args[0]) : 1200, 1, null, System.err)));
    }
}
