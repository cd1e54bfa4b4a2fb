package io.seq4j.core.batch;

import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.Iterator;

/**
 * Training batches for a ComputationGraph with several inputs or outputs, epoch by epoch. As with
 * {@link EpochSource}, the batches of an epoch depend only on the epoch number (so a resumed run
 * skips exactly the batches it had done).
 */
public interface GraphEpochSource {
    /** Number of batches each epoch yields (for progress and ETA). */
    int batchesPerEpoch();

    /** The batches of epoch {@code epoch} (0-based), in order. */
    Iterator<MultiDataSet> epoch(int epoch);
}
