package io.seq4j.ner.nn;

import io.seq4j.core.nn.HostArrays;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import static io.seq4j.ner.nn.CrfParamInitializer.B;
import static io.seq4j.ner.nn.CrfParamInitializer.END;
import static io.seq4j.ner.nn.CrfParamInitializer.START;
import static io.seq4j.ner.nn.CrfParamInitializer.TRANS;
import static io.seq4j.ner.nn.CrfParamInitializer.W;

/**
 * Implementation of {@link CrfOutput}. Emissions are one GEMM over the steps flattened to rows
 * {@code [batch*T, nIn]}; the chain arithmetic runs per sequence in {@link LinearChainCrf} (K is
 * small: 9 tags for CoNLL-2003 in BIO, 17 in BIOES). Gradients are sums over the batch and the
 * score the batch mean, DL4J's convention for output layers (its updater divides by the batch).
 */
public final class CrfOutputLayer extends BaseLayer<CrfOutput> implements IOutputLayer {
    private INDArray labels;

    CrfOutputLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Emissions {@code [b, K, T]} of input {@code [b, nIn, T]}. */
    private INDArray emissions(INDArray x) {
        long b = x.size(0), n = x.size(1), t = x.size(2);
        INDArray rows = x.permute(0, 2, 1).dup('c').reshape('c', b * t, n);
        INDArray e = rows.mmul(getParam(W)).addiRowVector(getParam(B));
        return e.reshape('c', b, t, getParam(B).length()).permute(0, 2, 1).dup('c');
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr ws) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, ws);
        return ws.dup(ArrayType.ACTIVATIONS, emissions(input));
    }

    /** The chain of the current parameters. */
    public LinearChainCrf chain() {
        return chain(getParam(TRANS), getParam(START), getParam(END));
    }

    static LinearChainCrf chain(INDArray trans, INDArray start, INDArray end) {
        int k = (int) start.length();
        double[] flat = HostArrays.values(trans);
        double[][] t = new double[k][];
        for (int i = 0; i < k; i++) t[i] = java.util.Arrays.copyOfRange(flat, i * k, (i + 1) * k);
        return new LinearChainCrf(t, HostArrays.values(start), HostArrays.values(end));
    }

    /**
     * Per-sequence emissions {@code [len][K]} from {@code emissions [b, K, T]}, each cut to its
     * mask's length (the whole T without a mask).
     */
    public static double[][][] split(INDArray emissions, INDArray mask) {
        int b = (int) emissions.size(0), k = (int) emissions.size(1), t = (int) emissions.size(2);
        double[] e = HostArrays.values(emissions);
        double[] m = mask == null ? null : HostArrays.values(mask);
        double[][][] out = new double[b][][];
        for (int i = 0; i < b; i++) {
            int len = t;
            if (m != null) {
                len = 0;
                for (int s = 0; s < t; s++) if (m[i * t + s] > 0) len = s + 1;
            }
            out[i] = new double[Math.max(len, 0)][k];
            for (int s = 0; s < len; s++) {
                for (int j = 0; j < k; j++) out[i][s][j] = e[(i * k + j) * t + s];
            }
        }
        return out;
    }

    /** Viterbi paths of emissions {@code [b, K, T]} under this layer's transitions (empty for all-padding rows). */
    public int[][] decode(INDArray emissions, INDArray mask) {
        LinearChainCrf crf = chain();
        double[][][] e = split(emissions, mask);
        int[][] paths = new int[e.length][];
        for (int i = 0; i < e.length; i++) paths[i] = e[i].length == 0 ? new int[0] : crf.viterbi(e[i]);
        return paths;
    }

    private int[][] gold(double[][][] e) {
        int b = (int) labels.size(0), k = (int) labels.size(1), t = (int) labels.size(2);
        double[] l = HostArrays.values(labels);
        int[][] y = new int[b][];
        for (int i = 0; i < b; i++) {
            y[i] = new int[e[i].length];
            for (int s = 0; s < y[i].length; s++) {
                int arg = 0;
                for (int j = 1; j < k; j++) if (l[(i * k + j) * t + s] > l[(i * k + arg) * t + s]) arg = j;
                y[i][s] = arg;
            }
        }
        return y;
    }

    /**
     * Per-sequence losses of the last backward pass and the arrays they are of: DL4J asks for the
     * score right after the gradient, on the same input, labels and parameters, so that second
     * forward algorithm is skipped (used once, then dropped; the parameters' sum guards against a
     * change in between).
     */
    private double[] lossesOfBackprop;
    private INDArray lossesInput, lossesLabels, lossesMask;
    private double lossesParamSum;

    private double[] perSequenceLoss() {
        double[] cached = lossesOfBackprop;
        boolean same = cached != null && lossesInput == input && lossesLabels == labels && lossesMask == maskArray
                && lossesParamSum == params().sumNumber().doubleValue();
        lossesOfBackprop = null;
        lossesInput = lossesLabels = lossesMask = null;
        if (same) return cached;
        double[][][] e = split(emissions(input), maskArray);
        int[][] y = gold(e);
        LinearChainCrf crf = chain();
        double[] loss = new double[e.length];
        for (int i = 0; i < e.length; i++) {
            if (e[i].length > 0) loss[i] = crf.logPartition(e[i]) - crf.score(e[i], y[i]);
        }
        return loss;
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr ws) {
        double sum = 0;
        double[] loss = perSequenceLoss();
        for (double l : loss) sum += l;
        score = sum / loss.length + fullNetRegTerm;
        return score;
    }

    @Override
    public INDArray computeScoreForExamples(double fullNetRegTerm, LayerWorkspaceMgr ws) {
        double[] loss = perSequenceLoss();
        for (int i = 0; i < loss.length; i++) loss[i] += fullNetRegTerm;
        return ws.dup(ArrayType.ACTIVATIONS, Nd4j.create(loss, new long[]{loss.length, 1}).castTo(dataType));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr ws) {
        assertInputSet(true);
        if (labels == null) throw new IllegalStateException("the CRF layer has no labels");
        INDArray x = input;
        int b = (int) x.size(0), n = (int) x.size(1), t = (int) x.size(2);
        int k = (int) getParam(B).length();
        double[][][] e = split(emissions(x), maskArray);
        int[][] y = gold(e);
        LinearChainCrf crf = chain();
        double[][] dTrans = new double[k][k];
        double[] dStart = new double[k];
        double[] dEnd = new double[k];
        double[] dRows = new double[b * t * k];     // [b*T, K], batch-major rows like the forward GEMM
        double sum = 0;
        double[] losses = new double[b];
        for (int i = 0; i < b; i++) {
            if (e[i].length == 0) continue;
            double[][] dE = new double[e[i].length][k];
            losses[i] = crf.nll(e[i], y[i], dE, dTrans, dStart, dEnd);
            sum += losses[i];
            for (int s = 0; s < e[i].length; s++) System.arraycopy(dE[s], 0, dRows, (i * t + s) * k, k);
        }
        score = sum / b;
        lossesOfBackprop = losses;
        lossesInput = input;
        lossesLabels = labels;
        lossesMask = maskArray;
        lossesParamSum = params().sumNumber().doubleValue();
        INDArray rows = x.permute(0, 2, 1).dup('c').reshape('c', (long) b * t, n);
        INDArray dEm = HostArrays.of(dRows, x.dataType(), (long) b * t, k);
        gradientViews.get(W).assign(rows.transpose().mmul(dEm));
        gradientViews.get(B).assign(dEm.sum(true, 0));
        gradientViews.get(TRANS).assign(Nd4j.create(dTrans).castTo(x.dataType()));
        gradientViews.get(START).assign(Nd4j.create(dStart, new long[]{1, k}).castTo(x.dataType()));
        gradientViews.get(END).assign(Nd4j.create(dEnd, new long[]{1, k}).castTo(x.dataType()));
        INDArray dx = dEm.mmul(getParam(W).transpose()).reshape('c', b, t, n).permute(0, 2, 1);
        Gradient g = new DefaultGradient(gradientsFlattened);
        for (String key : new String[]{W, B, TRANS, START, END}) g.setGradientFor(key, gradientViews.get(key));
        return new Pair<>(g, ws.dup(ArrayType.ACTIVATION_GRAD, dx));
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        this.maskArray = maskArray;
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override
    public boolean needsLabels() {
        return true;
    }

    @Override
    public void setLabels(INDArray labels) {
        this.labels = labels;
    }

    @Override
    public INDArray getLabels() {
        return labels;
    }

    @Override
    public int numLabels() {
        return (int) getParam(B).length();
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    // Classifier conveniences of DL4J's IOutputLayer: a CRF is trained through the network and
    // decoded with decode(); these entry points do not apply.
    @Override
    public double f1Score(DataSet data) {
        throw unsupported();
    }

    @Override
    public double f1Score(INDArray examples, INDArray labels) {
        throw unsupported();
    }

    @Override
    public void fit(DataSetIterator iter) {
        throw unsupported();
    }

    @Override
    public int[] predict(INDArray examples) {
        throw unsupported();
    }

    @Override
    public java.util.List<String> predict(DataSet dataSet) {
        throw unsupported();
    }

    @Override
    public void fit(INDArray examples, INDArray labels) {
        throw unsupported();
    }

    @Override
    public void fit(DataSet data) {
        throw unsupported();
    }

    @Override
    public void fit(INDArray examples, int[] labels) {
        throw unsupported();
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("train the CRF through its network and decode with CrfOutputLayer.decode");
    }
}
