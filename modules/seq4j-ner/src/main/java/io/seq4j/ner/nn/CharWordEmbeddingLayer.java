package io.seq4j.ner.nn;

import io.seq4j.core.nn.HostArrays;
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
import org.nd4j.linalg.api.ops.impl.scatter.ScatterUpdate;
import org.nd4j.linalg.factory.Nd4j;

import static io.seq4j.ner.nn.CharWordEmbeddingParamInitializer.CHARS;
import static io.seq4j.ner.nn.CharWordEmbeddingParamInitializer.CONV;
import static io.seq4j.ner.nn.CharWordEmbeddingParamInitializer.CONV_B;
import static io.seq4j.ner.nn.CharWordEmbeddingParamInitializer.WORDS;

/**
 * Implementation of {@link CharWordEmbedding}. The convolution is reassociated through the small
 * character table: with {@code W_o} the filter rows for window offset {@code o} (-1, 0, +1) and
 * {@code P_o = chars · W_o} ({@code [charVocab, filters]}), the filter response at character
 * position {@code l} is {@code b + Σ_o P_o[c(l + o)]}, so a step costs three table lookups per
 * (character, filter) instead of an im2col matrix {@code [words*maxChars, 3*charDim]} and its GEMM;
 * only the word's real characters are computed (the max runs over them). Backward scatters each
 * pooled gradient into {@code dP_o} at the argmax's characters, then {@code dW_o = charsᵀ · dP_o},
 * {@code dChars = Σ_o dP_o · W_oᵀ}. The forward pass of a training step is kept for its backward
 * pass. Host arithmetic is in double; the arrays are per-word ({@code [words, filters]}) or
 * per-character-table sized.
 */
final class CharWordEmbeddingLayer extends BaseLayer<CharWordEmbedding> {

    CharWordEmbeddingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * What the backward pass needs: word ids [n], each word's padded characters {@code chars[r]}
     * ({@code [maxChars + 2]}, 0 at both ends and past the word), the argmax position per word and
     * filter [n * F], the parameters it used (c-order host copies) and the output {@code [b, E + F, t]}.
     */
    private record Forward(INDArray input, int b, int t, int[] words, int[][] chars, int[] argmax, double[] charTable,
                           double[] conv, double[] out) {
    }

    /** The last training forward pass, for the backward pass that follows it on the same input. */
    private Forward trained;

