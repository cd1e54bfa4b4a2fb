package io.seq4j.core.nn;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.weights.WeightInitUtil;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Additive attention pooling over time (Yang et al. 2016, "Hierarchical Attention Networks"): one
 * learned query scores every step, and the output is the score-weighted mean of the steps.
 *
 * <pre>
 *   u_t = tanh(W^T h_t + b)          W [nIn, attention], b [1, attention]
 *   s_t = v^T u_t                     v [attention, 1]
 *   a   = softmax over valid t of s   padded steps (mask 0) get weight exactly 0
 *   out = sum_t a_t h_t
 * </pre>
 *
 * Input {@code [batch, nIn, T]} (NCW) with an optional mask {@code [batch, T]}; output
 * {@code [batch, nIn]}; the mask ends here. Gradient-checked in AttentionPoolingTest.
 */
public final class AttentionPooling extends SameDiffLayer {
    private static final String W = "W", B = "b", V = "v";
    private long nIn;
    private long attention;

    /** For JSON deserialization. */
    private AttentionPooling() {
    }

    /**
     * @param nIn       features per step (0: taken from the input type)
     * @param attention size of the scoring layer
     */
    public AttentionPooling(long nIn, long attention) {
        if (nIn < 0 || attention <= 0) {
            throw new IllegalArgumentException("attention pooling needs nIn >= 0 and attention > 0, got " + nIn + ", " + attention);
        }
        this.nIn = nIn;
        this.attention = attention;
    }

    public long getNIn() {
        return nIn;
    }

    public long getAttention() {
        return attention;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> p, SDVariable mask) {
        SDVariable x = sd.permute(input, 0, 2, 1);                                      // [batch, T, nIn]
        SDVariable u = sd.math().tanh(sd.tensorMmul(x, p.get(W), new int[]{2}, new int[]{0}).add(p.get(B)));  // [batch, T, att]
        SDVariable s = sd.squeeze(sd.tensorMmul(u, p.get(V), new int[]{2}, new int[]{0}), 2);          // [batch, T]
        // padded steps: -1e9 before the softmax, so their weight underflows to exactly 0
        SDVariable masked = s.add(mask.sub(1.0).mul(1e9));
        SDVariable a = sd.nn().softmax(masked, 1);                                        // [batch, T]
        return sd.sum(x.mul(sd.expandDims(a, 2)), 1);                                      // [batch, nIn]
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam(W, nIn, attention);
        params.addBiasParam(B, 1, attention);
        params.addWeightParam(V, attention, 1);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        WeightInitXavier xavier = new WeightInitXavier();
        xavier.init(nIn, attention, params.get(W).shape(), WeightInitUtil.DEFAULT_WEIGHT_INIT_ORDER, params.get(W));
        xavier.init(attention, 1, params.get(V).shape(), WeightInitUtil.DEFAULT_WEIGHT_INIT_ORDER, params.get(V));
        params.get(B).assign(0);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent r)) {
            throw new IllegalArgumentException("attention pooling (layer " + layerIndex + ") needs a recurrent input, got " + inputType);
        }
        return InputType.feedForward(r.getSize());
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (inputType instanceof InputType.InputTypeRecurrent r && (override || nIn <= 0)) {
            nIn = r.getSize();
        }
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        return new Pair<>(null, currentMaskState);
    }
}
