package io.seq4j.core.nn;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * Parameters of {@link Gru}, laid out in the flat view as W, RW, b, rb:
 * {@code W [nIn, 3H]} input weights, {@code RW [H, 3H]} recurrent weights (column blocks r, z, n),
 * {@code b [1, 3H]} input bias, {@code rb [1, H]} recurrent bias of the candidate n.
 */
public final class GruParamInitializer implements ParamInitializer {
    public static final GruParamInitializer INSTANCE = new GruParamInitializer();

    public static final String WEIGHT_KEY = "W";
    public static final String RECURRENT_WEIGHT_KEY = "RW";
    public static final String BIAS_KEY = "b";
    public static final String RECURRENT_BIAS_KEY = "rb";
    /** Added to the update gate's input bias at initialisation. */
    public static final double UPDATE_GATE_BIAS_INIT = 1.0;

    private GruParamInitializer() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        Gru g = (Gru) layer;
        long nIn = g.getNIn(), h = g.getNOut();
        return nIn * 3 * h + h * 3 * h + 3 * h + h;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(WEIGHT_KEY, RECURRENT_WEIGHT_KEY, BIAS_KEY, RECURRENT_BIAS_KEY);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(WEIGHT_KEY, RECURRENT_WEIGHT_KEY);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(BIAS_KEY, RECURRENT_BIAS_KEY);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT_KEY.equals(key) || RECURRENT_WEIGHT_KEY.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS_KEY.equals(key) || RECURRENT_BIAS_KEY.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Gru g = (Gru) conf.getLayer();
        long nIn = g.getNIn(), h = g.getNOut();
        Map<String, INDArray> m = subsets(paramsView, nIn, h);
        if (initializeParams) {
            g.getWeightInitFn().init(nIn, 3 * h, new long[]{nIn, 3 * h}, 'f', m.get(WEIGHT_KEY));
            IWeightInit rInit = g.getWeightInitFnRecurrent() != null ? g.getWeightInitFnRecurrent() : g.getWeightInitFn();
            rInit.init(h, h, new long[]{h, 3 * h}, 'f', m.get(RECURRENT_WEIGHT_KEY));   // fan of one [H, H] gate block
            m.get(BIAS_KEY).assign(g.getBiasInit());
            // update gate z starts biased towards keeping the state (z = 0.73), as DL4J's LSTM starts its
            // forget gate at bias 1: without it the state halves every step and long gaps do not train
            m.get(BIAS_KEY).get(interval(0, 0, true), interval(h, 2 * h)).addi(UPDATE_GATE_BIAS_INIT);
            m.get(RECURRENT_BIAS_KEY).assign(g.getBiasInit());
        }
        for (String k : m.keySet()) {
            conf.addVariable(k);
        }
        return m;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        Gru g = (Gru) conf.getLayer();
        return subsets(gradientView, g.getNIn(), g.getNOut());
    }

    private static Map<String, INDArray> subsets(INDArray flat, long nIn, long h) {
        INDArray v = flat.reshape(flat.length());
        long p0 = 0, p1 = nIn * 3 * h, p2 = p1 + h * 3 * h, p3 = p2 + 3 * h, p4 = p3 + h;
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(WEIGHT_KEY, v.get(interval(p0, p1)).reshape('f', nIn, 3 * h));
        m.put(RECURRENT_WEIGHT_KEY, v.get(interval(p1, p2)).reshape('f', h, 3 * h));
        m.put(BIAS_KEY, v.get(interval(p2, p3)).reshape('f', 1, 3 * h));
        m.put(RECURRENT_BIAS_KEY, v.get(interval(p3, p4)).reshape('f', 1, h));
        return m;
    }
}
