package io.seq4j.core.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Implementation of {@link ReverseTime}: a strided copy, then swaps along time within each sequence's length. */
final class ReverseTimeLayer extends AbstractLayer<ReverseTime> {

    ReverseTimeLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        return reverse(input, workspaceMgr, ArrayType.ACTIVATIONS);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        // reversing within lengths is its own inverse, so the gradient is reversed the same way
        return new Pair<>(new DefaultGradient(), reverse(epsilon, workspaceMgr, ArrayType.ACTIVATION_GRAD));
    }

    private INDArray reverse(INDArray in, LayerWorkspaceMgr ws, ArrayType type) {
        return reverseWithinLengths(in, maskArray, ws.createUninitialized(type, in.dataType(), in.shape(), 'f'));
    }

    /**
     * [batch, features, T] {@code in} -> {@code out} (same shape, any strides, a view too), each
     * row reversed within its mask length (the [batch, T] mask's row sum; the whole length without
     * a mask); padding stays where it was. One strided copy, then the swaps in place: no temporary
     * arrays. (Not libnd4j's reverse_sequence: in M2.1 it leaks the views it makes, about 17 MB per
     * training step of a translation model, and it is slow on f-order data.)
     */
    static INDArray reverseWithinLengths(INDArray in, INDArray mask, INDArray out) {
        DnnlLayouts.copy(in, out);
        int batch = Math.toIntExact(out.size(0)), features = Math.toIntExact(out.size(1)), steps = Math.toIntExact(out.size(2));
        int[] lengths = new int[batch];
        java.util.Arrays.fill(lengths, steps);
        if (mask != null) {
            double[] sums = mask.castTo(DataType.FLOAT).sum(1).toDoubleVector();    // a MergeVertex passes BOOL masks on
            for (int b = 0; b < batch; b++) {
                lengths[b] = (int) Math.round(sums[b]);
            }
        }
        long s0 = out.stride(0), s1 = out.stride(1), s2 = out.stride(2);
        Swap swap = swapper(out);
        for (int t = 0; t < steps / 2; t++) {
            for (int f = 0; f < features; f++) {
                for (int b = 0; b < batch; b++) {
                    int length = lengths[b];
                    if (t < length / 2) {
                        long at = b * s0 + f * s1;
                        swap.swap(at + t * s2, at + (length - 1 - t) * s2);
                    }
                }
            }
        }
        return out;
    }

    /** Swaps two elements of an array, by their element offsets from its first element. */
    private interface Swap {
        void swap(long i, long j);
    }

    /** For FP32 and FP64 arrays (any strides), through a native buffer that starts at the array's first element. */
    private static Swap swapper(INDArray a) {
        long span = 1;
        for (int d = 0; d < a.rank(); d++) {
            span += (a.size(d) - 1) * a.stride(d);
        }
        org.bytedeco.javacpp.Pointer start = a.data().addressPointer();     // for a view, ND4J's data() starts at its offset
        if (a.dataType() == DataType.FLOAT) {
            java.nio.FloatBuffer fb = new org.bytedeco.javacpp.FloatPointer(start).position(0).limit(span).capacity(span).asBuffer();
            return (i, j) -> {
                float v = fb.get((int) i);
                fb.put((int) i, fb.get((int) j));
                fb.put((int) j, v);
            };
        }
        if (a.dataType() == DataType.DOUBLE) {
            java.nio.DoubleBuffer db = new org.bytedeco.javacpp.DoublePointer(start).position(0).limit(span).capacity(span).asBuffer();
            return (i, j) -> {
                double v = db.get((int) i);
                db.put((int) i, db.get((int) j));
                db.put((int) j, v);
            };
        }
        throw new IllegalArgumentException("time reversal supports FLOAT and DOUBLE arrays, got " + a.dataType());
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
        // no parameters
    }

    @Override
    public INDArray params() {
        return null;
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        return 0;
    }
}
