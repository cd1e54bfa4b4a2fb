package io.seq4j.series;

import io.seq4j.core.batch.FrameBatcher;
import io.seq4j.core.bundle.ModelBundle;
import io.seq4j.core.data.TargetFrames;
import io.seq4j.core.nn.Outputs;
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
 * A many-to-one regressor over real-valued frame sequences: frames {@code [T][F]} (e.g. the last T
 * days of a series) in, K values out (e.g. tomorrow's temperature). Inputs and targets are
 * standardised with scalers fitted on the training data only; predictions come back in the
 * targets' units. Early stopping keeps the epoch of least mean absolute error on dev (the
 * loss is {@link SeriesConfig#loss}). Saved as a bundle of task {@value #TASK}.
 *
 * <p>Prediction methods are synchronized: one network, one caller at a time.
 */
public final class SeriesRegressor {
    public static final String TASK = "series-regressor";
    static final String TARGET_SCALER = "target-scaler.txt";

    private final MultiLayerNetwork network;
    private final FeatureScaler scaler;
    private final FeatureScaler targetScaler;
    private final SeriesConfig config;
    private final Map<String, String> inputs;
    private final Map<String, Double> metrics;

    private SeriesRegressor(MultiLayerNetwork network, FeatureScaler scaler, FeatureScaler targetScaler, SeriesConfig config,
                            Map<String, String> inputs, Map<String, Double> metrics) {
        this.network = network;
        this.scaler = scaler;
        this.targetScaler = targetScaler;
        this.config = config;
        this.inputs = Map.copyOf(inputs);
        this.metrics = new LinkedHashMap<>(metrics);
    }

    /**
     * Trains on {@code train}, keeping the epoch of least dev MAE (in the targets' units).
     *
     * @param inputs        how the frames were made (saved with the model), may be empty
     * @param checkpointDir checkpoints (resumed from when present), or null
     * @param progress      progress lines, or null
     */
    public static SeriesRegressor train(SeriesConfig config, List<TargetFrames> train, List<TargetFrames> dev, Map<String, String> inputs,
                                        Path checkpointDir, PrintStream progress) throws IOException {
        if (train.isEmpty() || dev.isEmpty()) throw new IllegalArgumentException("training and dev data must not be empty");
        FeatureScaler scaler = FeatureScaler.fit(train);
        FeatureScaler targets = FeatureScaler.fitRows(train.stream().map(TargetFrames::target).toList());
        List<TargetFrames> tr = scaled(train, scaler, targets);
        MultiLayerNetwork net = SeriesNetwork.build(config, scaler.features(), targets.features(), false);
        FrameBatcher batcher = new FrameBatcher(scaler.features(), config.batchSize(), false, config.seed());
        DevMetric mae = DevMetric.lowerIsBetter("mae", n -> meanAbsoluteError(predict((MultiLayerNetwork) n, batcher, scaler, targets, dev), dev));
        if (progress != null) progress.printf("%d training sequences, %d dev, %d features per step, %d targets%n", tr.size(), dev.size(), scaler.features(), targets.features());
        SeriesTraining.Trained t = SeriesTraining.run(config, net, batcher.epochs(tr, batcher::targets), mae, checkpointDir, progress);
        return new SeriesRegressor(t.network(), scaler, targets, config, inputs, t.metrics());
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

    /** This model with one more recorded metric (e.g. test_mae), saved with it. */
    public SeriesRegressor withMetric(String key, double value) {
        metrics.put(key, value);
        return this;
    }

    /** The K predicted values for frames {@code [T][F]}, in the targets' units. */
    public float[] predict(float[][] frames) {
        return predictAll(List.of(new TargetFrames(frames, new float[targetScaler.features()]))).get(0);
    }

    /** Predictions for many samples (their targets are ignored), in input order. */
    public synchronized List<float[]> predictAll(List<TargetFrames> samples) {
        return predict(network, new FrameBatcher(scaler.features(), config.batchSize(), false, 0), scaler, targetScaler, samples);
    }

    /** Mean absolute error over all samples and targets. */
    public static double meanAbsoluteError(List<float[]> predicted, List<TargetFrames> samples) {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < samples.size(); i++) {
            float[] t = samples.get(i).target();
            for (int k = 0; k < t.length; k++, n++) sum += Math.abs(predicted.get(i)[k] - t[k]);
        }
        return sum / n;
    }

    private static List<float[]> predict(MultiLayerNetwork net, FrameBatcher batcher, FeatureScaler scaler, FeatureScaler targets,
                                         List<TargetFrames> samples) {
        List<TargetFrames> scaled = samples.stream().map(s -> new TargetFrames(scaler.apply(s.frames()), s.target())).toList();
        List<float[]> out = new ArrayList<>();
        for (List<TargetFrames> b : batcher.inOrder(scaled)) {
            INDArray p = Outputs.of(net, batcher.features(b));
            for (int i = 0; i < b.size(); i++) {
                float[] y = new float[targets.features()];
                for (int k = 0; k < y.length; k++) y[k] = (float) targets.unscale(k, p.getDouble(i, k));
                out.add(y);
            }
        }
        return out;
    }

    private static List<TargetFrames> scaled(List<TargetFrames> samples, FeatureScaler scaler, FeatureScaler targets) {
        return samples.stream().map(s -> new TargetFrames(scaler.apply(s.frames()), targets.apply(s.target()))).toList();
    }

    /** Writes the bundle atomically. */
    public synchronized void save(Path file) throws IOException {
        SeriesTraining.bundle(TASK, network, config, scaler, inputs, metrics).optArtifact(TARGET_SCALER, targetScaler.toText())
                .build().save(file, false);
    }

    /** Loads a bundle written by {@link #save}; another task's bundle is a BundleFormatException naming the file. */
    public static SeriesRegressor load(Path file) throws IOException {
        ModelBundle b = SeriesTraining.load(file, TASK);
        return new SeriesRegressor(b.multiLayerNetwork(), SeriesTraining.scaler(b, file),
                FeatureScaler.fromText(b.artifact(TARGET_SCALER), file + "!" + TARGET_SCALER), SeriesConfig.fromMap(b.settings()),
                SeriesTraining.inputs(b), SeriesTraining.metrics(b));
    }
}
