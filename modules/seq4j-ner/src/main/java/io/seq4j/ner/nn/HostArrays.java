package io.seq4j.ner.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Java arrays to ND4J arrays of a network's data type. ND4J copies a {@code double[]} into a FLOAT
 * buffer one checked element at a time (the slowest part of these layers when it was used), so
 * values are narrowed in Java and copied in bulk.
 */
final class HostArrays {
    private HostArrays() {
    }

    /** A c-order array of {@code type} with {@code data}'s values. */
    static INDArray of(double[] data, DataType type, long... shape) {
        if (type == DataType.DOUBLE) return Nd4j.create(data, shape, DataType.DOUBLE);
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) data[i];
        return Nd4j.create(f, shape, 'c').castTo(type);
    }

    /** The values of {@code a} in c order, as doubles. */
    static double[] values(INDArray a) {
        if (a.dataType() == DataType.DOUBLE) return a.dup('c').data().asDouble();
        float[] f = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }
}
