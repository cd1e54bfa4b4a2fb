package io.seq4j.ner.nn;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static io.seq4j.ner.nn.CharWordEmbeddingParamInitializer.CHARS;
import static io.seq4j.ner.nn.CharWordEmbeddingParamInitializer.CONV;
import static io.seq4j.ner.nn.CharWordEmbeddingParamInitializer.CONV_B;
import static io.seq4j.ner.nn.CharWordEmbeddingParamInitializer.WORDS;

/**
 * Implementation of {@link CharWordEmbedding}. Lookups and scatters run over plain double arrays; the
 * convolution is one GEMM over the im2col matrix {@code [words*maxChars, 3*charDim]}. The
 * backward pass recomputes the forward quantities.
 */
final class CharWordEmbeddingLayer extends BaseLayer<CharWordEmbedding> {

    CharWordEmbeddingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Everything the backward pass needs: ids, im2col rows, argmax per word and filter, the output. */
    private record Forward(int b, int t, int[] words, int[][] charIds, INDArray im2col, int[] argmax, INDArray out) {
    }

    private Forward forward(INDArray x) {
        CharWordEmbedding c = layerConf();
        int b = (int) x.size(0), rowsIn = (int) x.size(1), t = (int) x.size(2);
        int len = c.getMaxChars(), e = c.getWordDim(), ec = c.getCharDim(), f = c.getFilters();
        if (rowsIn != 1 + len) {
            throw new IllegalArgumentException("char-word embedding expects input [batch, " + (1 + len) + ", T], got " + x.shapeInfoToString());
        }
        double[] ids = HostArrays.values(x);
        int n = b * t;
        int[] words = new int[n];
        int[][] charIds = new int[3][n * len];      // window offsets -1, 0, +1 (0 = padding outside the word)
        int[] lengths = new int[n];
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < t; s++) {
                int r = i * t + s;
                int w = (int) ids[i * rowsIn * t + s];
                if (w < 0 || w >= c.getVocabSize()) throw new IllegalArgumentException("word index " + w + " outside [0, " + c.getVocabSize() + ")");
                words[r] = w;
                int[] chars = new int[len + 2];
                int real = 0;
                for (int k = 0; k < len; k++) {
                    int ch = (int) ids[(i * rowsIn + 1 + k) * t + s];
                    if (ch < 0 || ch >= c.getCharVocab()) throw new IllegalArgumentException("char index " + ch + " outside [0, " + c.getCharVocab() + ")");
                    chars[k + 1] = ch;
                    if (ch != 0) real = k + 1;
                }
                lengths[r] = Math.max(1, real);
                for (int l = 0; l < len; l++) {
                    for (int o = 0; o < 3; o++) charIds[o][r * len + l] = chars[l + o];
                }
            }
        }
        double[] charTable = HostArrays.values(getParam(CHARS));
        double[] cols = new double[n * len * 3 * ec];
        for (int row = 0; row < n * len; row++) {
            for (int o = 0; o < 3; o++) {
                System.arraycopy(charTable, charIds[o][row] * ec, cols, (row * 3 + o) * ec, ec);
            }
        }
        INDArray im2col = HostArrays.of(cols, dataType, (long) n * len, 3L * ec);
        double[] conv = HostArrays.values(im2col.mmul(getParam(CONV)).addiRowVector(getParam(CONV_B)));
        double[] pooled = new double[n * f];
        int[] argmax = new int[n * f];
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < t; s++) {
                int r = i * t + s;
                for (int k = 0; k < f; k++) {
                    int best = 0;
                    double max = conv[(r * len) * f + k];
                    for (int l = 1; l < lengths[r]; l++) {
                        double v = conv[(r * len + l) * f + k];
                        if (v > max) {
                            max = v;
                            best = l;
                        }
                    }
                    argmax[r * f + k] = best;
                    pooled[r * f + k] = max;
                }
            }
        }
        INDArray wordRows = Nd4j.pullRows(getParam(WORDS), 1, words);                      // [n, E]
        INDArray rows = Nd4j.hstack(wordRows.castTo(dataType), HostArrays.of(pooled, dataType, n, f));   // [n, E + F]
        INDArray out = rows.reshape('c', b, t, e + f).permute(0, 2, 1).dup('c');
        return new Forward(b, t, words, charIds, im2col, argmax, out);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr ws) {
        assertInputSet(false);
        return ws.leverageTo(ArrayType.ACTIVATIONS, forward(input).out());
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr ws) {
        assertInputSet(true);
        CharWordEmbedding c = layerConf();
        Forward fw = forward(input);
        int b = fw.b(), t = fw.t(), n = b * t;
        int len = c.getMaxChars(), e = c.getWordDim(), ec = c.getCharDim(), f = c.getFilters(), width = e + f;
        double[] eps = HostArrays.values(epsilon);
        java.util.Map<Integer, double[]> dWords = new java.util.HashMap<>();     // only the rows of this batch's words
        double[] dConv = new double[n * len * f];
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < t; s++) {
                int r = i * t + s;
                if (!c.isFreezeWords()) {
                    double[] row = dWords.computeIfAbsent(fw.words()[r], k -> new double[e]);
                    for (int d = 0; d < e; d++) row[d] += eps[(i * width + d) * t + s];
                }
                for (int k = 0; k < f; k++) dConv[(r * len + fw.argmax()[r * f + k]) * f + k] = eps[(i * width + e + k) * t + s];
            }
        }
        INDArray dConvArr = HostArrays.of(dConv, dataType, (long) n * len, f);
        gradientViews.get(CONV).assign(fw.im2col().transpose().mmul(dConvArr));
        gradientViews.get(CONV_B).assign(dConvArr.sum(true, 0));
        double[] dCols = HostArrays.values(dConvArr.mmul(getParam(CONV).transpose()));
        double[] dChars = new double[c.getCharVocab() * ec];
        for (int row = 0; row < n * len; row++) {
            for (int o = 0; o < 3; o++) {
                int base = fw.charIds()[o][row] * ec;
                int from = (row * 3 + o) * ec;
                for (int d = 0; d < ec; d++) dChars[base + d] += dCols[from + d];
            }
        }
        INDArray gWords = gradientViews.get(WORDS);
        gWords.assign(0);
        for (var entry : dWords.entrySet()) gWords.putRow(entry.getKey(), HostArrays.of(entry.getValue(), dataType, 1, e));
        gradientViews.get(CHARS).assign(HostArrays.of(dChars, dataType, c.getCharVocab(), ec));
        Gradient g = new DefaultGradient(gradientsFlattened);
        for (String key : new String[]{WORDS, CHARS, CONV, CONV_B}) g.setGradientFor(key, gradientViews.get(key));
        return new Pair<>(g, null);     // the input is indices: nothing flows further back
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        this.maskArray = maskArray;
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }
}
