package io.seq4j.seq2seq;

import io.seq4j.core.nn.ConcatFeatures;
import io.seq4j.core.nn.DotAttention;
import io.seq4j.core.nn.RecurrentSpec;
import io.seq4j.core.nn.SoftmaxSequenceOutput;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.rnn.DuplicateToTimeSeriesVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToRnnPreProcessor;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;

import java.util.List;

/**
 * The attention encoder-decoder as a DL4J ComputationGraph, trained with teacher forcing. Shapes for
 * a batch of B pairs, source length Ts, target length Tt (see {@link io.seq4j.core.batch.PairBatcher}):
 * <pre>
 * src [B,1,Ts] -> srcEmb [B,E,Ts] -> enc0..encN (RecurrentSpec encoder) -> ENCODER [B,He,Ts]
 * ENCODER -> masked mean over time [B,He] -> BRIDGE dense tanh [B,Dd] -> repeated over Tt [B,Dd,Tt]
 * tgtIn [B,1,Tt] -> tgtEmb [B,E,Tt]; merge(tgtEmb, bridge) [B,E+Dd,Tt] -> dec0..decM (GRU/LSTM) [B,Dd,Tt]
 * QUERY = decoder states x Wq [B,He,Tt] (no bias)
 * ATTENTION: per target step t, a_t = softmax_j(q_t . h_j / sqrt(He)) over the unmasked source steps,
 *            c_t = sum_j a_tj h_j                                       -> [B,He,Tt]
 * COMBINE = tanh(Wc [s_t; c_t] + bc) [B,Dd,Tt] -> OUTPUT softmax [B,Vt,Tt] (SoftmaxSequenceOutput: sparse cross-entropy)
 * </pre>
 * This is Luong et al. (2015) global attention with the "general" (multiplicative) score, scaled by
 * sqrt(He), with the encoder summary fed to every decoder step instead of input feeding: every
 * training step runs over whole sequences at once. {@link StepDecoder} runs the same computation
 * one target step at a time from the trained parameters (translation, beam search).
 */
public final class Seq2SeqNetwork {
    static final String SOURCE = "src", TARGET_IN = "tgtIn";
    static final String SOURCE_EMBEDDING = "srcEmb", TARGET_EMBEDDING = "tgtEmb", BRIDGE = "bridge", QUERY = "query",
            ATTENTION = "attention", COMBINE = "combine", OUTPUT = "out";

    private Seq2SeqNetwork() {
    }

    /** Name of encoder layer {@code i} (the last one is {@link #encoder(Seq2SeqConfig)}). */
    static String encoderLayer(int i) {
        return "enc" + i;
    }

    /** Name of decoder layer {@code i}. */
    static String decoderLayer(int i) {
        return "dec" + i;
    }

    /** Name of the vertex whose output is the encoder states (the attention keys and values). */
    static String encoder(Seq2SeqConfig c) {
        return encoderLayer(c.encoder().layers(c.embedding()).size() - 1);
    }

    /** The untrained graph for these settings and vocabulary sizes. */
    public static ComputationGraph build(Seq2SeqConfig c, int sourceVocab, int targetVocab) {
        int e = c.embedding(), he = c.encoderSize(), dd = c.decoderUnits();
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(c.seed())
                .updater(new Adam(c.learningRate())).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs(SOURCE, TARGET_IN)
                .setInputTypes(InputType.recurrent(sourceVocab), InputType.recurrent(targetVocab));
        g.addLayer(SOURCE_EMBEDDING, embedding(sourceVocab, e), SOURCE);
        String last = chain(g, c.encoder().layers(e), "enc", SOURCE_EMBEDDING);
        g.addLayer("summary", new GlobalPoolingLayer.Builder(PoolingType.AVG).collapseDimensions(true).build(), last);
        g.addLayer(BRIDGE, new DenseLayer.Builder().nIn(he).nOut(dd).activation(Activation.TANH).build(), "summary");
        g.addVertex("bridgeSeq", new DuplicateToTimeSeriesVertex(TARGET_IN), BRIDGE);
        g.addLayer(TARGET_EMBEDDING, embedding(targetVocab, e), TARGET_IN);
        g.addVertex("decIn", new ConcatFeatures(), TARGET_EMBEDDING, "bridgeSeq");
        String dec = chain(g, c.decoder().layers(e + dd), "dec", "decIn");
        String query = perStep(g, QUERY, new DenseLayer.Builder().nIn(dd).nOut(he).hasBias(false)
                .activation(Activation.IDENTITY).build(), dec);
        g.addVertex(ATTENTION, new DotAttention(), query, last);
        g.addVertex("decAndContext", new ConcatFeatures(), dec, ATTENTION);
        DenseLayer.Builder combine = new DenseLayer.Builder().nIn(dd + he).nOut(dd).activation(Activation.TANH);
        if (c.outputDropout() > 0) combine.dropOut(1 - c.outputDropout());
        String combined = perStep(g, COMBINE, combine.build(), "decAndContext");
        g.addLayer(OUTPUT, new SoftmaxSequenceOutput(dd, targetVocab), combined);
        g.setOutputs(OUTPUT);
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    private static EmbeddingSequenceLayer embedding(int vocab, int size) {
        return new EmbeddingSequenceLayer.Builder().nIn(vocab).nOut(size).hasBias(false).weightInit(WeightInit.NORMAL).build();
    }

    /**
     * A dense layer applied at every time step: DL4J reshapes the recurrent input to rows for it and
     * a PreprocessorVertex reshapes its output back (named {@code name + "Seq"}, returned). Not
     * DL4J's TimeDistributed: in M2.1 it reorders the mask of a padded batch (steps of one sequence
     * get another's mask).
     */
    private static String perStep(ComputationGraphConfiguration.GraphBuilder g, String name, Layer dense, String input) {
        g.addLayer(name, dense, input);
        g.addVertex(name + "Seq", new PreprocessorVertex(new FeedForwardToRnnPreProcessor()), name);
        return name + "Seq";
    }

    /** Adds {@code layers} one after another named prefix0, prefix1, ...; returns the last name. */
    private static String chain(ComputationGraphConfiguration.GraphBuilder g, List<Layer> layers, String prefix, String input) {
        String prev = input;
        for (int i = 0; i < layers.size(); i++) {
            g.addLayer(prefix + i, layers.get(i), prev);
            prev = prefix + i;
        }
        return prev;
    }
}
