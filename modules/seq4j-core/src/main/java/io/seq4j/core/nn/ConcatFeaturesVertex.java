package io.seq4j.core.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * Runs {@link ConcatFeatures}: forward, each input {@code [B, C_i, T]} is assigned into its feature
 * slice of a new c-order {@code [B, sum C_i, T]}; backward, each input's gradient is a c-order copy
 * of its slice of the output's.
 */
final class ConcatFeaturesVertex extends BaseGraphVertex {
    private long[] sizes;

    ConcatFeaturesVertex(ComputationGraph graph, String name, int vertexIndex, DataType dataType) {
        super(graph, name, vertexIndex, null, null, dataType);
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public Layer getLayer() {
        return null;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) throw new IllegalStateException("ConcatFeatures " + vertexName + ": inputs not set");
        long b = inputs[0].size(0), t = inputs[0].size(2), total = 0;
        sizes = new long[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            INDArray in = inputs[i];
            if (in.rank() != 3 || in.size(0) != b || in.size(2) != t) {
                throw new IllegalStateException("ConcatFeatures " + vertexName + ": input " + i + " " + java.util.Arrays.toString(in.shape())
                        + " does not share [batch " + b + ", steps " + t + "] with input 0");
            }
            sizes[i] = in.size(1);
            total += sizes[i];
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[]{b, total, t}, 'c');
        long from = 0;
        for (int i = 0; i < inputs.length; i++) {
            out.get(all(), interval(from, from + sizes[i]), all()).assign(inputs[i]);
            from += sizes[i];
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) throw new IllegalStateException("ConcatFeatures " + vertexName + ": epsilon not set");
        INDArray[] eps = new INDArray[sizes.length];
        long from = 0;
        for (int i = 0; i < sizes.length; i++) {
            eps[i] = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, epsilon.get(all(), interval(from, from + sizes[i]), all()), 'c');
            from += sizes[i];
        }
        return new Pair<>(null, eps);
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        if (backpropGradientsViewArray != null) throw new IllegalArgumentException("ConcatFeatures has no parameters");
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState, int minibatchSize) {
        if (maskArrays != null) {
            for (INDArray m : maskArrays) {
                if (m != null) return new Pair<>(m, currentMaskState);
            }
        }
        return new Pair<>(null, currentMaskState);
    }

    @Override
    public String toString() {
        return "ConcatFeaturesVertex(" + vertexName + ")";
    }
}
