package io.seq4j.seq2seq;

import io.seq4j.core.batch.PairBatcher;
import io.seq4j.core.batch.PairBatcher.EncodedPair;
import io.seq4j.core.bundle.BundleFormatException;
import io.seq4j.core.bundle.ModelBundle;
import io.seq4j.core.concurrent.BatchingExecutor;
import io.seq4j.core.nn.RecurrentKernels;
import io.seq4j.core.text.Vocabulary;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained translation model: {@link #translate} sentences (beam search or greedy, batched),
 * {@link #evaluate} against references (corpus BLEU and perplexity), save and load as a bundle of
 * task {@value #TASK}. Thread-safe: the decoder keeps its recurrent state in the network, so one
 * batch is decoded at a time per model (see {@link StepDecoder}), and concurrent
 * {@link #translate(String)} calls are decoded together in one batch ({@link BatchingExecutor}).
 */
public final class TranslationModel {
    public static final String TASK = "translate";
    static final String SOURCE_VOCAB = "source-vocab.txt", TARGET_VOCAB = "target-vocab.txt";
    /** Sentences decoded together (each with up to {@code beam} hypotheses). */
    static final int DECODE_BATCH = 32;

    private final ComputationGraph graph;
    private final Seq2SeqCodec codec;
    private final Seq2SeqConfig config;
    private final Map<String, Double> metrics;
    private final BatchingExecutor<String, Translation> single;

    TranslationModel(ComputationGraph graph, Seq2SeqCodec codec, Seq2SeqConfig config, Map<String, Double> metrics) {
        this.graph = graph;
        this.codec = codec;
        this.config = config;
        this.metrics = Map.copyOf(metrics);
        this.single = new BatchingExecutor<>("seq4j-translate", DECODE_BATCH, batch -> translate(batch, config.beam()));
        RecurrentKernels.install(graph);
    }

    /** Evaluation of a model on reference translations. */
    public record Evaluation(double bleu, double bleuLowercase, double perplexity, double lossNats, int sentences,
                             List<Translation> translations) {
        /** The JSON/CLI metrics: bleu, bleu_lowercase, perplexity, loss_nats, sentences. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bleu", bleu);
            m.put("bleu_lowercase", bleuLowercase);
            m.put("perplexity", perplexity);
            m.put("loss_nats", lossNats);
            m.put("sentences", sentences);
            return m;
        }
    }

    /**
     * Translates one sentence with the model's beam width. Safe from many threads at once: sentences
     * from concurrent callers are decoded together, in batches of up to {@value #DECODE_BATCH}.
     */
    public Translation translate(String sentence) {
        return single.call(sentence);
    }

    /** Translates sentences with the model's beam width, in batches. */
    public List<Translation> translate(List<String> sentences) {
        return translate(sentences, config.beam());
    }

    /** Translates sentences with beam width {@code beam} (1 = greedy), in batches of {@value #DECODE_BATCH}. */
    public synchronized List<Translation> translate(List<String> sentences, int beam) {
        if (beam < 1) throw new IllegalArgumentException("beam must be at least 1, got " + beam);
        StepDecoder decoder = new StepDecoder(graph, config);
        List<Translation> out = new ArrayList<>(sentences.size());
        for (int from = 0; from < sentences.size(); from += DECODE_BATCH) {
            List<String> batch = sentences.subList(from, Math.min(sentences.size(), from + DECODE_BATCH));
            List<int[]> sources = new ArrayList<>();
            int[] maxLengths = new int[batch.size()];
            for (int i = 0; i < batch.size(); i++) {
                int[] src = codec.source(batch.get(i), 0);
                sources.add(src);
                maxLengths[i] = 2 * src.length + 10;
            }
            List<BeamSearch.Result> results = BeamSearch.search(decoder, decoder.encode(sources), beam, config.lengthPenalty(), maxLengths);
            for (int i = 0; i < batch.size(); i++) {
                BeamSearch.Result r = results.get(i);
                List<String> tokens = codec.targetTokens(r.tokens());
                int srcLen = sources.get(i).length;
                float[][] att = new float[r.attention().length][];
                for (int t = 0; t < att.length; t++) att[t] = Arrays.copyOf(r.attention()[t], srcLen);
                out.add(new Translation(codec.targetText(tokens), tokens, codec.sourceTokens(batch.get(i)), r.logProb(), r.complete(), att));
            }
        }
        return out;
    }

    /**
     * Translates the sources of {@code pairs} with beam width {@code beam} and scores the
     * translations against their targets: corpus BLEU (sacreBLEU's 13a tokenisation, cased and
     * lowercased) and the model's perplexity on the reference targets.
     */
    public synchronized Evaluation evaluate(List<SentencePair> pairs, int beam) {
        List<Translation> t = translate(pairs.stream().map(SentencePair::source).toList(), beam);
        List<String> hyps = t.stream().map(Translation::text).toList();
        List<String> refs = pairs.stream().map(SentencePair::target).toList();
        double loss = loss(graph, codec, config, pairs);
        return new Evaluation(Bleu.corpus(hyps, refs, false).score(), Bleu.corpus(hyps, refs, true).score(),
                Math.exp(loss), loss, pairs.size(), t);
    }

    /** Mean cross-entropy in nats per target token (EOS included) of the reference targets, teacher-forced. */
    static double loss(ComputationGraph graph, Seq2SeqCodec codec, Seq2SeqConfig config, List<SentencePair> pairs) {
        PairBatcher batcher = new PairBatcher(config.batchSize(), Vocabulary.BOS, config.seed());
        List<EncodedPair> encoded = codec.encode(pairs, 0);
        double nats = 0;
        long tokens = 0;
        for (List<EncodedPair> batch : batcher.inOrder(encoded)) {
            MultiDataSet m = batcher.batch(batch);
            graph.clearLayerMaskArrays();
            graph.setLabels(m.getLabels());     // graph.batchSize() follows the labels, stale ones from fit() included
            nats += graph.score(m, false) * batch.size();     // DL4J: summed over steps, averaged over the batch
            tokens += m.getLabelsMaskArray(0).sumNumber().longValue();
        }
        graph.clearLayerMaskArrays();
        graph.clear();
        return nats / tokens;
    }

    public ComputationGraph network() {
        return graph;
    }

    public Seq2SeqConfig config() {
        return config;
    }

    public Seq2SeqCodec codec() {
        return codec;
    }

    /** Metrics recorded at training time (dev_loss_nats, train_seconds, ...). */
    public Map<String, Double> metrics() {
        return metrics;
    }

    /** This model with one more recorded metric, saved with it. */
    public TranslationModel withMetric(String name, double value) {
        Map<String, Double> m = new LinkedHashMap<>(metrics);
        m.put(name, value);
        return new TranslationModel(graph, codec, config, m);
    }

    /** Writes the model as one bundle zip, atomically. */
    public void save(Path file) throws IOException {
        ModelBundle.Builder b = ModelBundle.builder(TASK, graph).optSettings(config.toMap()).optSeed(config.seed())
                .optArtifact(SOURCE_VOCAB, codec.sourceVocabulary().toEscapedText())
                .optArtifact(TARGET_VOCAB, codec.targetVocabulary().toEscapedText());
        metrics.forEach(b::optMetric);
        b.build().save(file, false);
    }

    /** Loads a bundle written by {@link #save}; another task's bundle is a BundleFormatException naming the file. */
    public static TranslationModel load(Path file) throws IOException {
        ModelBundle b = ModelBundle.load(file);
        if (!TASK.equals(b.task())) {
            throw new BundleFormatException(file.toString(), "is a '" + b.task() + "' model, not a translation model");
        }
        Seq2SeqConfig config;
        try {
            config = Seq2SeqConfig.fromMap(b.settings());
        } catch (IllegalArgumentException e) {
            throw new BundleFormatException(file.toString(), "bad settings: " + e.getMessage());
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        b.metrics().forEach((k, v) -> metrics.put(k, Double.parseDouble(v)));
        Vocabulary src = Vocabulary.readEscaped(b.artifact(SOURCE_VOCAB), file + "!artifacts/" + SOURCE_VOCAB);
        Vocabulary tgt = Vocabulary.readEscaped(b.artifact(TARGET_VOCAB), file + "!artifacts/" + TARGET_VOCAB);
        return new TranslationModel(b.computationGraph(), new Seq2SeqCodec(config, src, tgt), config, metrics);
    }
}
