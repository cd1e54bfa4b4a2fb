package io.seq4j.sentiment;

import io.seq4j.core.batch.InputEncoding;
import io.seq4j.core.batch.SequenceBatcher;
import io.seq4j.core.bundle.ModelBundle;
import io.seq4j.core.concurrent.BatchingExecutor;
import io.seq4j.core.bundle.BundleFormatException;
import io.seq4j.core.data.LabeledSequence;
import io.seq4j.core.nn.Outputs;
import io.seq4j.core.text.LabelSet;
import io.seq4j.core.text.Vocabulary;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained recurrent text classifier: vocabulary, labels, settings and the DL4J network
 * (embedding, recurrent encoder, pooling, softmax). Saved as a {@link ModelBundle} of task
 * {@value #TASK}. Thread-safe: concurrent {@link #predict(String)} calls are batched together.
 */
public final class SentimentModel {
    public static final String TASK = "sentiment";
    private static final String VOCAB = "vocab.txt", LABELS = "labels.txt";

    private final MultiLayerNetwork network;
    private final Vocabulary vocab;
    private final LabelSet labels;
    private final SentimentConfig config;
    private final DocumentEncoder encoder;
    private final SequenceBatcher batcher;
    private final Map<String, Double> metrics;
    private final BatchingExecutor<String, Prediction> single;

    SentimentModel(MultiLayerNetwork network, Vocabulary vocab, LabelSet labels, SentimentConfig config, Map<String, Double> metrics) {
        this.network = network;
        this.vocab = vocab;
        this.labels = labels;
        this.config = config;
        this.encoder = new DocumentEncoder(config);
        this.batcher = batcher(config, vocab, labels);
        this.metrics = Map.copyOf(metrics);
        this.single = new BatchingExecutor<>("seq4j-sentiment-predict", config.batchSize(), this::predict);
    }

    static SequenceBatcher batcher(SentimentConfig config, Vocabulary vocab, LabelSet labels) {
        return SequenceBatcher.builder(InputEncoding.INDEX, vocab.size(), labels.size())
                .optBatchSize(config.batchSize()).optMaxLength(config.maxLength()).optSeed(config.seed()).build();
    }

    /**
     * A prediction.
     *
     * @param label         the most probable label
     * @param probabilities every label's probability, in label-set order
     */
    public record Prediction(String label, Map<String, Double> probabilities) {
        public double probability() {
            return probabilities.get(label);
        }
    }

    /**
     * The prediction for one text. Safe from many threads at once: concurrent calls are batched
     * together on one worker thread ({@link BatchingExecutor}), so the network runs one batch at a time.
     */
    public Prediction predict(String text) {
        return single.call(text);
    }

    /** Predictions for many texts, batched (batch size from the settings), in input order. Thread-safe. */
    public List<Prediction> predict(List<String> texts) {
        List<LabeledSequence> samples = new ArrayList<>(texts.size());
        for (String t : texts) samples.add(new LabeledSequence(encoder.encode(t, vocab), 0));
        List<Prediction> out = new ArrayList<>(texts.size());
        for (List<LabeledSequence> b : batcher.inOrder(samples)) {
            INDArray p = probabilities(b);
            for (int i = 0; i < b.size(); i++) {
                Map<String, Double> probs = labels.probabilities(p, i);
                out.add(new Prediction(LabelSet.best(probs), probs));
            }
        }
        return out;
    }

    /** Class probabilities {@code [batch, classes]} of encoded samples (their labels are ignored); one caller at a time. */
    synchronized INDArray probabilities(List<LabeledSequence> batch) {
        return Outputs.of(network, batcher.features(batch));
    }

    List<LabeledSequence> encode(List<io.seq4j.core.data.LabeledTextStream.Row> rows) {
        return encoder.samples(rows, vocab, labels);
    }

    SequenceBatcher batcher() {
        return batcher;
    }

    public LabelSet labels() {
        return labels;
    }

    public Vocabulary vocabulary() {
        return vocab;
    }

    public SentimentConfig config() {
        return config;
    }

    /** Metrics recorded at training time (e.g. dev_accuracy). */
    public Map<String, Double> metrics() {
        return metrics;
    }

    public MultiLayerNetwork network() {
        return network;
    }

    /** This model with one more recorded metric (e.g. test_accuracy), saved with it. */
    public SentimentModel withMetric(String name, double value) {
        Map<String, Double> m = new LinkedHashMap<>(metrics);
        m.put(name, value);
        return new SentimentModel(network, vocab, labels, config, m);
    }

    /** Writes the model as one bundle zip, atomically. */
    public void save(Path file) throws IOException {
        ModelBundle.Builder b = ModelBundle.builder(TASK, network).optSettings(config.toMap()).optSeed(config.seed())
                .optVocabulary(VOCAB, vocab).optLabels(LABELS, labels);
        metrics.forEach(b::optMetric);
        b.build().save(file, false);
    }

    /** Loads a bundle written by {@link #save}; another task's bundle is a BundleFormatException naming the file. */
    public static SentimentModel load(Path file) throws IOException {
        ModelBundle b = ModelBundle.load(file);
        if (!TASK.equals(b.task())) {
            throw new BundleFormatException(file.toString(), "is a '" + b.task() + "' model, not a " + TASK + " model");
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        b.metrics().forEach((k, v) -> metrics.put(k, Double.parseDouble(v)));
        return new SentimentModel(b.multiLayerNetwork(), b.vocabulary(VOCAB), b.labels(LABELS),
                SentimentConfig.builder().apply(b.settings()).build(), metrics);
    }
}
