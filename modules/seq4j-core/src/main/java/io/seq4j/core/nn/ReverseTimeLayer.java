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
import org.nd4j.linalg.api.ops.impl.transforms.custom.ReverseSequence;
import org.nd4j.linalg.factory.Nd4j;

/** Implementation of {@link ReverseTime}: one libnd4j {@code reverse_sequence} op per call. */
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

    /** [batch, features, time] -> same shape, each row reversed within its mask length. */
    private INDArray reverse(INDArray in, LayerWorkspaceMgr ws, ArrayType type) {
        long batch = in.size(0), steps = in.size(2);
        INDArray lengths = maskArray == null
                ? Nd4j.valueArrayOf(new long[]{batch}, steps, DataType.INT64)
                : maskArray.castTo(DataType.FLOAT).sum(1).castTo(DataType.INT64);
        INDArray reversed = Nd4j.exec(new ReverseSequence(in, lengths, 2, 0))[0];
        return ws.dup(type, reversed);
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
