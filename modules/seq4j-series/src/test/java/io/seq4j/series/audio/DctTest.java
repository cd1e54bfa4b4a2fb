package io.seq4j.series.audio;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DctTest {

    @Test
    void constantVectorHasOnlyTheZerothCoefficient() {
        int n = 40;
        double c = -2.5;
        double[] x = new double[n];
        java.util.Arrays.fill(x, c);
        double[] y = new Dct(n, n).apply(x);
        assertEquals(Math.sqrt(n) * c, y[0], 1e-12);
        for (int k = 1; k < n; k++) assertEquals(0, y[k], 1e-12, "coefficient " + k);
    }

    @Test
    void handComputedTwoPointCase() {
        // y0 = (x0 + x1) / sqrt(2); y1 = (x0 cos(pi/4) + x1 cos(3 pi/4)) = (x0 - x1) / sqrt(2)
        double s = Math.sqrt(0.5);
        assertArrayEquals(new double[]{(3 + 1) * s, (3 - 1) * s},
                new Dct(2, 2).apply(new double[]{3, 1}), 1e-12);
    }

    @Test
    void isOrthonormalSoPreservesNormsAndKeepsLeadingCoefficients() {
        Random random = new Random(3);
        int n = 26;
        double[] x = new double[n];
        double norm = 0;
        for (int i = 0; i < n; i++) {
            x[i] = random.nextGaussian();
            norm += x[i] * x[i];
        }
        double[] y = new Dct(n, n).apply(x);
        double normY = 0;
        for (double v : y) normY += v * v;
        assertEquals(norm, normY, 1e-9);
        assertArrayEquals(java.util.Arrays.copyOf(y, 13), new Dct(n, 13).apply(x), 1e-15);
    }

    @Test
    void refusesBadSizes() {
        assertThrows(IllegalArgumentException.class, () -> new Dct(4, 5));
        assertThrows(IllegalArgumentException.class, () -> new Dct(4, 0));
        assertThrows(IllegalArgumentException.class, () -> new Dct(4, 2).apply(new double[3]));
    }
}
