package io.seq4j.core.batch;

import org.nd4j.linalg.dataset.DataSet;

import java.util.Iterator;

/** Training batches, epoch by epoch. The batches of an epoch depend only on the epoch number. */
public interface EpochSource {
    /** Number of batches each epoch yields (for progress and ETA). */
    int batchesPerEpoch();

    /** The batches of epoch {@code epoch} (0-based), in order. */
    Iterator<DataSet> epoch(int epoch);

    /** A source of {@code batchesPerEpoch} batches per epoch, made by {@code epoch}. */
    static EpochSource of(int batchesPerEpoch, java.util.function.IntFunction<Iterator<DataSet>> epoch) {
        return new EpochSource() {
            @Override
            public int batchesPerEpoch() {
                return batchesPerEpoch;
            }

            @Override
            public Iterator<DataSet> epoch(int e) {
                return epoch.apply(e);
            }
        };
    }
}
