package io.seq4j.core.backend;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** oneDNN's GEMM on ND4J arrays against a plain double-precision triple loop, for every layout it takes. */
class OnednnGemmTest {
    private static final Random RANDOM = new Random(7);

    @BeforeAll
    static void routed() {
        assertEquals("onednn", Backend.init().gemm());
        assertInstanceOf(RoutingExecutioner.class, Nd4j.getExecutioner());
    }

    /** A [rows, cols] FLOAT matrix in the given layout: c, f, or a view inside a bigger c or f array. */
    private static INDArray matrix(long rows, long cols, String layout) {
        INDArray m = switch (layout) {
            case "c", "f" -> Nd4j.createUninitialized(DataType.FLOAT, new long[]{rows, cols}, layout.charAt(0));
            case "cview", "fview" -> Nd4j.createUninitialized(DataType.FLOAT, new long[]{rows + 3, cols + 2}, layout.charAt(0))
                    .get(NDArrayIndex.interval(2, 2 + rows), NDArrayIndex.interval(1, 1 + cols));
            default -> throw new IllegalArgumentException(layout);
        };
        for (long i = 0; i < rows; i++) {
            for (long j = 0; j < cols; j++) {
                m.putScalar(i, j, RANDOM.nextGaussian());
            }
        }
        return m;
    }

