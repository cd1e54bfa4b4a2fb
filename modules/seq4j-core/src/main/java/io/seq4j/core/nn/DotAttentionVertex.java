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
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs {@link DotAttention}. Shapes: queries Q {@code [B, d, Tq]}, keys K {@code [B, d, Tk]}, scores
 * S = Q^T K / sqrt(d) {@code [B, Tq, Tk]}, weights A = softmax(S) over Tk (masked keys get -1e9
 * before it), output C = K A^T {@code [B, d, Tq]} times the query mask. Backward, with G = dC (masked):
 * dK = G A + Q dS, dQ = K dS^T, where dA = G^T K and dS = A * (dA - rowsum(dA * A)) / sqrt(d).
 */
final class DotAttentionVertex extends BaseGraphVertex {
    private INDArray queryMask, keyMask;

    DotAttentionVertex(ComputationGraph graph, String name, int vertexIndex, DataType dataType) {
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
        if (!canDoForward()) throw new IllegalStateException("DotAttention " + vertexName + ": inputs not set");
        INDArray q = inputs[0].castTo(dataType), k = inputs[1].castTo(dataType);
        checkMasks(q, k);
        INDArray weights = weights(q, k);
        INDArray out = Nd4j.matmul(k, weights, false, true, false);                    // [B, d, Tq]
        if (queryMask != null) maskSteps(out, queryMask);
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, out);
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) throw new IllegalStateException("DotAttention " + vertexName + ": epsilon not set");
        INDArray q = inputs[0].castTo(dataType), k = inputs[1].castTo(dataType);
        INDArray g = epsilon.castTo(dataType).dup();
        if (queryMask != null) maskSteps(g, queryMask);
        double scale = 1.0 / Math.sqrt(k.size(1));
        INDArray weights = weights(q, k);       // recomputed: the forward pass's working memory is gone by now
        INDArray dA = Nd4j.matmul(g, k, true, false, false);                            // [B, Tq, Tk]
        INDArray rowDot = dA.mul(weights).sum(true, 2);                                // [B, Tq, 1]
        Nd4j.getExecutioner().exec(new BroadcastSubOp(dA, rowDot.reshape(rowDot.size(0), rowDot.size(1)), dA, 0, 1));
        INDArray dS = dA.muli(weights).muli(scale);
        INDArray dK = Nd4j.matmul(g, weights).addi(Nd4j.matmul(q, dS));               // [B, d, Tk]
        INDArray dQ = Nd4j.matmul(k, dS, false, true, false);                          // [B, d, Tq]
        return new Pair<>(null, new INDArray[]{workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, dQ),
                workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, dK)});
    }

    /** A = softmax over Tk of Q^T K / sqrt(d), masked keys excluded: {@code [B, Tq, Tk]}. */
    private INDArray weights(INDArray q, INDArray k) {
        INDArray scores = Nd4j.matmul(q, k, true, false, false).muli(1.0 / Math.sqrt(k.size(1)));
        if (keyMask != null) {
            INDArray penalty = keyMask.castTo(dataType).rsub(1.0).muli(-1e9);           // [B, Tk]
            Nd4j.getExecutioner().exec(new BroadcastAddOp(scores, penalty, scores, 0, 2));
        }
        return Nd4j.exec(new SoftMax(scores, scores, 2))[0];
    }

    /** Multiplies {@code x [B, d, T]} in place by the {@code [B, T]} mask, step by step (no [B, d, T] copy of the mask). */
    private void maskSteps(INDArray x, INDArray mask) {
        Nd4j.getExecutioner().exec(new BroadcastMulOp(x, mask.castTo(dataType), x, 0, 2));
    }

    /** Masks are kept from {@link #feedForwardMaskArrays}; those of an earlier, masked batch are dropped. */
    private void checkMasks(INDArray q, INDArray k) {
        if (graph.getInputMaskArrays() == null) {
            queryMask = null;
            keyMask = null;
        }
        if (keyMask != null && (keyMask.size(0) != k.size(0) || keyMask.size(1) != k.size(2))) {
            throw new IllegalStateException("DotAttention " + vertexName + ": key mask " + java.util.Arrays.toString(keyMask.shape())
                    + " does not fit keys " + java.util.Arrays.toString(k.shape()));
        }
        if (queryMask != null && (queryMask.size(0) != q.size(0) || queryMask.size(1) != q.size(2))) {
            throw new IllegalStateException("DotAttention " + vertexName + ": query mask " + java.util.Arrays.toString(queryMask.shape())
                    + " does not fit queries " + java.util.Arrays.toString(q.shape()));
        }
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        if (backpropGradientsViewArray != null) throw new IllegalArgumentException("DotAttention has no parameters");
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState, int minibatchSize) {
        queryMask = maskArrays == null ? null : maskArrays[0];
        keyMask = maskArrays == null ? null : maskArrays[1];
        return new Pair<>(queryMask, currentMaskState);
    }

    @Override
    public String toString() {
        return "DotAttentionVertex(" + vertexName + ")";
    }
}
