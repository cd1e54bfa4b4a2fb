package io.seq4j.series;

import io.seq4j.core.batch.FrameBatcher;
import io.seq4j.core.bundle.ModelBundle;
import io.seq4j.core.data.LabeledFrames;
import io.seq4j.core.eval.ClassificationEvaluation;
import io.seq4j.core.nn.Outputs;
import io.seq4j.core.text.LabelSet;
import io.seq4j.core.train.DevMetric;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A many-to-one classifier over real-valued frame sequences (audio feature frames, sensor series,
 * video frames): frames {@code [T][F]} in, a label and the class probabilities out. Frames are
 * standardised with a {@link FeatureScaler} fitted on the training data; see {@link SeriesNetwork}
 * for the network. Saved as a bundle of task {@value #TASK}; {@link #inputs()} carries how the
 * frames were made (e.g. audio feature settings), so a loaded model can rebuild them.
 *
 * <p>Prediction methods are synchronized: one network, one caller at a time.
 */
public final class SeriesClassifier {
    public static final String TASK = "series-classifier";
    static final String LABELS = "labels.txt";

    /** A predicted label and the probability of every class, in label-set order. */
    public record Prediction(String label, Map<String, Double> probabilities) {
    }

    private final MultiLayerNetwork network;
    private final LabelSet labels;
    private final FeatureScaler scaler;
    private final SeriesConfig config;
    private final Map<String, String> inputs;
    private final Map<String, Double> metrics;

    private SeriesClassifier(MultiLayerNetwork network, LabelSet labels, FeatureScaler scaler, SeriesConfig config,
                             Map<String, String> inputs, Map<String, Double> metrics) {
        this.network = network;
        this.labels = labels;
        this.scaler = scaler;
        this.config = config;
        this.inputs = Map.copyOf(inputs);
        this.metrics = new LinkedHashMap<>(metrics);
    }

    /**
     * Trains on {@code train}, keeping the epoch of best accuracy on {@code dev}.
     *
     * @param labels        the class names; sample labels index into it
     * @param inputs        how the frames were made (saved with the model), may be empty
     * @param checkpointDir checkpoints (resumed from when present), or null
     * @param progress      progress lines, or null
     */
    public static SeriesClassifier train(SeriesConfig config, LabelSet labels, List<LabeledFrames> train, List<LabeledFrames> dev,
                                         Map<String, String> inputs, Path checkpointDir, PrintStream progress) throws IOException {
        if (train.isEmpty() || dev.isEmpty()) throw new IllegalArgumentException("training and dev data must not be empty");
        FeatureScaler scaler = FeatureScaler.fit(train);
        List<LabeledFrames> tr = scaled(train, scaler), dv = scaled(dev, scaler);
        MultiLayerNetwork net = SeriesNetwork.build(config, scaler.features(), labels.size(), true);
        FrameBatcher batcher = new FrameBatcher(scaler.features(), config.batchSize(), true, config.seed());
        DevMetric accuracy = DevMetric.of("accuracy", n -> evaluate((MultiLayerNetwork) n, batcher, dv, labels).accuracy());
        if (progress != null) progress.printf("%d training sequences, %d dev, %d features per frame, labels %s%n", tr.size(), dv.size(), scaler.features(), labels);
        SeriesTraining.Trained t = SeriesTraining.run(config, net, batcher.epochs(tr, b -> batcher.labeled(b, labels.size())),
                accuracy, checkpointDir, progress);
        return new SeriesClassifier(t.network(), labels, scaler, config, inputs, t.metrics());
    }

    public LabelSet labels() {
        return labels;
    }

    public SeriesConfig config() {
        return config;
    }

    /** How the frames were made (the {@code inputs} given to {@link #train}). */
    public Map<String, String> inputs() {
        return inputs;
    }

    public Map<String, Double> metrics() {
        return Map.copyOf(metrics);
    }

    /** This model with one more recorded metric (e.g. test_accuracy), saved with it. */
    public SeriesClassifier withMetric(String key, double value) {
        metrics.put(key, value);
        return this;
    }

    /** The label and class probabilities for frames {@code [T][F]} (unscaled, as given to training). */
    public Prediction classify(float[][] frames) {
        return classify(List.<float[][]>of(frames)).get(0);
    }

    /** Batch prediction, in input order. */
    public synchronized List<Prediction> classify(List<float[][]> sequences) {
        List<LabeledFrames> samples = new ArrayList<>();
        for (float[][] f : sequences) samples.add(new LabeledFrames(scaler.apply(f), 0));
        FrameBatcher batcher = new FrameBatcher(scaler.features(), config.batchSize(), false, 0);
        List<Prediction> out = new ArrayList<>();
        for (List<LabeledFrames> b : batcher.inOrder(samples)) {
            INDArray p = Outputs.of(network, batcher.features(b));
            for (int i = 0; i < b.size(); i++) {
                Map<String, Double> probs = labels.probabilities(p, i);
                out.add(new Prediction(LabelSet.best(probs), probs));
            }
        }
        return out;
    }

    /** Accuracy, per-class scores and confusion on labelled sequences (unscaled frames). */
    public synchronized ClassificationEvaluation evaluate(List<LabeledFrames> samples) {
        return evaluate(network, new FrameBatcher(scaler.features(), config.batchSize(), false, 0), scaled(samples, scaler), labels);
    }

    private static ClassificationEvaluation evaluate(MultiLayerNetwork net, FrameBatcher batcher, List<LabeledFrames> scaled, LabelSet labels) {
        ClassificationEvaluation e = new ClassificationEvaluation(labels);
        for (List<LabeledFrames> b : batcher.inOrder(scaled)) {
            INDArray p = Outputs.of(net, batcher.features(b));
            for (int i = 0; i < b.size(); i++) e.add(b.get(i).label(), p.getRow(i).argMax().getInt(0));
        }
        return e;
    }

    private static List<LabeledFrames> scaled(List<LabeledFrames> samples, FeatureScaler scaler) {
        return samples.stream().map(s -> new LabeledFrames(scaler.apply(s.frames()), s.label())).toList();
    }

    /** Writes the bundle atomically. */
    public synchronized void save(Path file) throws IOException {
        ModelBundle.Builder b = SeriesTraining.bundle(TASK, network, config, scaler, inputs, metrics).optLabels(LABELS, labels);
        b.build().save(file, false);
    }

    /** Loads a bundle written by {@link #save}; another task's bundle is a BundleFormatException naming the file. */
    public static SeriesClassifier load(Path file) throws IOException {
        ModelBundle b = SeriesTraining.load(file, TASK);
        return new SeriesClassifier(b.multiLayerNetwork(), b.labels(LABELS), SeriesTraining.scaler(b, file), SeriesConfig.fromMap(b.settings()),
                SeriesTraining.inputs(b), SeriesTraining.metrics(b));
    }

    /** F, the number of features per frame the model reads. */
    public int features() {
        return scaler.features();
    }
}