    private Forward forward(INDArray x) {
        CharWordEmbedding c = layerConf();
        int b = (int) x.size(0), rowsIn = (int) x.size(1), t = (int) x.size(2);
        int len = c.getMaxChars(), e = c.getWordDim(), ec = c.getCharDim(), f = c.getFilters(), vc = c.getCharVocab();
        if (rowsIn != 1 + len) {
            throw new IllegalArgumentException("char-word embedding expects input [batch, " + (1 + len) + ", T], got " + x.shapeInfoToString());
        }
        double[] ids = HostArrays.values(x);
        int n = b * t;
        int[] words = new int[n];
        int[][] chars = new int[n][];
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < t; s++) {
                int r = i * t + s;
                int w = (int) ids[i * rowsIn * t + s];
                if (w < 0 || w >= c.getVocabSize()) throw new IllegalArgumentException("word index " + w + " outside [0, " + c.getVocabSize() + ")");
                words[r] = w;
                int[] padded = new int[len + 2];
                for (int k = 0; k < len; k++) {
                    int ch = (int) ids[(i * rowsIn + 1 + k) * t + s];
                    if (ch < 0 || ch >= vc) throw new IllegalArgumentException("char index " + ch + " outside [0, " + vc + ")");
                    padded[k + 1] = ch;
                }
                chars[r] = padded;
            }
        }
        double[] charTable = HostArrays.values(getParam(CHARS));       // [vc, ec]
        double[] conv = HostArrays.values(getParam(CONV));             // [3 * ec, f]
        double[] bias = HostArrays.values(getParam(CONV_B));           // [f]
        double[][] p = new double[3][vc * f];                          // P_o = chars · W_o
        for (int o = 0; o < 3; o++) {
            for (int ch = 0; ch < vc; ch++) {
                for (int d = 0; d < ec; d++) {
                    double v = charTable[ch * ec + d];
                    int wRow = (o * ec + d) * f;
                    for (int k = 0; k < f; k++) p[o][ch * f + k] += v * conv[wRow + k];
                }
            }
        }
        double[] pooled = new double[n * f];
        int[] argmax = new int[n * f];
        double[] response = new double[f];
        for (int r = 0; r < n; r++) {
            int[] cs = chars[r];
            int real = realLength(cs, len);
            for (int l = 0; l < real; l++) {
                int a = cs[l] * f, m = cs[l + 1] * f, z = cs[l + 2] * f;
                for (int k = 0; k < f; k++) response[k] = bias[k] + p[0][a + k] + p[1][m + k] + p[2][z + k];
                for (int k = 0; k < f; k++) {
                    if (l == 0 || response[k] > pooled[r * f + k]) {
                        pooled[r * f + k] = response[k];
                        argmax[r * f + k] = l;
                    }
                }
            }
        }
        double[] wordRows = HostArrays.values(Nd4j.pullRows(getParam(WORDS), 1, words));    // [n, e]
        int width = e + f;
        double[] out = new double[b * width * t];                                           // [b, e + f, t]
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < t; s++) {
                int r = i * t + s;
                for (int d = 0; d < e; d++) out[(i * width + d) * t + s] = wordRows[r * e + d];
                for (int k = 0; k < f; k++) out[(i * width + e + k) * t + s] = pooled[r * f + k];
            }
        }
        return new Forward(x, b, t, words, chars, argmax, charTable, conv, out);
    }

    /** Characters the max runs over: up to the last non-padding one, at least one position. */
    private static int realLength(int[] padded, int len) {
        int real = 1;
        for (int k = 1; k <= len; k++) {
            if (padded[k] != 0) real = k;
        }
        return real;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr ws) {
        assertInputSet(false);
        Forward fw = forward(input);
        trained = training ? fw : null;
        CharWordEmbedding c = layerConf();
        return HostArrays.into(fw.out(), ws.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[]{fw.b(), c.getWordDim() + c.getFilters(), fw.t()}, 'c'));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr ws) {
        assertInputSet(true);
        CharWordEmbedding c = layerConf();
        Forward fw = trained != null && trained.input() == input ? trained : forward(input);
        trained = null;
        int b = fw.b(), t = fw.t(), n = b * t;
        int e = c.getWordDim(), ec = c.getCharDim(), f = c.getFilters(), vc = c.getCharVocab(), width = e + f;
        double[] eps = HostArrays.values(epsilon);
        java.util.Map<Integer, double[]> dWords = new java.util.LinkedHashMap<>();     // only the rows of this batch's words
        double[][] dp = new double[3][vc * f];
        double[] dBias = new double[f];
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < t; s++) {
                int r = i * t + s;
                if (!c.isFreezeWords()) {
                    double[] row = dWords.computeIfAbsent(fw.words()[r], k -> new double[e]);
                    for (int d = 0; d < e; d++) row[d] += eps[(i * width + d) * t + s];
                }
                int[] cs = fw.chars()[r];
                for (int k = 0; k < f; k++) {
                    double g = eps[(i * width + e + k) * t + s];
                    int l = fw.argmax()[r * f + k];
                    dBias[k] += g;
                    for (int o = 0; o < 3; o++) dp[o][cs[l + o] * f + k] += g;
                }
            }
        }
        double[] dConv = new double[3 * ec * f];        // dW_o = charsᵀ · dP_o
        double[] dChars = new double[vc * ec];          // Σ_o dP_o · W_oᵀ
        for (int o = 0; o < 3; o++) {
            for (int ch = 0; ch < vc; ch++) {
                for (int d = 0; d < ec; d++) {
                    double v = fw.charTable()[ch * ec + d], acc = 0;
                    int wRow = (o * ec + d) * f;
                    for (int k = 0; k < f; k++) {
                        double g = dp[o][ch * f + k];
                        dConv[wRow + k] += v * g;
                        acc += g * fw.conv()[wRow + k];
                    }
                    dChars[ch * ec + d] += acc;
                }
            }
        }
        gradientViews.get(CONV).assign(HostArrays.of(dConv, dataType, 3L * ec, f));
        gradientViews.get(CONV_B).assign(HostArrays.of(dBias, dataType, 1, f));
        gradientViews.get(CHARS).assign(HostArrays.of(dChars, dataType, vc, ec));
        INDArray gWords = gradientViews.get(WORDS);
        gWords.assign(0);
        if (!dWords.isEmpty()) {
            long[] rows = new long[dWords.size()];
            double[] values = new double[rows.length * e];
            int u = 0;
            for (var entry : dWords.entrySet()) {
                rows[u] = entry.getKey();
                System.arraycopy(entry.getValue(), 0, values, u++ * e, e);
            }
            Nd4j.scatterUpdate(ScatterUpdate.UpdateOp.ADD, gWords, Nd4j.createFromArray(rows),
                    HostArrays.into(values, ws.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[]{rows.length, e}, 'c')), 1);
        }
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
