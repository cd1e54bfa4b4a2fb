package io.seq4j.series.audio;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DeltasTest {

    @Test
    void deltasOfALinearRampAreItsSlope() {
        float[][] ramp = new float[10][2];
        for (int t = 0; t < 10; t++) {
            ramp[t][0] = 0.5f * t + 3;
            ramp[t][1] = -2f * t;
        }
        float[][] d = Deltas.compute(ramp, 2);
        assertEquals(10, d.length);
        for (int t = 2; t < 8; t++) assertArrayEquals(new float[]{0.5f, -2f}, d[t], 1e-6f, "frame " + t);
        // edges repeat the end frames: at t = 0, (1 (c1 - c0) + 2 (c2 - c0)) / 10 = 5 slope / 10
        assertEquals(0.25f, d[0][0], 1e-6f);
        assertEquals(0.5f * 0.8f, d[1][0], 1e-6f);        // (1 (c2 - c0) + 2 (c3 - c0)) / 10 = 8 slope / 10
    }

    @Test
    void constantFeaturesHaveZeroDeltasAndSingleFramesWork() {
        assertArrayEquals(new float[]{0f, 0f}, Deltas.compute(new float[][]{{4f, 1f}}, 2)[0]);
    }

    @Test
    void refusesBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Deltas.compute(new float[][]{{1f}}, 0));
        assertThrows(IllegalArgumentException.class, () -> Deltas.compute(new float[0][], 2));
    }
}
