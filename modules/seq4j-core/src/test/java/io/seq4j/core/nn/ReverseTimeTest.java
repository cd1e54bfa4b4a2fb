package io.seq4j.core.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/** ReverseTimeLayer.reverseWithinLengths against hand-written expectations. */
class ReverseTimeTest {

    /** x[b, f, t] = 100 b + 10 f + t, so every value names its position. */
    private static INDArray positions(long batch, long features, long steps, char order) {
        INDArray x = Nd4j.create(DataType.FLOAT, new long[]{batch, features, steps}, order);
        for (int b = 0; b < batch; b++) {
            for (int f = 0; f < features; f++) {
                for (int t = 0; t < steps; t++) {
                    x.putScalar(new int[]{b, f, t}, 100 * b + 10 * f + t);
                }
            }
        }
        return x;
    }

    /** Reversed into a new 'f'-order array. */
    private static INDArray reversed(INDArray in, INDArray mask) {
        return ReverseTimeLayer.reverseWithinLengths(in, mask, Nd4j.createUninitialized(in.dataType(), in.shape(), 'f'));
    }

    @Test
    void reversesEachSequenceWithinItsLengthAndLeavesPaddingInPlace() {
        for (char order : new char[]{'c', 'f'}) {
            INDArray x = positions(3, 2, 4, order);
            INDArray mask = Nd4j.createFromArray(new float[][]{{1, 1, 0, 0}, {1, 1, 1, 1}, {1, 0, 0, 0}});
            INDArray y = reversed(x, mask);
            int[][] expectedSteps = {{1, 0, 2, 3}, {3, 2, 1, 0}, {0, 1, 2, 3}};
            for (int b = 0; b < 3; b++) {
                for (int f = 0; f < 2; f++) {
                    for (int t = 0; t < 4; t++) {
                        assertEquals(100 * b + 10 * f + expectedSteps[b][t], y.getFloat(b, f, t), 0f,
                                "order " + order + " at [" + b + "," + f + "," + t + "]");
                    }
                }
            }
            // reversing twice gives the input back (the layer's backward pass relies on it)
            assertEquals(x, reversed(y, mask).dup(order));
        }
    }

    @Test
    void reversesWholeSequencesWithoutMaskOrPadding() {
        INDArray x = positions(2, 3, 5, 'c');
        for (INDArray mask : new INDArray[]{null, Nd4j.ones(DataType.FLOAT, 2, 5)}) {
            INDArray y = reversed(x, mask);
            for (int t = 0; t < 5; t++) {
                assertEquals(x.getFloat(1, 2, 4 - t), y.getFloat(1, 2, t), 0f);
            }
        }
    }

    @Test
    void readsAndWritesViewsOfLargerArraysInFloatAndDouble() {
        for (DataType type : new DataType[]{DataType.FLOAT, DataType.DOUBLE}) {
            INDArray x = positions(3, 5, 4, 'f').castTo(type);
            INDArray in = x.get(all(), interval(2, 4), all());                 // features 2 and 3: an offset view
            INDArray dest = Nd4j.create(type, new long[]{3, 6, 4}, 'f');
            INDArray out = dest.get(all(), interval(3, 5), all());
            INDArray mask = Nd4j.createFromArray(new float[][]{{1, 1, 1, 0}, {1, 1, 1, 1}, {1, 1, 0, 0}});
            ReverseTimeLayer.reverseWithinLengths(in, mask, out);
            int[][] expectedSteps = {{2, 1, 0, 3}, {3, 2, 1, 0}, {1, 0, 2, 3}};
            for (int b = 0; b < 3; b++) {
                for (int f = 0; f < 2; f++) {
                    for (int t = 0; t < 4; t++) {
                        assertEquals(100 * b + 10 * (f + 2) + expectedSteps[b][t], dest.getDouble(b, f + 3, t), 0,
                                type + " at [" + b + "," + f + "," + t + "]");
                    }
                }
            }
            assertEquals(0, dest.get(all(), interval(0, 3), all()).amaxNumber().doubleValue(), 0, "features outside the view untouched");
            assertEquals(0, dest.get(all(), point(5), all()).amaxNumber().doubleValue(), 0, "features outside the view untouched");
        }
    }
}
