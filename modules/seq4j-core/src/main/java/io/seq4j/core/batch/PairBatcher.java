package io.seq4j.core.batch;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Iterator;
import java.util.List;

/**
 * Batches of (source, target) token-index pairs for an encoder-decoder graph with teacher forcing.
 * A pair's target {@code y1..yn EOS} becomes the decoder input {@code BOS y1..yn} and the labels
 * {@code y1..yn EOS} (the same length n + 1).
 *
 * <p>Every batch of B pairs is a MultiDataSet with
 * <ul>
 *   <li>features[0] source indices {@code [B, 1, Ts]}, features[1] decoder input indices {@code [B, 1, Tt]};</li>
 *   <li>labels[0] next-token indices {@code [B, 1, Tt]} (for SPARSE_MCXENT);</li>
 *   <li>feature masks {@code [B, Ts]} and {@code [B, Tt]}, label mask {@code [B, Tt]} (1 = real step;
 *       sequences are padded at the end with index 0).</li>
 * </ul>
 * Ts and Tt are the longest source and target in the batch. Training epochs use the shared
 * shuffling rule (seeded by (seed, epoch); length buckets by the longer side of each pair).
 */
public final class PairBatcher {
    /** One encoded pair: {@code source} token indices, and {@code target} indices ending with EOS. */
    public record EncodedPair(int[] source, int[] target) {
        public EncodedPair {
            if (source.length == 0 || target.length == 0) {
                throw new IllegalArgumentException("a pair needs at least one source and one target index");
            }
        }
    }

    private final int batchSize;
    private final int bos;
    private final long seed;

    /**
     * @param batchSize pairs per batch
     * @param bos       index of the begin-of-sentence token that starts every decoder input
     * @param seed      seed of the epoch shuffles
     */
    public PairBatcher(int batchSize, int bos, long seed) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        this.batchSize = batchSize;
        this.bos = bos;
        this.seed = seed;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Shuffled, length-bucketed training epochs over {@code pairs}. */
    public GraphEpochSource epochs(List<EncodedPair> pairs) {
        int batches = (pairs.size() + batchSize - 1) / batchSize;
        return new GraphEpochSource() {
            @Override
            public int batchesPerEpoch() {
                return batches;
            }

            @Override
            public Iterator<MultiDataSet> epoch(int epoch) {
                Iterator<List<EncodedPair>> plan = BatchPlan.shuffled(pairs,
                        p -> Math.max(p.source().length, p.target().length), batchSize, true, seed, epoch).iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return plan.hasNext();
                    }

                    @Override
                    public MultiDataSet next() {
                        return batch(plan.next());
                    }
                };
            }
        };
    }

    /** {@code pairs} in input order, cut into batches (evaluation). */
    public List<List<EncodedPair>> inOrder(List<EncodedPair> pairs) {
        return BatchPlan.inOrder(pairs, batchSize);
    }

    /** The MultiDataSet of one batch (see the class comment for shapes). */
    public MultiDataSet batch(List<EncodedPair> batch) {
        int b = batch.size();
        int ts = 0, tt = 0;
        for (EncodedPair p : batch) {
            ts = Math.max(ts, p.source().length);
            tt = Math.max(tt, p.target().length);
        }
        float[] src = new float[b * ts], srcMask = new float[b * ts];
        float[] in = new float[b * tt], out = new float[b * tt], tgtMask = new float[b * tt];
        for (int i = 0; i < b; i++) {
            int[] s = batch.get(i).source(), t = batch.get(i).target();
            for (int k = 0; k < s.length; k++) {
                src[i * ts + k] = s[k];
                srcMask[i * ts + k] = 1f;
            }
            for (int k = 0; k < t.length; k++) {
                in[i * tt + k] = k == 0 ? bos : t[k - 1];
                out[i * tt + k] = t[k];
                tgtMask[i * tt + k] = 1f;
            }
        }
        INDArray tm = Nd4j.create(tgtMask, new long[]{b, tt}, 'c');
        return new org.nd4j.linalg.dataset.MultiDataSet(
                new INDArray[]{Nd4j.create(src, new long[]{b, 1, ts}, 'c'), Nd4j.create(in, new long[]{b, 1, tt}, 'c')},
                new INDArray[]{Nd4j.create(out, new long[]{b, 1, tt}, 'c')},
                new INDArray[]{Nd4j.create(srcMask, new long[]{b, ts}, 'c'), tm},
                new INDArray[]{tm.dup()});
    }

    /** Source indices {@code [B, 1, Ts]} and mask {@code [B, Ts]} for encoding alone (decoding). */
    public static INDArray[] sources(List<int[]> sources) {
        int b = sources.size(), ts = 0;
        for (int[] s : sources) ts = Math.max(ts, s.length);
        float[] src = new float[b * ts], mask = new float[b * ts];
        for (int i = 0; i < b; i++) {
            int[] s = sources.get(i);
            for (int k = 0; k < s.length; k++) {
                src[i * ts + k] = s[k];
                mask[i * ts + k] = 1f;
            }
        }
        return new INDArray[]{Nd4j.create(src, new long[]{b, 1, ts}, 'c'), Nd4j.create(mask, new long[]{b, ts}, 'c')};
    }
}
