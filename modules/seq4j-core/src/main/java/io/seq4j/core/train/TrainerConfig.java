package io.seq4j.core.train;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Settings of a {@link Trainer} run. Build with {@code TrainerConfig.builder(epochs)}; optional
 * settings and their defaults:
 * <ul>
 *   <li>{@code optPatience(n)}: stop after n epochs without dev improvement (default 0 = never);</li>
 *   <li>{@code optClipping(kind, threshold)}: gradient clipping (default NORM at 5.0);</li>
 *   <li>{@code optLearningRate(schedule)}: per-epoch learning rate (default: the updater's own);</li>
 *   <li>{@code optCheckpointDir(dir)}: write {@code checkpoint.zip} there after every epoch (and every
 *       {@code optCheckpointEvery(steps)} batches) and resume from it when present (default: none);</li>
 *   <li>{@code optProgress(stream, intervalMillis)}: progress lines (default System.err, 2 s);</li>
 *   <li>{@code optEngine(engine)}: fit each epoch's batches with an {@link EpochEngine} (a Spark cluster)
 *       instead of batch by batch in this thread (default: none); checkpoints are then written between
 *       epochs only.</li>
 * </ul>
 */
public final class TrainerConfig {
    final int epochs;
    final int patience;
    final GradientClipping clipping;
    final double clipThreshold;
    final LearningRateSchedule learningRate;
    final Path checkpointDir;
    final int checkpointEvery;
    final PrintStream progress;
    final long progressIntervalMillis;
    final EpochEngine engine;

    private TrainerConfig(Builder b) {
        this.epochs = b.epochs;
        this.patience = b.patience;
        this.clipping = b.clipping;
        this.clipThreshold = b.clipThreshold;
        this.learningRate = b.learningRate;
        this.checkpointDir = b.checkpointDir;
        this.checkpointEvery = b.checkpointEvery;
        this.progress = b.progress;
        this.progressIntervalMillis = b.progressIntervalMillis;
        this.engine = b.engine;
    }

    public static Builder builder(int epochs) {
        return new Builder(epochs);
    }

    public int epochs() {
        return epochs;
    }

    public Path checkpointDir() {
        return checkpointDir;
    }

    public static final class Builder {
        private final int epochs;
        private int patience;
        private GradientClipping clipping = GradientClipping.NORM;
        private double clipThreshold = 5.0;
        private LearningRateSchedule learningRate;
        private Path checkpointDir;
        private int checkpointEvery;
        private PrintStream progress = System.err;
        private long progressIntervalMillis = 2000;
        private EpochEngine engine;

        private Builder(int epochs) {
            this.epochs = epochs;
        }

        public Builder optPatience(int patience) { this.patience = patience; return this; }
        public Builder optClipping(GradientClipping clipping, double threshold) {
            this.clipping = clipping;
            this.clipThreshold = threshold;
            return this;
        }
        public Builder optLearningRate(LearningRateSchedule schedule) { this.learningRate = schedule; return this; }
        public Builder optCheckpointDir(Path dir) { this.checkpointDir = dir; return this; }
        public Builder optCheckpointEvery(int steps) { this.checkpointEvery = steps; return this; }
        /** Where progress goes (null: nowhere) and at most how often a line is printed within an epoch. */
        public Builder optProgress(PrintStream out, long intervalMillis) {
            this.progress = out;
            this.progressIntervalMillis = intervalMillis;
            return this;
        }

        /** Fits every epoch with {@code engine} (null: in this thread, batch by batch). */
        public Builder optEngine(EpochEngine engine) { this.engine = engine; return this; }

        public TrainerConfig build() {
            if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
            if (patience < 0) throw new IllegalArgumentException("patience must be >= 0, got " + patience);
            if (clipping == null) throw new IllegalArgumentException("clipping must not be null (use NONE)");
            if (clipping != GradientClipping.NONE && !(clipThreshold > 0)) {
                throw new IllegalArgumentException("clip threshold must be positive, got " + clipThreshold);
            }
            if (checkpointEvery < 0) throw new IllegalArgumentException("checkpoint interval must be >= 0, got " + checkpointEvery);
            return new TrainerConfig(this);
        }
    }
}
