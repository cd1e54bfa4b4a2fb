package io.seq4j.core.train;

import java.nio.file.Path;

/** Run in a child JVM by TrainerTest, which kills it with SIGKILL part-way through. */
public final class CrashingTrainingMain {
    public static void main(String[] args) throws Exception {
        TinyTask task = new TinyTask(800);
        TrainerConfig config = TrainerConfig.builder(40).optCheckpointDir(Path.of(args[0])).optCheckpointEvery(10)
                .optProgress(System.out, 0).build();
        new Trainer(config).train(TinyTask.network(0.01), task.epochs(), task.accuracy());
    }
}
