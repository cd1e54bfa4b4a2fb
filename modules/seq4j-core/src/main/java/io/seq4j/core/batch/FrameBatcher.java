package io.seq4j.core.batch;

import io.seq4j.core.data.FrameSample;
import io.seq4j.core.data.LabeledFrames;
import io.seq4j.core.data.TargetFrames;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.function.Function;

/**
 * Real-valued frame sequences to tensors, as {@link SequenceBatcher} does for token sequences:
 * features {@code [batch, F, T]} in DL4J's NCW layout, padded with zeros at the end to the longest
 * sequence of the batch, the feature mask {@code [batch, T]} (1 = real step; null when no sequence
 * of the batch is padded), and many-to-one labels {@code [batch, classes]} (one-hot) or targets
 * {@code [batch, K]}. Batches group sequences of similar length (same rule as SequenceBatcher).
 */
public final class FrameBatcher {
    private final int features;
    private final int batchSize;
    private final boolean bucketing;
    private final long seed;

    /**
     * @param features  F, the width of every frame
     * @param batchSize sequences per batch
     * @param bucketing group sequences of similar length
     * @param seed      shuffling seed
     */
    public FrameBatcher(int features, int batchSize, boolean bucketing, long seed) {
        if (features < 1 || batchSize < 1) throw new IllegalArgumentException("features and batchSize must be positive");
        this.features = features;
        this.batchSize = batchSize;
        this.bucketing = bucketing;
        this.seed = seed;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Classification batch: features, one-hot labels {@code [batch, classes]}, feature mask. */
    public DataSet labeled(List<LabeledFrames> batch, int classes) {
        float[] y = new float[batch.size() * classes];
        for (int i = 0; i < batch.size(); i++) {
            int c = batch.get(i).label();
            if (c < 0 || c >= classes) throw new IllegalArgumentException("class index " + c + " outside [0, " + classes + ")");
            y[i * classes + c] = 1f;
        }
        DataSet d = features(batch);
        d.setLabels(Nd4j.create(y, new long[]{batch.size(), classes}, 'c'));
        return d;
    }

    /** Regression batch: features, targets {@code [batch, K]}, feature mask. */
    public DataSet targets(List<TargetFrames> batch) {
        int k = batch.get(0).target().length;
        float[] y = new float[batch.size() * k];
        for (int i = 0; i < batch.size(); i++) {
            float[] t = batch.get(i).target();
            if (t.length != k) throw new IllegalArgumentException("sample " + i + " has " + t.length + " targets, sample 0 has " + k);
            System.arraycopy(t, 0, y, i * k, k);
        }
        DataSet d = features(batch);
        d.setLabels(Nd4j.create(y, new long[]{batch.size(), k}, 'c'));
        return d;
    }

    /** Features {@code [batch, F, T]} and mask (null when unpadded), no labels (for prediction). */
    public DataSet features(List<? extends FrameSample> batch) {
        if (batch.isEmpty()) throw new IllegalArgumentException("empty batch");
        int t = 0;
        int[] lengths = new int[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            lengths[i] = batch.get(i).length();
            t = Math.max(t, lengths[i]);
        }
        float[] f = new float[batch.size() * features * t];
        for (int i = 0; i < batch.size(); i++) {
            float[][] frames = batch.get(i).frames();
            for (int s = 0; s < frames.length; s++) {
                if (frames[s].length != features) {
                    throw new IllegalArgumentException("sample " + i + " has frames of " + frames[s].length + " features, the model reads " + features);
                }
                for (int j = 0; j < features; j++) f[(i * features + j) * t + s] = frames[s][j];
            }
        }
        float[] m = BatchPlan.mask(lengths, t);
        return new DataSet(Nd4j.create(f, new long[]{batch.size(), features, t}, 'c'), null,
                m == null ? null : Nd4j.create(m, new long[]{batch.size(), t}, 'c'), null);
    }

    /** Training data over in-memory samples, reshuffled per epoch (a function of seed and epoch), tensorised lazily. */
    public <T extends FrameSample> EpochSource epochs(List<T> samples, Function<List<T>, DataSet> toDataSet) {
        if (samples.isEmpty()) throw new IllegalArgumentException("no training samples");
        return EpochSource.of((samples.size() + batchSize - 1) / batchSize,
                epoch -> BatchPlan.shuffled(samples, FrameSample::length, batchSize, bucketing, seed, epoch).stream().map(toDataSet).iterator());
    }

    /** Batches in input order (for evaluation and prediction). */
    public <T extends FrameSample> List<List<T>> inOrder(List<T> samples) {
        return BatchPlan.inOrder(samples, batchSize);
    }
}
