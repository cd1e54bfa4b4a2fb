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
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Implementation of {@link ReverseTime}: block copies along time, or one row gather when the batch is padded. */
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
        return ws.dup(type, reverseWithinLengths(in, maskArray));
    }

    /**
     * [batch, features, T] -> same shape, each row reversed within its mask length (the [batch, T]
     * mask's row sum; the whole length without a mask); padding stays where it was.
     */
    static INDArray reverseWithinLengths(INDArray in, INDArray mask) {
        long batch = in.size(0), steps = in.size(2);
        if (mask != null) mask = mask.castTo(DataType.FLOAT);       // a MergeVertex passes BOOL masks on
        if (mask == null || mask.minNumber().doubleValue() > 0) {
            // no padding: T contiguous [batch, features] block copies (libnd4j's reverse_sequence is slow on f-order data)
            INDArray out = Nd4j.createUninitialized(in.dataType(), in.shape(), 'f');
            for (long t = 0; t < steps; t++) {
                out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t))
                        .assign(in.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(steps - 1 - t)));
            }
            return out;
        }
        // padded: one row gather on a [batch*T, features] copy. Not libnd4j's reverse_sequence: in
        // M2.1 it leaks the views it makes (allTensorsAlongDimension), about 17 MB per training step
        // of a translation model, until the process ran out of memory in epoch 3.
        double[] lengths = mask.sum(1).toDoubleVector();
        int[] rows = new int[Math.toIntExact(batch * steps)];
        for (int b = 0; b < batch; b++) {
            int length = (int) Math.round(lengths[b]);
            for (int t = 0; t < steps; t++) {
                rows[(int) (b * steps) + t] = (int) (b * steps) + (t < length ? length - 1 - t : t);
            }
        }
        INDArray timeMajorRows = in.permute(0, 2, 1).dup('c').reshape('c', batch * steps, in.size(1));
        return Nd4j.pullRows(timeMajorRows, 1, rows).reshape('c', batch, steps, in.size(1)).permute(0, 2, 1);
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
