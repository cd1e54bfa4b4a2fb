package io.seq4j.core.train;

import org.deeplearning4j.nn.api.Model;

import java.util.List;

/**
 * What a {@link Trainer} run produced.
 *
 * @param network       the trained network: the best-on-dev one when a dev metric was given (the
 *                      instance passed in, or the one restored from a checkpoint)
 * @param epochs        statistics of every completed epoch, resumed ones included
 * @param resumedFrom   epoch (0-based) the run resumed in from a checkpoint, or -1
 * @param bestEpoch     0-based epoch of the best dev metric, or the last epoch without a metric
 * @param bestMetric    best dev metric (NaN without one)
 * @param stoppedEarly  true when early stopping ended the run
 */
public record TrainingResult(Model network, List<EpochStats> epochs, int resumedFrom, int bestEpoch,
                             double bestMetric, boolean stoppedEarly) {

    /**
     * One epoch's numbers.
     *
     * @param epoch     0-based epoch
     * @param meanLoss  mean training loss over its batches
     * @param devMetric dev metric after it (NaN without one)
     * @param tokens    real (unpadded) time steps trained on
     * @param seconds   wall time of the training steps (dev evaluation excluded)
     */
    public record EpochStats(int epoch, double meanLoss, double devMetric, long tokens, double seconds) {
    }
}
