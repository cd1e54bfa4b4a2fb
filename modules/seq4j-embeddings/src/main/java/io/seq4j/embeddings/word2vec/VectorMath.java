package io.seq4j.embeddings.word2vec;

/**
 * The two inner loops of word2vec over rows of flat {@code float[]} matrices. {@link #best()} uses
 * the JDK's SIMD Vector API when the JVM runs with {@code --add-modules jdk.incubator.vector} (the
 * seq4j launcher and the tests pass it), and plain loops otherwise; both give the same results up
 * to float rounding order.
 */
interface VectorMath {
    /** {@code sum a[ao + i] * b[bo + i]} over {@code i < n}. */
    float dot(float[] a, int ao, float[] b, int bo, int n);

    /** {@code y[yo + i] += g * x[xo + i]} over {@code i < n}. */
    void axpy(float g, float[] x, int xo, float[] y, int yo, int n);

    /** The SIMD implementation where the Vector API module is present, else {@link Scalar}. */
    static VectorMath best() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (VectorMath) Class.forName("io.seq4j.embeddings.word2vec.SimdVectorMath").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new Scalar();
            }
        }
        return new Scalar();
    }

    /** Plain loops; dot keeps four partial sums for instruction-level parallelism. */
    final class Scalar implements VectorMath {
        @Override
        public float dot(float[] a, int ao, float[] b, int bo, int n) {
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            int i = 0;
            for (; i + 3 < n; i += 4) {
                s0 += a[ao + i] * b[bo + i];
                s1 += a[ao + i + 1] * b[bo + i + 1];
                s2 += a[ao + i + 2] * b[bo + i + 2];
                s3 += a[ao + i + 3] * b[bo + i + 3];
            }
            for (; i < n; i++) s0 += a[ao + i] * b[bo + i];
            return (s0 + s1) + (s2 + s3);
        }

        @Override
        public void axpy(float g, float[] x, int xo, float[] y, int yo, int n) {
            for (int i = 0; i < n; i++) y[yo + i] += g * x[xo + i];
        }
    }
}