    private static double[][] values(INDArray m) {
        double[][] v = new double[(int) m.rows()][(int) m.columns()];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v[i].length; j++) {
                v[i][j] = m.getDouble(i, j);
            }
        }
        return v;
    }

    private static double[][] reference(double[][] a, boolean ta, double[][] b, boolean tb, double[][] c, double alpha, double beta) {
        int m = c.length, n = c[0].length, k = ta ? a.length : a[0].length;
        double[][] out = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (ta ? a[p][i] : a[i][p]) * (tb ? b[j][p] : b[p][j]);
                }
                out[i][j] = alpha * s + beta * c[i][j];
            }
        }
        return out;
    }

    private static void assertClose(double[][] expected, INDArray actual) {
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual.getDouble(i, j), 1e-4 * (1 + Math.abs(expected[i][j])), "(" + i + "," + j + ")");
            }
        }
    }

    @Test
    void everyLayoutAndTransposeMatchesTheTripleLoop() {
        String[] layouts = {"c", "f", "cview", "fview"};
        int m = 7, n = 5, k = 9;
        for (String la : layouts) {
            for (String lb : layouts) {
                for (String lc : layouts) {
                    for (boolean ta : new boolean[]{false, true}) {
                        for (boolean tb : new boolean[]{false, true}) {
                            INDArray a = ta ? matrix(k, m, la) : matrix(m, k, la);
                            INDArray b = tb ? matrix(n, k, lb) : matrix(k, n, lb);
                            INDArray c = matrix(m, n, lc);
                            double[][] expected = reference(values(a), ta, values(b), tb, values(c), 0.7, 0.3);
                            assertTrue(OnednnGemm.gemm(a, ta, b, tb, c, 0.7, 0.3), la + lb + lc);
                            try {
                                assertClose(expected, c);
                            } catch (AssertionError err) {
                                throw new AssertionError(la + " " + lb + " " + lc + " " + ta + " " + tb + ": " + err.getMessage());
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void vectorsShapedAsMatricesAndBatches() {
        INDArray row = matrix(1, 6, "c"), col = matrix(6, 1, "f"), out = Nd4j.zeros(DataType.FLOAT, 1, 1);
        assertTrue(OnednnGemm.gemm(row, false, col, false, out, 1, 0));
        assertClose(reference(values(row), false, values(col), false, new double[1][1], 1, 0), out);

        INDArray a = Nd4j.randn(DataType.FLOAT, 3, 4, 6), b = Nd4j.randn(DataType.FLOAT, 3, 5, 6).permute(0, 2, 1);
        INDArray c = Nd4j.zeros(DataType.FLOAT, 3, 4, 5);
        assertTrue(OnednnGemm.gemm(a, false, b, false, c, 1, 0));
        for (int i = 0; i < 3; i++) {
            assertClose(reference(values(a.slice(i)), false, values(b.slice(i)), false, new double[4][5], 1, 0), c.slice(i));
        }
    }

    @Test
    void betaZeroIgnoresWhatTheOutputHeld() {
        INDArray a = matrix(4, 3, "c"), b = matrix(3, 2, "c"), c = Nd4j.valueArrayOf(new long[]{4, 2}, Double.NaN, DataType.FLOAT);
        assertTrue(OnednnGemm.gemm(a, false, b, false, c, 1, 0));
        assertClose(reference(values(a), false, values(b), false, new double[4][2], 1, 0), c);
    }

    /** DL4J's Adam on [1, n] views of 'f'-ordered flattened arrays (as its updater blocks call it) runs on flat views, same numbers. */
    @Test
    void adamOnFlatViewsGivesTheSameUpdate() {
        long n = 1000;
        INDArray gAll = Nd4j.rand(DataType.FLOAT, 1, n + 10).dup('f'), state = Nd4j.create(DataType.FLOAT, new long[]{1, 2 * n + 10}, 'f');
        INDArray g = gAll.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(5, 5 + n));
        INDArray gCopy = g.dup('c');
        org.nd4j.linalg.learning.AdamUpdater viaViews = new org.nd4j.linalg.learning.AdamUpdater(new org.nd4j.linalg.learning.config.Adam(0.01));
        viaViews.setStateViewArray(state.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(5, 5 + 2 * n)), new long[]{1, n}, 'f', true);
        org.nd4j.linalg.learning.AdamUpdater reference = new org.nd4j.linalg.learning.AdamUpdater(new org.nd4j.linalg.learning.config.Adam(0.01));
        reference.setStateViewArray(Nd4j.zeros(DataType.FLOAT, 1, 2 * n), new long[]{1, n}, 'c', true);
        long before = RoutingExecutioner.flattenedUpdates();
        for (int it = 0; it < 3; it++) {
            INDArray step = Nd4j.rand(DataType.FLOAT, 1, n);
            g.assign(step);
            gCopy.assign(step);
            viaViews.applyUpdater(g, it, 0);
            reference.applyUpdater(gCopy, it, 0);
            assertEquals(gCopy, g.dup('c'), "update " + it);
        }
        assertEquals(before + 6, RoutingExecutioner.flattenedUpdates(), "both updaters ran on flat views (rank-2 vectors of either order)");
        assertEquals(reference.getM().dup('c'), viaViews.getM().dup('c'));
    }

    @Test
    void unsupportedOperandsAreLeftToNd4j() {
        INDArray d = Nd4j.randn(DataType.DOUBLE, 3, 3), f = Nd4j.randn(DataType.FLOAT, 3, 3);
        assertFalse(OnednnGemm.gemm(d, false, d, false, d.dup(), 1, 0));
        INDArray strided = Nd4j.randn(DataType.FLOAT, 6, 6).get(NDArrayIndex.interval(0, 2, 6), NDArrayIndex.interval(0, 2, 6));
        INDArray before = f.dup();
        assertFalse(OnednnGemm.gemm(strided, false, f, false, f, 1, 0));
        assertEquals(before, f);
        assertFalse(OnednnGemm.gemm(Nd4j.randn(DataType.FLOAT, 2, 3, 3), false, f, false, Nd4j.zeros(DataType.FLOAT, 2, 3, 3), 1, 0));
    }

    @Test
    void nd4jProductsGoThroughIt() {
        INDArray a = matrix(40, 30, "c"), b = matrix(30, 20, "f");
        long before = RoutingExecutioner.routedProducts();
        double[][] expected = reference(values(a), false, values(b), false, new double[40][20], 1, 0);
        assertClose(expected, a.mmul(b));
        assertEquals(before + 1, RoutingExecutioner.routedProducts(), "mmul went to oneDNN");
        INDArray d = matrix(40, 20, "c"), e = Nd4j.ones(DataType.FLOAT, 30, 20);
        Nd4j.gemm(a, d, e, true, false, 0.5, 2.0);       // DL4J's weight-gradient form
        assertClose(reference(values(a), true, values(d), false, values(Nd4j.ones(DataType.FLOAT, 30, 20)), 0.5, 2.0), e);
        INDArray x = Nd4j.randn(DataType.FLOAT, 2, 3, 4), y = Nd4j.randn(DataType.FLOAT, 2, 4, 5);
        long routed = RoutingExecutioner.routedProducts();
        INDArray z = Nd4j.matmul(x, y);                   // no output given: the executioner allocates it
        assertEquals(routed + 1, RoutingExecutioner.routedProducts(), "Nd4j.matmul went to oneDNN");
        for (int i = 0; i < 2; i++) {
            assertClose(reference(values(x.slice(i)), false, values(y.slice(i)), false, new double[3][5], 1, 0), z.slice(i));
        }
        INDArray zt = Nd4j.matmul(y, x, true, true, false);  // [2,5,3] = y^T x^T
        for (int i = 0; i < 2; i++) {
            assertClose(reference(values(y.slice(i)), true, values(x.slice(i)), true, new double[5][3], 1, 0), zt.slice(i));
        }
    }
}
