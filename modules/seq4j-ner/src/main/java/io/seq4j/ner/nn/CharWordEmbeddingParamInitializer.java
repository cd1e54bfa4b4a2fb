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
 * Parameters of {@link CharWordEmbedding}: words {@code [vocab, wordDim]} and chars
 * {@code [charVocab, charDim]} (uniform in +-sqrt(3/dim), the variance-1/dim init of Lample et al.),
 * the convolution {@code [3 * charDim, filters]} (Xavier) and its bias {@code [1, filters]} (0).
 */
final class CharWordEmbeddingParamInitializer implements ParamInitializer {
    static final CharWordEmbeddingParamInitializer INSTANCE = new CharWordEmbeddingParamInitializer();
    static final String WORDS = "words", CHARS = "chars", CONV = "conv", CONV_B = "convB";

    private CharWordEmbeddingParamInitializer() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        CharWordEmbedding c = (CharWordEmbedding) layer;
        return (long) c.getVocabSize() * c.getWordDim() + (long) c.getCharVocab() * c.getCharDim() + 3L * c.getCharDim() * c.getFilters()
                + c.getFilters();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(WORDS, CHARS, CONV, CONV_B);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(CONV);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(CONV_B);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return CONV.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return CONV_B.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        CharWordEmbedding c = (CharWordEmbedding) conf.getLayer();
        Map<String, INDArray> m = subsets(paramsView, c);
        if (initializeParams) {
            uniform(m.get(WORDS), Math.sqrt(3.0 / c.getWordDim()));
            uniform(m.get(CHARS), Math.sqrt(3.0 / c.getCharDim()));
            new WeightInitXavier().init(3L * c.getCharDim(), c.getFilters(), m.get(CONV).shape(), 'f', m.get(CONV));
            m.get(CONV_B).assign(0);
        }
        for (String k : m.keySet()) conf.addVariable(k);
        return m;
    }

    private static void uniform(INDArray a, double scale) {
        a.assign(org.nd4j.linalg.factory.Nd4j.rand(a.dataType(), a.shape()).muli(2 * scale).subi(scale));
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return subsets(gradientView, (CharWordEmbedding) conf.getLayer());
    }

    private static Map<String, INDArray> subsets(INDArray flat, CharWordEmbedding c) {
        INDArray v = flat.reshape(flat.length());
        long p1 = (long) c.getVocabSize() * c.getWordDim();
        long p2 = p1 + (long) c.getCharVocab() * c.getCharDim();
        long p3 = p2 + 3L * c.getCharDim() * c.getFilters();
        long p4 = p3 + c.getFilters();
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(WORDS, v.get(interval(0, p1)).reshape('f', c.getVocabSize(), c.getWordDim()));
        m.put(CHARS, v.get(interval(p1, p2)).reshape('f', c.getCharVocab(), c.getCharDim()));
        m.put(CONV, v.get(interval(p2, p3)).reshape('f', 3L * c.getCharDim(), c.getFilters()));
        m.put(CONV_B, v.get(interval(p3, p4)).reshape('f', 1, c.getFilters()));
        return m;
    }
}
