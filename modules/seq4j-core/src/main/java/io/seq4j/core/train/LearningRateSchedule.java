package io.seq4j.core.train;

/** Learning rate per epoch (0-based). */
@FunctionalInterface
public interface LearningRateSchedule {
    double at(int epoch);

    static LearningRateSchedule constant(double lr) {
        check(lr);
        return epoch -> lr;
    }

    /** {@code lr * factor^(epoch / every)}: multiply by factor every {@code every} epochs. */
    static LearningRateSchedule stepDecay(double lr, double factor, int every) {
        check(lr);
        if (!(factor > 0 && factor <= 1)) throw new IllegalArgumentException("decay factor must be in (0, 1], got " + factor);
        if (every < 1) throw new IllegalArgumentException("decay interval must be >= 1 epoch, got " + every);
        return epoch -> lr * Math.pow(factor, epoch / every);
    }

    private static void check(double lr) {
        if (!(lr > 0 && Double.isFinite(lr))) throw new IllegalArgumentException("learning rate must be positive, got " + lr);
    }
}
