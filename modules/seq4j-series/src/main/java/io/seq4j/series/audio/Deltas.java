package io.seq4j.series.audio;

/**
 * First-order regression deltas over time (HTK / python_speech_features {@code delta}):
 * {@code d[t] = sum_{n=1..N} n (c[t+n] - c[t-n]) / (2 sum_{n=1..N} n^2)}, with the first and last
 * frames repeated past the edges. For a linear ramp the interior deltas equal its slope per frame.
 */
public final class Deltas {
    private Deltas() {
    }

    /**
     * @param features {@code [frames][dims]}, at least one frame
     * @param window   {@code N}, at least 1 (2 is standard)
     * @return deltas, {@code [frames][dims]}
     */
    public static float[][] compute(float[][] features, int window) {
        if (window < 1) throw new IllegalArgumentException("delta window must be at least 1, got " + window);
        if (features.length == 0) throw new IllegalArgumentException("no frames to take deltas of");
        int frames = features.length, dims = features[0].length;
        double denominator = 0;
        for (int n = 1; n <= window; n++) denominator += 2.0 * n * n;
        float[][] deltas = new float[frames][dims];
        for (int t = 0; t < frames; t++) {
            for (int d = 0; d < dims; d++) {
                double sum = 0;
                for (int n = 1; n <= window; n++) {
                    sum += n * ((double) features[Math.min(t + n, frames - 1)][d] - features[Math.max(t - n, 0)][d]);
                }
                deltas[t][d] = (float) (sum / denominator);
            }
        }
        return deltas;
    }
}
