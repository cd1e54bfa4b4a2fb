package io.seq4j.core.train;

import org.deeplearning4j.nn.api.Model;

/** A metric measured on development data after each epoch, for early stopping and model selection. */
public interface DevMetric {
    /** Short name for progress lines, e.g. "accuracy", "F1", "loss". */
    String name();

    /** Evaluates the network on the dev data. */
    double evaluate(Model network) throws java.io.IOException;

    /** True when larger values are better (accuracy), false for losses. */
    default boolean higherIsBetter() {
        return true;
    }
}
