package io.seq4j.ner.nn;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * Parameters of {@link CrfOutput}: W {@code [nIn, K]} (Xavier), b {@code [1, K]}, transitions
 * {@code [K, K]} (from row tag to column tag), start {@code [1, K]}, end {@code [1, K]} (zeros).
 */
final class CrfParamInitializer implements ParamInitializer {
    static final CrfParamInitializer INSTANCE = new CrfParamInitializer();
    static final String W = "W", B = "b", TRANS = "trans", START = "start", END = "end";

    private CrfParamInitializer() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        CrfOutput c = (CrfOutput) layer;
        long k = c.getNOut();
        return c.getNIn() * k + k + k * k + 2 * k;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(W, B, TRANS, START, END);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(W);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(B, TRANS, START, END);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return W.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return !W.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        CrfOutput c = (CrfOutput) conf.getLayer();
        Map<String, INDArray> m = subsets(paramsView, c.getNIn(), c.getNOut());
        if (initializeParams) {
            new WeightInitXavier().init(c.getNIn(), c.getNOut(), m.get(W).shape(), 'f', m.get(W));
            for (String k : List.of(B, TRANS, START, END)) m.get(k).assign(0);
        }
        for (String k : m.keySet()) conf.addVariable(k);
        return m;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        CrfOutput c = (CrfOutput) conf.getLayer();
        return subsets(gradientView, c.getNIn(), c.getNOut());
    }

    private static Map<String, INDArray> subsets(INDArray flat, long nIn, long k) {
        INDArray v = flat.reshape(flat.length());
        long p1 = nIn * k, p2 = p1 + k, p3 = p2 + k * k, p4 = p3 + k, p5 = p4 + k;
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(W, v.get(interval(0, p1)).reshape('f', nIn, k));
        m.put(B, v.get(interval(p1, p2)).reshape('f', 1, k));
        m.put(TRANS, v.get(interval(p2, p3)).reshape('f', k, k));
        m.put(START, v.get(interval(p3, p4)).reshape('f', 1, k));
        m.put(END, v.get(interval(p4, p5)).reshape('f', 1, k));
        return m;
    }
}
