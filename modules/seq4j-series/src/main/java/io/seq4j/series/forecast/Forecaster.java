package io.seq4j.series.forecast;

import io.seq4j.core.data.TargetFrames;
import io.seq4j.series.SeriesConfig;
import io.seq4j.series.SeriesRegressor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One-step-ahead forecasting from a window of past days: the features of days
 * {@code t-W+1 .. t} ({@code [W][F]}, F named by {@link #features()}) predict a value about day
 * {@code t+1}. A {@link SeriesRegressor} does the work; the window length and the feature names are
 * saved with it, so {@code Forecaster.load(file).forecast(history)} checks what it is given.
 */
public final class Forecaster {
    static final String WINDOW = "window";
    static final String FEATURES = "features";
    static final String TARGET = "target";

    private final SeriesRegressor model;
    private final int window;
    private final List<String> features;
    private final String target;

    private Forecaster(SeriesRegressor model, int window, List<String> features, String target) {
        this.model = model;
        this.window = window;
        this.features = List.copyOf(features);
        this.target = target;
    }

    /**
     * The samples of a daily table: for every day {@code t} with {@code window - 1} days before it and
     * a day after it, frames = rows {@code t-W+1..t} of {@code rows} ({@code [N][F]}), target =
     * {@code targets[t + 1]}. Only days {@code t} that {@code use} accepts are kept (e.g. "the target
     * day is in 2015").
     */
    public static List<TargetFrames> samples(float[][] rows, double[] targets, int window, java.util.function.IntPredicate use) {
        if (rows.length != targets.length) throw new IllegalArgumentException(rows.length + " rows but " + targets.length + " targets");
        List<TargetFrames> out = new ArrayList<>();
        for (int t = window - 1; t + 1 < rows.length; t++) {
            if (use.test(t)) out.add(new TargetFrames(Arrays.copyOfRange(rows, t - window + 1, t + 1), new float[]{(float) targets[t + 1]}));
        }
        return out;
    }

    /** Trains a forecaster (early stopping on dev MAE). */
    public static Forecaster train(SeriesConfig config, int window, List<String> features, String target, List<TargetFrames> train,
                                   List<TargetFrames> dev, PrintStream progress) throws IOException {
        SeriesRegressor m = SeriesRegressor.train(config, train, dev,
                Map.of(WINDOW, Integer.toString(window), FEATURES, String.join(",", features), TARGET, target), null, progress);
        return new Forecaster(m, window, features, target);
    }

    /** The predicted target for the day after the last row of {@code history} ({@code [W][F]}, the last W days, oldest first). */
    public double forecast(float[][] history) {
        if (history.length != window || history[0].length != features.size()) {
            throw new IllegalArgumentException("a forecast needs the last " + window + " days of " + features.size() + " features (" + String.join(", ", features)
                    + "), got " + history.length + " x " + (history.length == 0 ? 0 : history[0].length));
        }
        return model.predict(history)[0];
    }

    /** Predictions for many samples (their targets are ignored), in order. */
    public double[] forecastAll(List<TargetFrames> samples) {
        return model.predictAll(samples).stream().mapToDouble(p -> p[0]).toArray();
    }

    public int window() {
        return window;
    }

    /** The feature names, in frame order. */
    public List<String> features() {
        return features;
    }

    /** What the model predicts (e.g. "temp_max change, deg C"). */
    public String target() {
        return target;
    }

    public SeriesRegressor model() {
        return model;
    }

    public void save(Path file) throws IOException {
        model.save(file);
    }

    /** Loads a bundle written by {@link #save}. */
    public static Forecaster load(Path file) throws IOException {
        SeriesRegressor m = SeriesRegressor.load(file);
        Map<String, String> in = m.inputs();
        if (!in.containsKey(WINDOW) || !in.containsKey(FEATURES)) {
            throw new io.seq4j.core.bundle.BundleFormatException(file.toString(), "is a series regressor without forecasting settings (window, features)");
        }
        return new Forecaster(m, Integer.parseInt(in.get(WINDOW)), List.of(in.get(FEATURES).split(",")), in.getOrDefault(TARGET, ""));
    }
}
