package io.seq4j.examples.frames;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seq4j.core.data.LabeledFrames;
import org.junit.jupiter.api.Test;

import java.util.List;

class MovingShapesTest {
    @Test
    void clipsAreBalancedReproducibleAndTheShapeMovesTheLabelledWay() {
        List<LabeledFrames> a = MovingShapes.generate(8, 3), b = MovingShapes.generate(8, 3);
        assertEquals(List.of(0, 1, 2, 3, 0, 1, 2, 3), a.stream().map(LabeledFrames::label).toList());
        assertArrayEquals(a.get(5).frames()[7], b.get(5).frames()[7]);
        assertEquals(MovingShapes.FRAMES, a.get(0).frames().length);
        assertEquals(MovingShapes.SIZE * MovingShapes.SIZE, a.get(0).frames()[0].length);
        for (LabeledFrames clip : MovingShapes.generate(40, 5)) {
            double[] first = centroid(clip.frames()[0]), last = centroid(clip.frames()[MovingShapes.FRAMES - 1]);
            double dx = last[0] - first[0], dy = last[1] - first[1];
            int label = clip.label();
            boolean ok = switch (label) {
                case 0 -> dx < -5;
                case 1 -> dx > 5;
                case 2 -> dy < -5;
                default -> dy > 5;
            };
            assertTrue(ok, "label " + label + " moved by " + dx + ", " + dy);
        }
    }

    /** Centre of the bright pixels (> 0.7: the shape and the small distractor, above the noise). */
    private static double[] centroid(float[] f) {
        double x = 0, y = 0, n = 0;
        for (int i = 0; i < f.length; i++) {
            if (f[i] > 0.7) {
                x += i % MovingShapes.SIZE;
                y += i / MovingShapes.SIZE;
                n++;
            }
        }
        return new double[]{x / n, y / n};
    }
}
