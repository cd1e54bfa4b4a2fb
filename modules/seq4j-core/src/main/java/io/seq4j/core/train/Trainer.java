package io.seq4j.core.train;

import io.seq4j.core.backend.Backend;
import io.seq4j.core.batch.EpochSource;
import io.seq4j.core.batch.GraphEpochSource;
import io.seq4j.core.bundle.ModelBundle;
import io.seq4j.core.io.AtomicFiles;
import io.seq4j.core.nn.RecurrentKernels;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Trains a MultiLayerNetwork or ComputationGraph epoch by epoch: learning-rate schedule, gradient
 * clipping, progress lines, dev-metric early stopping with the best model kept, atomic checkpoints
 * and resume, and a NaN/Inf guard.
 *
 * <p>Checkpoints: with a checkpoint directory, {@code checkpoint.zip} (network + updater state +
 * trainer state) is rewritten atomically after every epoch and every N batches, and
 * {@code best.zip} whenever the dev metric improves. A run started with a directory that holds a
 * checkpoint continues from it (same epoch, same batch): a run killed at any moment, even with
 * {@code kill -9}, loses at most the work since the last checkpoint. The batches of an epoch must
 * depend only on the epoch number (as {@link io.seq4j.core.batch.SequenceBatcher#epochs} ensures).
 *
 * <p>The network's own updater (set in its configuration) is used; the schedule only overrides
 * its learning rate.
 */
public final class Trainer {
    public static final String CHECKPOINT = "checkpoint.zip";
    public static final String BEST = "best.zip";
    private static final String STATE = "trainer.";

    private final TrainerConfig config;

    public Trainer(TrainerConfig config) {
        this.config = config;
    }

    /**
     * Trains {@code network} on {@code train}, evaluating {@code dev} (nullable) after every epoch.
     *
     * @throws TrainingDivergedException when the loss becomes NaN or infinite (checkpoints are kept)
     */
    public TrainingResult train(Model network, EpochSource train, DevMetric dev) throws IOException {
        return run(network, train.batchesPerEpoch(), train::epoch, dev);
    }

    /** As {@link #train(Model, EpochSource, DevMetric)}, for a graph fed MultiDataSets (several inputs). */
    public TrainingResult train(ComputationGraph network, GraphEpochSource train, DevMetric dev) throws IOException {
        return run(network, train.batchesPerEpoch(), train::epoch, dev);
    }

    private TrainingResult run(Model network, int batchesPerEpoch, IntFunction<? extends Iterator<?>> epochs, DevMetric dev)
            throws IOException {
        checkNetwork(network);
        Backend.init();          // the thread policy and oneDNN GEMMs for library users too (the CLI has done it already)
        State s = new State();
        s.network = network;
        Progress progress = new Progress(config.progress, config.progressIntervalMillis, config.epochs, batchesPerEpoch);
        Path checkpoint = config.checkpointDir == null ? null : config.checkpointDir.resolve(CHECKPOINT);
        int resumedFrom = -1;
        if (checkpoint != null) {
            AtomicFiles.deleteStaleTemps(checkpoint);      // left by a run killed while writing
            AtomicFiles.deleteStaleTemps(config.checkpointDir.resolve(BEST));
        }
        if (checkpoint != null && Files.exists(checkpoint)) {
            s = State.restore(ModelBundle.load(checkpoint));
            resumedFrom = s.epoch;
            Path best = config.checkpointDir.resolve(BEST);
            if (dev != null && s.bestEpoch >= 0 && Files.exists(best)) {
                s.bestParams = ModelBundle.load(best).network().params();
            }
            progress.message(String.format(Locale.ROOT, "resuming from %s: epoch %d, step %d", checkpoint, s.epoch + 1, s.batch));
        }
        applyClipping(s.network);
        RecurrentKernels.install(s.network);

        boolean stoppedEarly = false;
        for (; s.epoch < config.epochs; s.epoch++, s.batch = 0) {
            if (config.learningRate != null) {
                setLearningRate(s.network, config.learningRate.at(s.epoch));
            }
            progress.startEpoch();
            Iterator<?> batches = epochs.apply(s.epoch);
            for (int skip = 0; skip < s.batch && batches.hasNext(); skip++) {
                batches.next();     // done before the checkpoint we resumed from
            }
            if (config.engine != null) {
                fitWithEngine(s, batches, progress);
            }
            while (batches.hasNext()) {
                Object batch = batches.next();
                fit(s.network, batch);
                double loss = s.network.score();
                checkFinite(loss, s, checkpoint);
                s.batch++;
                s.lossSum += loss;
                s.lossCount++;
                progress.step(s.epoch, s.batch, loss, tokens(batch));
                if (checkpoint != null && config.checkpointEvery > 0 && s.batch % config.checkpointEvery == 0
                        && batches.hasNext()) {
                    s.save(checkpoint);
                }
            }
            double trainSeconds = progress.epochSeconds();      // before the dev evaluation
            double meanLoss = s.lossCount == 0 ? Double.NaN : s.lossSum / s.lossCount;
            double metric = dev == null ? Double.NaN : dev.evaluate(s.network);
            boolean improved = dev == null || s.bestEpoch < 0
                    || (dev.higherIsBetter() ? metric > s.best : metric < s.best);
            if (improved) {
                s.best = metric;
                s.bestEpoch = s.epoch;
                s.badEpochs = 0;
                if (dev != null && config.checkpointDir != null) {
                    ModelBundle.builder("checkpoint", s.network).optInfo(STATE + "epoch", Integer.toString(s.epoch))
                            .build().save(config.checkpointDir.resolve(BEST), false);
                }
                if (dev != null) {
                    s.bestParams = s.network.params().dup();
                }
            } else {
                s.badEpochs++;
            }
            progress.endEpoch(s.epoch, meanLoss, dev == null ? null : dev.name(), metric, improved && dev != null);
            s.history.add(new TrainingResult.EpochStats(s.epoch, meanLoss, metric, progress.epochTokens(), trainSeconds));
            s.lossSum = 0;
            s.lossCount = 0;
            if (checkpoint != null) {
                s.epoch++;
                s.batch = 0;
                s.save(checkpoint);
                s.epoch--;
            }
            if (config.patience > 0 && s.badEpochs >= config.patience) {
                progress.message(String.format(Locale.ROOT, "early stopping: no dev improvement in %d epochs; best was epoch %d (%s %.4f)",
                        s.badEpochs, s.bestEpoch + 1, dev.name(), s.best));
                stoppedEarly = true;
                break;
            }
        }
        if (s.bestParams != null) {
            s.network.setParams(s.bestParams);
        }
        return new TrainingResult(s.network, List.copyOf(s.history), resumedFrom, s.bestEpoch, s.best, stoppedEarly);
    }

    private static void checkFinite(double loss, State s, Path checkpoint) {
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException(String.format(Locale.ROOT,
                    "training diverged: the loss is %s at epoch %d, step %d. %s Lower the learning rate or clip gradients harder.",
                    loss, s.epoch + 1, s.batch + 1,
                    checkpoint != null && Files.exists(checkpoint) ? "The last good checkpoint is " + checkpoint + "." : "No checkpoint was written."));
        }
    }

    /** The rest of the epoch's batches in one call to the engine (a resumed epoch's done batches were skipped). */
    private void fitWithEngine(State s, Iterator<?> batches, Progress progress) {
        List<Object> rest = new ArrayList<>();
        batches.forEachRemaining(rest::add);
        if (rest.isEmpty()) return;
        if (s.batch == 0 && s.epoch == 0) progress.message(config.engine.describe());
        double loss = config.engine.fitEpoch(s.network, rest);
        checkFinite(loss, s, config.checkpointDir == null ? null : config.checkpointDir.resolve(CHECKPOINT));
        long tokens = 0;
        for (Object b : rest) tokens += tokens(b);
        s.batch += rest.size();
        s.lossSum += loss * rest.size();
        s.lossCount += rest.size();
        progress.step(s.epoch, s.batch, loss, tokens);
    }

    /** Mutable run state; everything needed to resume goes into the checkpoint manifest. */
    private static final class State {
        Model network;
        int epoch;
        int batch;
        double best = Double.NaN;
        int bestEpoch = -1;
        int badEpochs;
        double lossSum;
        long lossCount;
        INDArray bestParams;
        final List<TrainingResult.EpochStats> history = new ArrayList<>();

        void save(Path file) throws IOException {
            StringBuilder hist = new StringBuilder();
            for (TrainingResult.EpochStats e : history) {
                hist.append(String.format(Locale.ROOT, "%d,%s,%s,%d,%s;", e.epoch(), e.meanLoss(), e.devMetric(), e.tokens(), e.seconds()));
            }
            ModelBundle.builder("checkpoint", network)
                    .optInfo(STATE + "epoch", Integer.toString(epoch))
                    .optInfo(STATE + "batch", Integer.toString(batch))
                    .optInfo(STATE + "best", Double.toString(best))
                    .optInfo(STATE + "bestEpoch", Integer.toString(bestEpoch))
                    .optInfo(STATE + "badEpochs", Integer.toString(badEpochs))
                    .optInfo(STATE + "lossSum", Double.toString(lossSum))
                    .optInfo(STATE + "lossCount", Long.toString(lossCount))
                    .optInfo(STATE + "history", hist.toString())
                    .build().save(file, true);
        }

        static State restore(ModelBundle b) {
            State s = new State();
            s.network = b.network();
            s.epoch = Integer.parseInt(b.info().get(STATE + "epoch"));
            s.batch = Integer.parseInt(b.info().get(STATE + "batch"));
            s.best = Double.parseDouble(b.info().get(STATE + "best"));
            s.bestEpoch = Integer.parseInt(b.info().get(STATE + "bestEpoch"));
            s.badEpochs = Integer.parseInt(b.info().get(STATE + "badEpochs"));
            s.lossSum = Double.parseDouble(b.info().get(STATE + "lossSum"));
            s.lossCount = Long.parseLong(b.info().get(STATE + "lossCount"));
            for (String e : b.info().get(STATE + "history").split(";")) {
                if (e.isEmpty()) continue;
                String[] f = e.split(",");
                s.history.add(new TrainingResult.EpochStats(Integer.parseInt(f[0]), Double.parseDouble(f[1]),
                        Double.parseDouble(f[2]), Long.parseLong(f[3]), Double.parseDouble(f[4])));
            }
            return s;
        }
    }

    private static void checkNetwork(Model network) {
        if (!(network instanceof MultiLayerNetwork || network instanceof ComputationGraph)) {
            throw new IllegalArgumentException("Trainer trains a MultiLayerNetwork or ComputationGraph, got "
                    + (network == null ? "null" : network.getClass().getName()));
        }
    }

    /** One step; stale layer masks (DL4J keeps them after output() calls) are cleared first, see {@link io.seq4j.core.nn.Outputs}. */
    private static void fit(Model network, Object batch) {
        if (network instanceof MultiLayerNetwork m) {
            m.clearLayerMaskArrays();
            m.fit((DataSet) batch);
        } else {
            ComputationGraph g = (ComputationGraph) network;
            g.clearLayerMaskArrays();
            if (batch instanceof MultiDataSet mds) {
                g.fit(mds);
            } else {
                g.fit((DataSet) batch);
            }
        }
    }

    private static void setLearningRate(Model network, double lr) {
        if (network instanceof MultiLayerNetwork m) {
            m.setLearningRate(lr);
        } else {
            ((ComputationGraph) network).setLearningRate(lr);
        }
    }

    /**
     * Real (unpadded) time steps in a batch: of the features for a DataSet, of the (first) labels
     * for a MultiDataSet (the target tokens of a translation batch).
     */
    static long tokens(Object batch) {
        if (batch instanceof MultiDataSet m) {
            INDArray mask = m.getLabelsMaskArray(0);
            return mask != null ? mask.sumNumber().longValue() : m.getLabels(0).size(0);
        }
        return tokens((DataSet) batch);
    }

    static long tokens(DataSet batch) {
        if (batch.getFeaturesMaskArray() != null) {
            return batch.getFeaturesMaskArray().sumNumber().longValue();
        }
        long[] shape = batch.getFeatures().shape();
        return shape.length == 3 ? shape[0] * shape[2] : shape[0];
    }

    private void applyClipping(Model network) {
        if (network instanceof MultiLayerNetwork m) {
            for (NeuralNetConfiguration c : m.getLayerWiseConfigurations().getConfs()) {
                clip(c.getLayer());
            }
        } else {
            for (GraphVertex v : ((ComputationGraph) network).getConfiguration().getVertices().values()) {
                if (v instanceof LayerVertex lv) {
                    clip(lv.getLayerConf().getLayer());
                }
            }
        }
    }

    private void clip(Layer layer) {
        if (layer instanceof Bidirectional b) {
            clip(b.getFwd());
            clip(b.getBwd());
        } else if (layer instanceof BaseWrapperLayer w) {
            clip(w.getUnderlying());
        } else if (layer instanceof BaseLayer b) {
            b.setGradientNormalization(config.clipping.dl4j);
            b.setGradientNormalizationThreshold(config.clipThreshold);
        }
    }
}
