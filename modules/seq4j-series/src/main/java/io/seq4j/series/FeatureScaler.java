package io.seq4j.series;

import io.seq4j.core.data.FrameSample;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per-feature standardisation {@code (x - mean) / std}, fitted on training data only (never on dev
 * or test: no statistics leak from the future into a forecast). Features with (near) zero spread
 * keep std 1.
 *
 * @param mean per feature, length F
 * @param std  per feature, length F, all > 0
 */
public record FeatureScaler(double[] mean, double[] std) {

    /** Mean and standard deviation of every feature over all frames of all samples. */
    public static FeatureScaler fit(List<? extends FrameSample> samples) {
        return fitRows(samples.stream().flatMap(s -> java.util.Arrays.stream(s.frames())).toList());
    }

    /** Mean and standard deviation of every column over rows {@code [N][F]}. */
    public static FeatureScaler fitRows(List<float[]> rows) {
        if (rows.isEmpty()) throw new IllegalArgumentException("no rows to fit a scaler on");
        int f = rows.get(0).length;
        double[] mean = new double[f], sq = new double[f];
        for (float[] r : rows) {
            for (int i = 0; i < f; i++) mean[i] += r[i];
        }
        for (int i = 0; i < f; i++) mean[i] /= rows.size();
        for (float[] r : rows) {
            for (int i = 0; i < f; i++) sq[i] += (r[i] - mean[i]) * (r[i] - mean[i]);
        }
        double[] std = new double[f];
        for (int i = 0; i < f; i++) {
            double s = Math.sqrt(sq[i] / rows.size());
            std[i] = s > 1e-6 ? s : 1.0;
        }
        return new FeatureScaler(mean, std);
    }

    public int features() {
        return mean.length;
    }

    /** Scaled copy of frames {@code [T][F]}. */
    public float[][] apply(float[][] frames) {
        float[][] out = new float[frames.length][];
        for (int t = 0; t < frames.length; t++) out[t] = apply(frames[t]);
        return out;
    }

    /** Scaled copy of one row of F values. */
    public float[] apply(float[] row) {
        if (row.length != mean.length) throw new IllegalArgumentException("a row of " + row.length + " values, the scaler has " + mean.length + " features");
        float[] out = new float[row.length];
        for (int i = 0; i < row.length; i++) out[i] = (float) ((row[i] - mean[i]) / std[i]);
        return out;
    }

    /** Inverse of {@link #apply(float[])}: back to the original units. */
    public double unscale(int feature, double value) {
        return value * std[feature] + mean[feature];
    }

    /** One line per feature: "mean std" (the bundle artifact). */
    public String toText() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < mean.length; i++) b.append(String.format(Locale.ROOT, "%s %s%n", mean[i], std[i]));
        return b.toString();
    }

    /** Reads {@link #toText}; {@code name} names the source in errors. */
    public static FeatureScaler fromText(String text, String name) {
        List<double[]> rows = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            String[] p = lines[i].trim().split(" ");
            try {
                double m = Double.parseDouble(p[0]), s = Double.parseDouble(p[1]);
                if (p.length != 2 || !(s > 0) || !Double.isFinite(m)) throw new NumberFormatException();
                rows.add(new double[]{m, s});
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": expected 'mean std' with std > 0, got '" + lines[i] + "'");
            }
        }
        if (rows.isEmpty()) throw new IllegalArgumentException(name + ": no features");
        return new FeatureScaler(rows.stream().mapToDouble(r -> r[0]).toArray(), rows.stream().mapToDouble(r -> r[1]).toArray());
    }
}
