package io.seq4j.seq2seq;

import org.nd4j.linalg.ops.transforms.Transforms;
import java.util.ArrayList;
import io.seq4j.core.batch.PairBatcher;
import io.seq4j.core.text.Vocabulary;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoder of a {@link Seq2SeqNetwork} one target step at a time, for a batch of N hypotheses
 * (beam search: several per source sentence). The recurrent layers run with DL4J's
 * {@code rnnTimeStep} (their state lives in the layers, so one StepDecoder per graph at a time);
 * embedding lookup, attention and the output layers are computed here from the graph's parameters,
 * exactly as the graph computes them in training.
 *
 * <p>Use: {@link #encode} the sources once, {@link #start} with the source row of every hypothesis,
 * then {@link #step} and {@link #reorder} until done.
 */
final class StepDecoder {
    /** Encoder output of a batch of B sources: states {@code [B, He, Ts]}, mask {@code [B, Ts]}, bridge {@code [B, Dd]}. */
    record Encoded(INDArray states, INDArray mask, INDArray bridge) {
        int batch() {
            return (int) states.size(0);
        }

        int length() {
            return (int) states.size(2);
        }
    }

    /** One step: log-probabilities {@code [N][Vt]} of the next token and attention weights {@code [N][Ts]}. */
    record Step(float[][] logProbs, float[][] attention) {
    }

    private final ComputationGraph graph;
    private final List<RecurrentLayer> decoder = new ArrayList<>();
    private final INDArray targetEmbedding, queryW, combineW, combineB, outW, outB;
    private final String encoderName;
    private final double scale;
    private INDArray keys, keyMask, bridge;

    StepDecoder(ComputationGraph graph, Seq2SeqConfig config) {
        this.graph = graph;
        for (int i = 0; i < config.decoderDepth(); i++) {
            decoder.add((RecurrentLayer) graph.getLayer(Seq2SeqNetwork.decoderLayer(i)));
        }
        targetEmbedding = graph.getLayer(Seq2SeqNetwork.TARGET_EMBEDDING).getParam("W");
        queryW = graph.getLayer(Seq2SeqNetwork.QUERY).getParam("W");
        combineW = graph.getLayer(Seq2SeqNetwork.COMBINE).getParam("W");
        combineB = graph.getLayer(Seq2SeqNetwork.COMBINE).getParam("b");
        outW = graph.getLayer(Seq2SeqNetwork.OUTPUT).getParam("W");
        outB = graph.getLayer(Seq2SeqNetwork.OUTPUT).getParam("b");
        encoderName = Seq2SeqNetwork.encoder(config);
        scale = 1.0 / Math.sqrt(config.encoderSize());
    }

    /** Runs the encoder (and the bridge) over {@code sources}, each ending with EOS. */
    Encoded encode(List<int[]> sources) {
        INDArray[] src = PairBatcher.sources(sources);
        int b = sources.size();
        INDArray bos = Nd4j.valueArrayOf(new long[]{b, 1, 1}, (float) Vocabulary.BOS);
        graph.clearLayerMaskArrays();
        graph.clear();      // stale labels from fit() would set graph.batchSize(), which reshapes per-step layers
        try {
            graph.setLayerMaskArrays(new INDArray[]{src[1], null}, null);     // the one-step BOS input needs no mask
            Map<String, INDArray> acts = graph.feedForward(new INDArray[]{src[0], bos}, false);
            return new Encoded(acts.get(encoderName).dup(), src[1], acts.get(Seq2SeqNetwork.BRIDGE).dup());
        } finally {
            graph.clearLayerMaskArrays();
        }
    }

    /** Starts N hypotheses; hypothesis n reads source {@code rows[n]} of {@code e}. Clears the decoder state. */
    void start(Encoded e, int[] rows) {
        keys = rowsOf(e.states(), rows);
        keyMask = rowsOf(e.mask(), rows);
        bridge = rowsOf(e.bridge(), rows);
        for (RecurrentLayer l : decoder) l.rnnClearPreviousState();
    }

    /** Keeps hypotheses {@code parents} (indices into the current N, repeats allowed) as the new hypotheses, in order. */
    void reorder(int[] parents) {
        keys = rowsOf(keys, parents);
        keyMask = rowsOf(keyMask, parents);
        bridge = rowsOf(bridge, parents);
        for (RecurrentLayer l : decoder) {
            Map<String, INDArray> state = l.rnnGetPreviousState();
            Map<String, INDArray> kept = new HashMap<>();
            for (Map.Entry<String, INDArray> s : state.entrySet()) kept.put(s.getKey(), rowsOf(s.getValue(), parents).dup('f'));
            l.rnnSetPreviousState(kept);
        }
    }

    /** Feeds the previous token of every hypothesis ({@code BOS} first) and returns the next-token distribution. */
    Step step(int[] previous) {
        int n = previous.length;
        INDArray x = Nd4j.hstack(rowsOf(targetEmbedding, previous), bridge);
        INDArray h = x.reshape('c', n, x.size(1), 1).dup('f');
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
        for (RecurrentLayer l : decoder) h = l.rnnTimeStep(h, ws);
        INDArray s = h.reshape(n, h.size(1)).dup();
        INDArray q = s.mmul(queryW);                                                // [N, He]
        INDArray scores = Nd4j.matmul(q.reshape(n, 1, q.size(1)), keys)              // [N, 1, Ts]
                .reshape(n, keys.size(2)).muli(scale);
        float[][] a = scores.toFloatMatrix();
        float[][] m = keyMask.toFloatMatrix();
        for (int i = 0; i < n; i++) softmaxMasked(a[i], m[i]);
        INDArray alpha = Nd4j.create(a);
        INDArray ctx = Nd4j.matmul(keys, alpha.reshape(n, alpha.size(1), 1)).reshape(n, keys.size(1));   // [N, He]
        INDArray hidden = Transforms.tanh(
                Nd4j.hstack(s, ctx).mmul(combineW).addiRowVector(combineB), false);
        float[][] logits = hidden.mmul(outW).addiRowVector(outB).toFloatMatrix();
        for (float[] row : logits) logSoftmax(row);
        return new Step(logits, a);
    }

    /** Rows {@code rows} of a {@code [R, ...]} array (2d or 3d) along its first dimension, as a new array. */
    private static INDArray rowsOf(INDArray a, int[] rows) {
        if (a.rank() == 2) return Nd4j.pullRows(a, 1, rows);
        long[] shape = a.shape();
        INDArray flat = a.dup('c').reshape('c', shape[0], shape[1] * shape[2]);
        return Nd4j.pullRows(flat, 1, rows).reshape('c', rows.length, shape[1], shape[2]);
    }

    /** In place: softmax over the entries with mask 1; masked entries become 0. */
    static void softmaxMasked(float[] v, float[] mask) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < v.length; j++) if (mask[j] > 0) max = Math.max(max, v[j]);
        double sum = 0;
        for (int j = 0; j < v.length; j++) {
            double x = mask[j] > 0 ? Math.exp(v[j] - max) : 0;
            v[j] = (float) x;
            sum += x;
        }
        for (int j = 0; j < v.length; j++) v[j] = (float) (v[j] / sum);
    }

    /** In place: log-softmax. */
    static void logSoftmax(float[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (float x : v) max = Math.max(max, x);
        double sum = 0;
        for (float x : v) sum += Math.exp(x - max);
        double log = max + Math.log(sum);
        for (int j = 0; j < v.length; j++) v[j] = (float) (v[j] - log);
    }
}
