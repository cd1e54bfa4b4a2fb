package io.seq4j.core.nn;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/** Parameters of {@link AttentionPooling} in the flat view: W {@code [nIn, att]}, b {@code [1, att]}, v {@code [att, 1]} (Xavier, b = 0). */
final class AttentionPoolingParamInitializer implements ParamInitializer {
    static final AttentionPoolingParamInitializer INSTANCE = new AttentionPoolingParamInitializer();
    static final String W = "W", B = "b", V = "v";

    private AttentionPoolingParamInitializer() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        AttentionPooling a = (AttentionPooling) layer;
        return a.getNIn() * a.getAttention() + 2 * a.getAttention();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(W, B, V);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(W, V);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(B);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return W.equals(key) || V.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return B.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        AttentionPooling a = (AttentionPooling) conf.getLayer();
        Map<String, INDArray> m = subsets(paramsView, a.getNIn(), a.getAttention());
        if (initializeParams) {
            WeightInitXavier xavier = new WeightInitXavier();
            xavier.init(a.getNIn(), a.getAttention(), m.get(W).shape(), 'f', m.get(W));
            xavier.init(a.getAttention(), 1, m.get(V).shape(), 'f', m.get(V));
            m.get(B).assign(0);
        }
        for (String k : m.keySet()) {
            conf.addVariable(k);
        }
        return m;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        AttentionPooling a = (AttentionPooling) conf.getLayer();
        return subsets(gradientView, a.getNIn(), a.getAttention());
    }

    private static Map<String, INDArray> subsets(INDArray flat, long nIn, long att) {
        INDArray v = flat.reshape(flat.length());
        long p1 = nIn * att, p2 = p1 + att, p3 = p2 + att;
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(W, v.get(interval(0, p1)).reshape('f', nIn, att));
        m.put(B, v.get(interval(p1, p2)).reshape('f', 1, att));
        m.put(V, v.get(interval(p2, p3)).reshape('f', att, 1));
        return m;
    }
}
