package io.seq4j.core.train;

import java.nio.file.Path;

/** Run in a child JVM by TrainerTest, which kills it with SIGKILL part-way through. Arguments: checkpoint directory [epochs, default 40]. */
public final class CrashingTrainingMain {
    public static void main(String[] args) throws Exception {
        TinyTask task = new TinyTask(800);
        TrainerConfig config = config(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 40, true);
        new Trainer(config).train(TinyTask.network(0.01), task.epochs(), task.accuracy());
    }

    /** Checkpoints every epoch and every 10 batches. */
    static TrainerConfig config(Path dir, int epochs, boolean progress) {
        return TrainerConfig.builder(epochs).optCheckpointDir(dir).optCheckpointEvery(10).optProgress(progress ? System.out : null, 0).build();
    }
}
