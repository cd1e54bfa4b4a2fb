package io.seq4j.core.batch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.ToIntFunction;

/** How samples are grouped into batches: the shared rule of {@link SequenceBatcher} and {@link FrameBatcher}. */
final class BatchPlan {
    private BatchPlan() {
    }

    /**
     * The batches of one epoch. Order is a function of (seed, epoch) only, so a resumed run sees the
     * same batches. With bucketing, samples are shuffled, cut into pools of 64 batches, each pool
     * sorted by length and cut into batches, and the batches shuffled.
     */
    static <T> List<List<T>> shuffled(List<T> samples, ToIntFunction<T> length, int batchSize, boolean bucketing, long seed, int epoch) {
        List<T> order = new ArrayList<>(samples);
        Random rnd = new Random(seed * 1_000_003L + epoch);
        Collections.shuffle(order, rnd);
        if (bucketing) {
            int pool = batchSize * 64;
            for (int from = 0; from < order.size(); from += pool) {
                order.subList(from, Math.min(order.size(), from + pool)).sort(Comparator.comparingInt(length));
            }
        }
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < order.size(); from += batchSize) {
            batches.add(List.copyOf(order.subList(from, Math.min(order.size(), from + batchSize))));
        }
        if (bucketing) {
            Collections.shuffle(batches, rnd);
        }
        return batches;
    }

    /** Batches in input order, without shuffling (for evaluation and prediction). */
    static <T> List<List<T>> inOrder(List<T> samples, int batchSize) {
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < samples.size(); from += batchSize) {
            batches.add(samples.subList(from, Math.min(samples.size(), from + batchSize)));
        }
        return batches;
    }

    /** Length-step mask {@code [batch, T]} (1 = real step), or null when no sample is shorter than t. */
    static float[] mask(int[] lengths, int t) {
        boolean padded = false;
        for (int len : lengths) padded |= len < t;
        if (!padded) return null;
        float[] m = new float[lengths.length * t];
        for (int i = 0; i < lengths.length; i++) {
            for (int s = 0; s < Math.min(t, lengths[i]); s++) m[i * t + s] = 1f;
        }
        return m;
    }
}
