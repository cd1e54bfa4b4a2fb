package io.seq4j.lm;

import io.seq4j.core.batch.InputEncoding;
import io.seq4j.core.batch.SequenceBatcher;
import io.seq4j.core.bundle.BundleFormatException;
import io.seq4j.core.bundle.ModelBundle;
import io.seq4j.core.concurrent.BatchingExecutor;
import io.seq4j.core.data.TaggedSequence;
import io.seq4j.core.nn.Outputs;
import io.seq4j.core.text.Vocabulary;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A trained recurrent language model P(y1, ..., yT): vocabulary, settings and the DL4J network
 * (embedding {@code [batch, 1, T] -> [batch, E, T]}, recurrent layers {@code -> [batch, H, T]},
 * softmax over the vocabulary {@code -> [batch, V, T]}). It scores text (log-probability, per-token
 * cross-entropy, perplexity, bits per token), evaluates held-out text and samples new text step by
 * step with {@code rnnTimeStep}, so generation costs time linear in its length.
 *
 * <p>Saved as a {@link ModelBundle} of task {@value #TASK}. Thread-safe: scoring, evaluation and
 * sampling are synchronized (a DL4J network is not thread-safe, and sampling keeps the network's
 * recurrent state); {@link #score(String)} calls from concurrent threads are scored together in one
 * batch ({@link BatchingExecutor}); other calls take turns. {@link #network()} is the raw, unguarded network.
 */
public final class LanguageModel {
    public static final String TASK = "lm";
    private static final String VOCAB = "vocab.txt";

    private final MultiLayerNetwork network;
    private final LmConfig config;
    private final LmCodec codec;
    private final SequenceBatcher batcher;
    private final Map<String, Double> metrics;
    private final BatchingExecutor<String, Score> single;

    LanguageModel(MultiLayerNetwork network, Vocabulary vocab, LmConfig config, Map<String, Double> metrics) {
        this.network = network;
        this.config = config;
        this.codec = new LmCodec(config, vocab);
        this.batcher = batcher(config, vocab.size());
        this.metrics = Map.copyOf(metrics);
        this.single = new BatchingExecutor<>("seq4j-lm-score", config.batchSize(), this::score);
    }

    static SequenceBatcher batcher(LmConfig config, int vocabSize) {
        return SequenceBatcher.builder(InputEncoding.INDEX, vocabSize, vocabSize).optBatchSize(config.batchSize())
                .optSeed(config.seed()).optSparseLabels(true).build();     // next-token indices, SPARSE_MCXENT
    }

    /**
     * The probability of one text under the model.
     *
     * @param tokens  predicted tokens: the text's tokens plus the end token
     * @param logProb natural log of P(text, end | start)
     */
    public record Score(String text, int tokens, double logProb) {
        /** Mean negative log-probability per predicted token, in nats. */
        public double crossEntropy() {
            return -logProb / tokens;
        }

        public double perplexity() {
            return Math.exp(crossEntropy());
        }

        /** Cross-entropy in bits per token (bits per character for a character model). */
        public double bitsPerToken() {
            return crossEntropy() / Math.log(2);
        }

        public double probability() {
            return Math.exp(logProb);
        }
    }

    /**
     * Held-out loss.
     *
     * @param tokens   predicted tokens
     * @param lossNats mean negative log-probability per predicted token
     */
    public record Evaluation(long tokens, double lossNats) {
        public double bitsPerToken() {
            return lossNats / Math.log(2);
        }

        public double perplexity() {
            return Math.exp(lossNats);
        }
    }

    /**
     * Sampling settings.
     *
     * @param prime       text the generation continues (may be empty)
     * @param temperature divides the log-probabilities (below 1: safer, above 1: more varied); > 0
     * @param topK        sample among the k most probable tokens only (0: all)
     * @param seed        random seed: the same seed gives the same text
     * @param maxTokens   at most this many generated tokens
     * @param stopAtEnd   stop at the end token ({@code </s>} for LINES/ABC models, a line break for
     *                    TEXT models)
     */
    public record Sampling(String prime, double temperature, int topK, long seed, int maxTokens, boolean stopAtEnd) {
        public Sampling {
            if (prime == null) prime = "";
            if (!(temperature > 0)) throw new IllegalArgumentException("temperature must be positive, got " + temperature);
            if (topK < 0) throw new IllegalArgumentException("top-k must be >= 0 (0 = all tokens), got " + topK);
            if (maxTokens < 1) throw new IllegalArgumentException("the maximum length must be at least 1, got " + maxTokens);
        }

        /** Temperature 1, all tokens, seed 1, at most 500 tokens, stopping at the end token. */
        public static Sampling defaults() {
            return new Sampling("", 1.0, 0, 1, 500, true);
        }
    }

    /** The score of one text; concurrent callers are scored together in batches (thread-safe). */
    public Score score(String text) {
        return single.call(text);
    }

    /** Scores of many texts (each conditioned on the start token, see {@link LmCodec}), batched, in input order. */
    public synchronized List<Score> score(List<String> texts) {
        List<TaggedSequence> samples = new ArrayList<>(texts.size());
        for (String t : texts) {
            samples.add(LmSamples.bounded(codec.start(), codec.encode(t), codec.end(), Integer.MAX_VALUE));
        }
        double[] logProbs = logProbs(samples);
        List<Score> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) out.add(new Score(texts.get(i), samples.get(i).length(), logProbs[i]));
        return out;
    }

    /**
     * Loss on held-out documents: TEXT documents as one stream in windows of the training window
     * (each from a zero state, as in training), LINES/ABC documents one sequence each, end token
     * included.
     */
    public synchronized Evaluation evaluate(List<String> documents) {
        return evaluate(network, codec, config, batcher, documents);
    }

    static Evaluation evaluate(MultiLayerNetwork network, LmCodec codec, LmConfig config, SequenceBatcher batcher,
                               List<String> documents) {
        List<TaggedSequence> samples = samples(codec, config, documents, 0);
        double sum = 0;
        long tokens = 0;
        for (double lp : logProbs(network, batcher, samples)) sum += lp;
        for (TaggedSequence s : samples) tokens += s.length();
        return new Evaluation(tokens, -sum / tokens);
    }

    /** The samples documents make for these settings (TEXT windows at {@code offset}). */
    static List<TaggedSequence> samples(LmCodec codec, LmConfig config, List<String> documents, int offset) {
        if (config.samples() == LmConfig.Samples.TEXT) {
            return LmSamples.windows(stream(codec, documents), config.window(), offset);
        }
        List<int[]> seqs = new ArrayList<>(documents.size());
        for (String d : documents) seqs.add(codec.encodeDocument(d));
        return LmSamples.sequences(seqs, config.maxLength());
    }

    /** All TEXT documents as one token stream. */
    static int[] stream(LmCodec codec, List<String> documents) {
        List<int[]> parts = new ArrayList<>();
        int n = 0;
        for (String d : documents) {
            int[] ids = codec.encodeDocument(d);
            parts.add(ids);
            n += ids.length;
        }
        int[] all = new int[n];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    private double[] logProbs(List<TaggedSequence> samples) {
        return logProbs(network, batcher, samples);
    }

    /** Per sample, the sum over its steps of log P(tag | inputs so far). */
    static double[] logProbs(MultiLayerNetwork network, SequenceBatcher batcher, List<TaggedSequence> samples) {
        double[] out = new double[samples.size()];
        int done = 0;
        for (List<TaggedSequence> b : batcher.inOrder(samples)) {
            DataSet ds = batcher.features(b);
            INDArray probs = Outputs.of(network, ds);           // [b, V, T]
            long v = probs.size(1), t = probs.size(2);
            float[] p = probs.dup('c').data().asFloat();
            for (int i = 0; i < b.size(); i++) {
                int[] next = b.get(i).tags();
                double sum = 0;
                for (int s = 0; s < next.length; s++) {
                    sum += Math.log(Math.max(p[(int) ((i * v + next[s]) * t + s)], Float.MIN_NORMAL));
                }
                out[done + i] = sum;
            }
            done += b.size();
        }
        return out;
    }

    /**
     * Generates text after {@code s.prime()}: feeds the start token and the prime, then draws one
     * token at a time from the temperature-scaled (and top-k cut) distribution and feeds it back,
     * keeping the recurrent state between steps. Returns the generated continuation (without the
     * prime). PAD, BOS and UNK are never drawn.
     */
    public synchronized String sample(Sampling s) {
        Random rnd = new Random(s.seed());
        int[] prime = codec.encode(s.prime());
        int[] context = new int[prime.length + 1];
        context[0] = codec.start();
        System.arraycopy(prime, 0, context, 1, prime.length);
        network.rnnClearPreviousState();
        try {
            float[] dist = lastStep(network.rnnTimeStep(indices(context)));
            int[] generated = new int[s.maxTokens()];
            int n = 0;
            while (n < s.maxTokens()) {
                int next = draw(dist, s.temperature(), s.topK(), rnd);
                if (s.stopAtEnd() && next == codec.end()) break;
                if (next == Vocabulary.EOS && config.samples() != LmConfig.Samples.TEXT) break;   // nothing follows </s>
                generated[n++] = next;
                dist = lastStep(network.rnnTimeStep(indices(new int[]{next})));
            }
            return codec.decode(Arrays.copyOf(generated, n));
        } finally {
            network.rnnClearPreviousState();
        }
    }

    private static INDArray indices(int[] ids) {
        float[] f = new float[ids.length];
        for (int i = 0; i < ids.length; i++) f[i] = ids[i];
        return Nd4j.create(f, new long[]{1, 1, ids.length}, 'c');
    }

    /** The distribution at the last step of an output {@code [1, V, T]} (or {@code [1, V]}). */
    private static float[] lastStep(INDArray out) {
        INDArray last = out.rank() == 3 ? out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(out.size(2) - 1)) : out.getRow(0);
        return last.castTo(DataType.FLOAT).dup().data().asFloat();
    }

    /** Draws a token from probabilities p^(1/temperature), among the top k when k > 0; never PAD, UNK or BOS. */
    static int draw(float[] probs, double temperature, int topK, Random rnd) {
        double[] w = new double[probs.length];
        double maxLog = Double.NEGATIVE_INFINITY;
        for (int i = Vocabulary.BOS + 1; i < probs.length; i++) {
            if (probs[i] > 0) maxLog = Math.max(maxLog, Math.log(probs[i]));
        }
        for (int i = Vocabulary.BOS + 1; i < probs.length; i++) {       // PAD, UNK, BOS stay 0
            w[i] = probs[i] <= 0 ? 0 : Math.exp((Math.log(probs[i]) - maxLog) / temperature);   // relative to the best: no underflow
        }
        if (topK > 0 && topK < w.length) {
            double[] sorted = w.clone();
            Arrays.sort(sorted);
            double threshold = sorted[sorted.length - topK];
            int kept = 0;
            for (int i = 0; i < w.length; i++) {
                if (w[i] > threshold || (w[i] == threshold && kept < topK)) {
                    kept++;
                } else {
                    w[i] = 0;
                }
            }
        }
        double total = 0;
        for (double x : w) total += x;
        if (!(total > 0)) throw new IllegalStateException("the model gives no probability to any token");
        double r = rnd.nextDouble() * total;
        for (int i = 0; i < w.length; i++) {
            r -= w[i];
            if (r < 0 && w[i] > 0) return i;
        }
        for (int i = w.length - 1; ; i--) if (w[i] > 0) return i;     // rounding left r at 0
    }

    public LmConfig config() {
        return config;
    }

    public Vocabulary vocabulary() {
        return codec.vocabulary();
    }

    public MultiLayerNetwork network() {
        return network;
    }

    /** Metrics recorded at training time (dev_loss_nats and dev_tokens of the kept epoch, train_seconds, ...). */
    public Map<String, Double> metrics() {
        return metrics;
    }

    /** This model with one more recorded metric, saved with it. */
    public LanguageModel withMetric(String name, double value) {
        Map<String, Double> m = new LinkedHashMap<>(metrics);
        m.put(name, value);
        return new LanguageModel(network, codec.vocabulary(), config, m);
    }

    /** Writes the model as one bundle zip, atomically. */
    public void save(Path file) throws IOException {
        ModelBundle.Builder b = ModelBundle.builder(TASK, network).optSettings(config.toMap()).optSeed(config.seed())
                .optArtifact(VOCAB, codec.vocabulary().toEscapedText());
        metrics.forEach(b::optMetric);
        b.build().save(file, false);
    }

    /** Loads a bundle written by {@link #save}; another task's bundle is a BundleFormatException naming the file. */
    public static LanguageModel load(Path file) throws IOException {
        ModelBundle b = ModelBundle.load(file);
        if (!TASK.equals(b.task())) {
            throw new BundleFormatException(file.toString(), "is a '" + b.task() + "' model, not a language model");
        }
        LmConfig config;
        try {
            config = LmConfig.fromMap(b.settings());
        } catch (IllegalArgumentException e) {
            throw new BundleFormatException(file.toString(), "bad settings: " + e.getMessage());
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        b.metrics().forEach((k, v) -> metrics.put(k, Double.parseDouble(v)));
        Vocabulary vocab = Vocabulary.readEscaped(b.artifact(VOCAB), file + "!artifacts/" + VOCAB);
        return new LanguageModel(b.multiLayerNetwork(), vocab, config, metrics);
    }
}
