package io.seq4j.core.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.*;

class HostArraysTest {
    /** Views with an offset, transposed (non-contiguous) views and both data types read and write the right elements. */
    @Test
    void readsAndWritesViewsInCOrder() {
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            INDArray a = Nd4j.arange(24).castTo(type).reshape('c', 4, 6);
            assertArrayEquals(new double[]{12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23},
                    HostArrays.values(a.get(NDArrayIndex.interval(2, 4), NDArrayIndex.all())), 0.0);
            assertArrayEquals(new double[]{8, 14, 9, 15}, HostArrays.values(a.get(NDArrayIndex.interval(1, 3), NDArrayIndex.interval(2, 4)).transpose()), 0.0);
            INDArray rows = a.get(NDArrayIndex.interval(1, 2), NDArrayIndex.all());
            HostArrays.into(new double[]{-1, -2, -3, -4, -5, -6}, rows);
            assertEquals(5.0, a.getDouble(0, 5), 0.0);
            assertEquals(-1.0, a.getDouble(1, 0), 0.0);
            assertEquals(-6.0, a.getDouble(1, 5), 0.0);
            assertEquals(12.0, a.getDouble(2, 0), 0.0);
            INDArray m = HostArrays.of(new double[]{0.5, 1.5, 2.5, 3.5}, type, 2, 2);
            assertEquals(type, m.dataType());
            assertEquals(2.5, m.getDouble(1, 0), 0.0);
            assertThrows(IllegalArgumentException.class, () -> HostArrays.into(new double[4], a.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1))));
        }
    }
}
