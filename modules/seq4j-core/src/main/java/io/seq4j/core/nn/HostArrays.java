package io.seq4j.core.nn;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Java arrays to and from ND4J arrays (FLOAT or DOUBLE) in bulk: one native copy each way instead of
 * ND4J's checked element-by-element {@code double[] -> FLOAT} path, and no copy of an array that is
 * already c-contiguous. Writing into a workspace array ({@link #into}) also avoids fresh native
 * memory, which ND4J frees only at a GC and which costs milliseconds to first touch on this kind of
 * machine.
 */
public final class HostArrays {
    private HostArrays() {
    }

    /** A new c-order array of {@code type} (FLOAT or DOUBLE) with {@code data}'s values. */
    public static INDArray of(double[] data, DataType type, long... shape) {
        return into(data, Nd4j.createUninitialized(type, shape, 'c'));
    }

    /** Writes {@code data} (c order) into {@code target}, a c-contiguous FLOAT or DOUBLE array of that length; returns it. */
    public static INDArray into(double[] data, INDArray target) {
        if (!contiguous(target) || target.length() != data.length) {
            throw new IllegalArgumentException("needs a c-contiguous array of " + data.length + " values, got " + target.shapeInfoToString());
        }
        Pointer p = target.data().addressPointer();
        switch (target.dataType()) {
            case DOUBLE -> new DoublePointer(p).put(data, 0, data.length);
            case FLOAT -> {
                float[] f = new float[data.length];
                for (int i = 0; i < f.length; i++) f[i] = (float) data[i];
                new FloatPointer(p).put(f, 0, f.length);
            }
            default -> throw new IllegalArgumentException("FLOAT or DOUBLE arrays only, got " + target.dataType());
        }
        return target;
    }

    /** The values of {@code a} in c order, as doubles. */
    public static double[] values(INDArray a) {
        if (a.dataType() != DataType.FLOAT && a.dataType() != DataType.DOUBLE) return values(a.castTo(DataType.FLOAT));
        INDArray c = contiguous(a) ? a : a.dup('c');
        int n = (int) c.length();
        double[] d = new double[n];
        Pointer p = c.data().addressPointer();
        if (c.dataType() == DataType.DOUBLE) {
            new DoublePointer(p).get(d, 0, n);
        } else {
            float[] f = new float[n];
            new FloatPointer(p).get(f, 0, n);
            for (int i = 0; i < n; i++) d[i] = f[i];
        }
        return d;
    }

    /** Row-major without gaps (strides of size-1 dimensions do not matter). */
    private static boolean contiguous(INDArray a) {
        long expect = 1;
        for (int d = a.rank() - 1; d >= 0; d--) {
            if (a.size(d) > 1 && a.stride(d) != expect) return false;
            expect *= a.size(d);
        }
        return true;
    }
}
