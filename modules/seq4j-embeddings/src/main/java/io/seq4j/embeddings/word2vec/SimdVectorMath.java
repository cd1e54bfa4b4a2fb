package io.seq4j.embeddings.word2vec;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link VectorMath} on the JDK Vector API, 256-bit lanes (8 floats), fused multiply-add. */
final class SimdVectorMath implements VectorMath {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int up = S.loopBound(n); i < up; i += S.length()) {
            acc = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) s += a[ao + i] * b[bo + i];
        return s;
    }

    @Override
    public void axpy(float g, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector gv = FloatVector.broadcast(S, g);
        int i = 0;
        for (int up = S.loopBound(n); i < up; i += S.length()) {
            FloatVector.fromArray(S, x, xo + i).fma(gv, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) y[yo + i] += g * x[xo + i];
    }
}
