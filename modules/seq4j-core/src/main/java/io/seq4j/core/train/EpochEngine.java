package io.seq4j.core.train;

import org.deeplearning4j.nn.api.Model;

import java.util.List;

/**
 * Fits the batches of one training epoch somewhere other than the Trainer's own loop: on a Spark
 * cluster (seq4j-spark's {@code SparkEpochEngine}) or on several workers. {@link Trainer} keeps
 * everything around it as in a local run: the epoch's batches (the same ones, from the same
 * batcher), the learning-rate schedule, dev evaluation, early stopping, the best epoch, checkpoints
 * between epochs and the network that becomes the bundle. Set with
 * {@link TrainerConfig.Builder#optEngine(EpochEngine)}.
 */
public interface EpochEngine extends AutoCloseable {
    /**
     * Trains {@code network} on one epoch's batches ({@code DataSet}s, or {@code MultiDataSet}s for a
     * graph with several inputs) and leaves the trained parameters in {@code network} itself.
     *
     * @return the epoch's training loss as the engine reports it (the mean score of its last
     *         averaging round for Spark's parameter averaging)
     */
    double fitEpoch(Model network, List<?> batches);

    /** One line for the progress log, e.g. {@code "spark local[2]: parameter averaging every 5 batches per worker"}. */
    String describe();

    /** Releases the engine's workers or cluster context (nothing by default). */
    @Override
    default void close() {
    }
}
