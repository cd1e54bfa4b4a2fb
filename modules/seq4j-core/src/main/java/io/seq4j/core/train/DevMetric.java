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

    /** A higher-is-better metric: its name and how the network is scored. */
    static DevMetric of(String name, java.util.function.ToDoubleFunction<Model> evaluate) {
        return metric(name, evaluate, true);
    }

    /** A lower-is-better metric (a loss, an error): its name and how the network is scored. */
    static DevMetric lowerIsBetter(String name, java.util.function.ToDoubleFunction<Model> evaluate) {
        return metric(name, evaluate, false);
    }

    private static DevMetric metric(String name, java.util.function.ToDoubleFunction<Model> evaluate, boolean higherIsBetter) {
        return new DevMetric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double evaluate(Model network) {
                return evaluate.applyAsDouble(network);
            }

            @Override
            public boolean higherIsBetter() {
                return higherIsBetter;
            }
        };
    }
}
