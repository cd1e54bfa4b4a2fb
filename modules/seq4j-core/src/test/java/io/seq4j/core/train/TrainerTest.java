package io.seq4j.core.train;

import io.seq4j.core.bundle.ModelBundle;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {

    @Test
    void learnsWithProgressAndKeepsTheBestEpoch() throws Exception {
        TinyTask task = new TinyTask(800);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainerConfig config = TrainerConfig.builder(12).optPatience(4)
                .optLearningRate(LearningRateSchedule.stepDecay(0.02, 0.5, 6))
                .optProgress(new PrintStream(log, true, StandardCharsets.UTF_8), 0).build();
        TrainingResult r = new Trainer(config).train(TinyTask.network(0.02), task.epochs(), task.accuracy());
        MultiLayerNetwork net = (MultiLayerNetwork) r.network();
        double acc = task.accuracy(net, task.dev);
        assertTrue(acc > 0.95, "dev accuracy " + acc);
        assertEquals(r.bestMetric(), acc, 1e-12);    // the returned network is the best epoch's
        String out = log.toString(StandardCharsets.UTF_8);
        assertTrue(out.matches("(?s).*epoch 1/12  step 50/50  loss \\d\\.\\d{4}  \\d+ tok/s  ETA 0:00.*"), out);
        assertTrue(out.contains("dev accuracy"), out);
        int last = r.epochs().size() - 1;                       // the schedule set the last epoch's rate
        assertEquals(0.02 * Math.pow(0.5, last / 6), net.getLearningRate(0), 1e-12);
    }

    @Test
    void nanLossStopsWithAClearMessageAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) throws Exception {
        TinyTask task = new TinyTask(200);
        TrainerConfig config = TrainerConfig.builder(5).optClipping(GradientClipping.NONE, 0)
                .optCheckpointDir(dir).optProgress(null, 0).build();
        MultiLayerNetwork net = TinyTask.network(0.01);
        new Trainer(config).train(net, task.epochs(), null);   // 5 good epochs, checkpoint written
        net.params().putScalar(0, Double.NaN);
        Files.delete(dir.resolve(Trainer.CHECKPOINT));
        TrainerConfig more = TrainerConfig.builder(2).optCheckpointDir(dir).optProgress(null, 0).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer(more).train(net, task.epochs(), null));
        assertTrue(e.getMessage().startsWith("training diverged: the loss is NaN at epoch 1, step 1."), e.getMessage());
        assertFalse(Files.exists(dir.resolve(Trainer.CHECKPOINT)));   // nothing NaN was written
    }

    /**
     * An EpochEngine gets each epoch's batches in the local loop's order, and what it leaves in the
     * network is what the Trainer evaluates, keeps and returns: an engine that fits those batches
     * itself reproduces the local run exactly, dev metric, loss history and tokens included.
     */
    @Test
    void anEpochEngineFitsTheSameBatchesAndTheTrainerKeepsTheRest() throws Exception {
        TinyTask task = new TinyTask(300);
        TrainingResult local = new Trainer(TrainerConfig.builder(3).optProgress(null, 0).build())
                .train(TinyTask.network(0.01), task.epochs(), task.accuracy());
        List<Integer> sizes = new ArrayList<>();
        EpochEngine sameLoop = new EpochEngine() {
            @Override
            public double fitEpoch(org.deeplearning4j.nn.api.Model network, List<?> batches) {
                sizes.add(batches.size());
                double sum = 0;
                for (Object b : batches) {
                    ((MultiLayerNetwork) network).fit((org.nd4j.linalg.dataset.DataSet) b);
                    sum += network.score();
                }
                return sum / batches.size();
            }

            @Override
            public String describe() {
                return "the same loop, elsewhere";
            }
        };
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainingResult engine = new Trainer(TrainerConfig.builder(3).optEngine(sameLoop)
                .optProgress(new PrintStream(log, true, StandardCharsets.UTF_8), 0).build())
                .train(TinyTask.network(0.01), task.epochs(), task.accuracy());
        assertEquals(List.of(task.epochs().batchesPerEpoch(), task.epochs().batchesPerEpoch(), task.epochs().batchesPerEpoch()), sizes);
        assertEquals(local.network().params(), engine.network().params());
        assertEquals(local.bestEpoch(), engine.bestEpoch());
        assertEquals(local.bestMetric(), engine.bestMetric(), 0);
        for (int e = 0; e < 3; e++) {
            assertEquals(local.epochs().get(e).meanLoss(), engine.epochs().get(e).meanLoss(), 1e-12);
            assertEquals(local.epochs().get(e).tokens(), engine.epochs().get(e).tokens());
        }
        assertTrue(log.toString(StandardCharsets.UTF_8).startsWith("the same loop, elsewhere"), log.toString(StandardCharsets.UTF_8));
    }

    /** Two workers (ParallelWrapper, averaging every 2 batches) train the Trainer's network to the same task. */
    @Test
    void twoWorkersTrainTheNetworkThroughTheEngineHook() throws Exception {
        TinyTask task = new TinyTask(800);
        try (WorkersEngine workers = new WorkersEngine(2, 2)) {
            MultiLayerNetwork net = TinyTask.network(0.02);
            TrainingResult r = new Trainer(TrainerConfig.builder(12).optPatience(4).optEngine(workers).optProgress(null, 0).build())
                    .train(net, task.epochs(), task.accuracy());
            assertTrue(r.network() == net, "the Trainer's own network holds the result");
            assertTrue(r.bestMetric() > 0.9, "dev accuracy with two workers " + r.bestMetric());
            assertEquals(r.bestMetric(), task.accuracy(net, task.dev), 1e-12);
        }
    }

    /** Interrupted and resumed training gives exactly the parameters of an uninterrupted run. */
    @Test
    void resumesExactlyFromACheckpoint(@TempDir Path dir) throws Exception {
        TinyTask task = new TinyTask(300);
        TrainingResult straight = new Trainer(TrainerConfig.builder(4).optProgress(null, 0).build())
                .train(TinyTask.network(0.01), task.epochs(), null);
        Path ck = dir.resolve("ck");
        new Trainer(TrainerConfig.builder(2).optCheckpointDir(ck).optProgress(null, 0).build())
                .train(TinyTask.network(0.01), task.epochs(), null);
        TrainingResult resumed = new Trainer(TrainerConfig.builder(4).optCheckpointDir(ck).optProgress(null, 0).build())
                .train(TinyTask.network(0.01), task.epochs(), null);
        assertEquals(2, resumed.resumedFrom());
        assertEquals(4, resumed.epochs().size());
        assertEquals(straight.network().params(), resumed.network().params());
    }

    /** The Trainer drives a ComputationGraph the same way, checkpoints and resumes included. */
    @Test
    void trainsAndResumesAComputationGraph(@TempDir Path dir) throws Exception {
        TinyTask task = new TinyTask(800);
        var spec = io.seq4j.core.nn.RecurrentSpec.builder(io.seq4j.core.nn.RecurrentSpec.Cell.GRU, 16).build();
        var graph = new org.deeplearning4j.nn.graph.ComputationGraph(new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
                .seed(7).updater(new org.nd4j.linalg.learning.config.Adam(0.02)).graphBuilder().addInputs("in")
                .addLayer("rnn", spec.layers(TinyTask.VOCAB).get(0), "in")
                .addLayer("out", new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                        org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).nIn(16).nOut(2).build(), "rnn")
                .setOutputs("out").setInputTypes(org.deeplearning4j.nn.conf.inputs.InputType.recurrent(TinyTask.VOCAB)).build());
        graph.init();
        new Trainer(TrainerConfig.builder(3).optCheckpointDir(dir).optProgress(null, 0).build()).train(graph, task.epochs(), null);
        TrainingResult r = new Trainer(TrainerConfig.builder(12).optCheckpointDir(dir).optProgress(null, 0).build())
                .train(graph.clone(), task.epochs(), null);
        assertEquals(3, r.resumedFrom());
        assertEquals(12, r.epochs().size());
        var trained = (org.deeplearning4j.nn.graph.ComputationGraph) r.network();
        long correct = 0;
        for (List<io.seq4j.core.data.LabeledSequence> b : task.batcher.inOrder(task.dev)) {
            var ds = task.batcher.labeled(b);
            var out = trained.output(false, new org.nd4j.linalg.api.ndarray.INDArray[]{ds.getFeatures()},
                    new org.nd4j.linalg.api.ndarray.INDArray[]{ds.getFeaturesMaskArray()})[0];
            correct += out.argMax(1).eq(ds.getLabels().argMax(1)).castTo(org.nd4j.linalg.api.buffer.DataType.INT64).sumNumber().longValue();
        }
        assertTrue(correct / (double) task.dev.size() > 0.9, "dev accuracy " + correct / (double) task.dev.size());
    }

    private static Process child(Path dir, int epochs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashingTrainingMain.class.getName(), dir.toString(), Integer.toString(epochs)));
        Files.createDirectories(dir);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("child.log").toFile())).start();
    }

    /** "epoch/step" of the checkpoint in {@code dir}, or "" when there is none yet. */
    private static String checkpointState(Path dir) {
        try {
            java.util.Properties m = ModelBundle.readManifest(dir.resolve(Trainer.CHECKPOINT));
            return m.getProperty("trainer.epoch") + "/" + m.getProperty("trainer.batch");
        } catch (IOException notYet) {
            return "";
        }
    }

    /**
     * Killed with SIGKILL at three random moments (each after a newer checkpoint than the last kill
     * left, plus a random 0-1 s), the run resumes every time and ends with the uninterrupted run's metric.
     */
    @Test
    void severalKillsAtRandomMomentsEndWithTheUninterruptedMetric(@TempDir Path dir) throws Exception {
        int epochs = 8;
        TinyTask task = new TinyTask(800);
        TrainingResult reference = new Trainer(CrashingTrainingMain.config(dir.resolve("reference"), epochs, false))
                .train(TinyTask.network(0.01), task.epochs(), task.accuracy());
        Path run = dir.resolve("killed");
        java.util.Random rnd = new java.util.Random(11);
        String last = "";
        int kills = 0;
        for (int attempt = 0; attempt < 3; attempt++) {
            Process p = child(run, epochs);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (p.isAlive() && System.nanoTime() < deadline && (checkpointState(run).isEmpty() || checkpointState(run).equals(last))) {
                Thread.sleep(50);
            }
            Thread.sleep(rnd.nextInt(1000));
            if (!p.isAlive()) break;
            p.destroyForcibly();
            p.waitFor();
            kills++;
            last = checkpointState(run);
        }
        assertTrue(kills >= 2, "only " + kills + " kills before the child finished:\n" + Files.readString(run.resolve("child.log")));
        TrainingResult resumed = new Trainer(CrashingTrainingMain.config(run, epochs, false)).train(TinyTask.network(0.01), task.epochs(), task.accuracy());
        assertTrue(resumed.resumedFrom() >= 0, "the final run resumed from a checkpoint");
        assertEquals(reference.bestMetric(), resumed.bestMetric(), 0.02, "killed " + kills + " times, last at " + last);
        assertEquals(epochs, resumed.epochs().size());
    }

    /** A run killed with SIGKILL mid-training resumes from its last checkpoint and finishes. */
    @Test
    void resumesAfterKillMinus9(@TempDir Path dir) throws Exception {
        Process p = child(dir, 40);
        Path checkpoint = dir.resolve(Trainer.CHECKPOINT);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.exists(checkpoint) && Integer.parseInt(ModelBundle.readManifest(checkpoint).getProperty("trainer.epoch")) >= 1) {
                break;
            }
            Thread.sleep(100);
        }
        assertTrue(p.isAlive(), "child ended before it could be killed:\n" + Files.readString(dir.resolve("child.log")));
        p.destroyForcibly();    // SIGKILL on Unix
        p.waitFor();
        assertEquals(137, p.exitValue());

        TinyTask task = new TinyTask(800);
        TrainingResult r = new Trainer(TrainerConfig.builder(3).optCheckpointDir(dir).optProgress(null, 0).build())
                .train(TinyTask.network(0.01), task.epochs(), task.accuracy());
        assertTrue(r.resumedFrom() >= 1, "resumed from " + r.resumedFrom());
        assertEquals(3, r.epochs().size());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "a resumed run removes the temp files the killed one left");
        }
    }
}
