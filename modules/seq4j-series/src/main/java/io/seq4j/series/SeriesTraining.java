package io.seq4j.series;

import io.seq4j.core.batch.EpochSource;
import io.seq4j.core.bundle.BundleFormatException;
import io.seq4j.core.bundle.ModelBundle;
import io.seq4j.core.train.DevMetric;
import io.seq4j.core.train.Trainer;
import io.seq4j.core.train.TrainerConfig;
import io.seq4j.core.train.TrainingResult;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What {@link SeriesClassifier} and {@link SeriesRegressor} share: the training run and the bundle layout. */
final class SeriesTraining {
    static final String SCALER = "scaler.txt";
    static final String INPUT = "input.";

    private SeriesTraining() {
    }

    /** Trains with early stopping on {@code dev}; returns the network of the best dev epoch and the run's metrics. */
    static Trained run(SeriesConfig c, MultiLayerNetwork net, EpochSource train, DevMetric dev, Path checkpointDir, PrintStream progress)
            throws IOException {
        if (progress != null) progress.printf("network: %s, %,d parameters%n", SeriesNetwork.describe(net), net.numParams());
        TrainerConfig tc = TrainerConfig.builder(c.epochs()).optPatience(c.patience()).optCheckpointDir(checkpointDir)
                .optProgress(progress, 10_000).build();
        TrainingResult r = new Trainer(tc).train(net, train, dev);
        double seconds = r.epochs().stream().mapToDouble(TrainingResult.EpochStats::seconds).sum();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("dev_" + dev.name(), r.bestMetric());
        metrics.put("best_epoch", (double) r.bestEpoch() + 1);
        metrics.put("epochs", (double) r.epochs().size());
        metrics.put("train_seconds", seconds);
        return new Trained((MultiLayerNetwork) r.network(), metrics);
    }

    record Trained(MultiLayerNetwork network, Map<String, Double> metrics) {
    }

    /** A bundle of {@code task}: the settings, the input description (settings {@code input.*}), the scaler, metrics. */
    static ModelBundle.Builder bundle(String task, MultiLayerNetwork net, SeriesConfig c, FeatureScaler scaler,
                                      Map<String, String> inputs, Map<String, Double> metrics) {
        ModelBundle.Builder b = ModelBundle.builder(task, net).optSettings(c.toMap()).optSeed(c.seed())
                .optArtifact(SCALER, scaler.toText());
        inputs.forEach((k, v) -> b.optSetting(INPUT + k, v));
        metrics.forEach(b::optMetric);
        return b;
    }

    /** Loads a bundle and checks it is of {@code task}. */
    static ModelBundle load(Path file, String task) throws IOException {
        ModelBundle b = ModelBundle.load(file);
        if (!task.equals(b.task())) throw new BundleFormatException(file.toString(), "is a '" + b.task() + "' model, not a " + task + " model");
        return b;
    }

    static Map<String, String> inputs(ModelBundle b) {
        Map<String, String> m = new LinkedHashMap<>();
        b.settings().forEach((k, v) -> {
            if (k.startsWith(INPUT)) m.put(k.substring(INPUT.length()), v);
        });
        return m;
    }

    static Map<String, Double> metrics(ModelBundle b) {
        Map<String, Double> m = new LinkedHashMap<>();
        b.metrics().forEach((k, v) -> m.put(k, Double.parseDouble(v)));
        return m;
    }

    static FeatureScaler scaler(ModelBundle b, Path file) {
        return FeatureScaler.fromText(b.artifact(SCALER), file + "!" + SCALER);
    }
}
