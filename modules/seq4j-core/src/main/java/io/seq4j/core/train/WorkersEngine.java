package io.seq4j.core.train;

import io.seq4j.core.nn.RecurrentKernels;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fits each epoch with N workers in this JVM (DL4J's ParallelWrapper, parameter averaging): every
 * worker trains its own copy of the network on its share of the epoch's batches, and the copies'
 * parameters and updater state are averaged every {@code averaging} batches per worker and at the end
 * of the epoch, into the Trainer's network. On CUDA, DL4J puts one worker on each GPU; on CPU the
 * workers share the cores (give each fewer OpenMP threads: {@code ./seq4j --threads 1 ... --workers 2};
 * bench/scale.sh measures the settings). Batches are DataSets (sentiment, ner, lm); graphs fed
 * MultiDataSets (translation) are refused with a message.
 */
public final class WorkersEngine implements EpochEngine {
    private final int workers, averaging;
    private Model wrappedFor;
    private ParallelWrapper wrapper;

    /**
     * @param workers   model copies trained at once (at least 1)
     * @param averaging batches each worker fits between averagings (at least 1)
     */
    public WorkersEngine(int workers, int averaging) {
        if (workers < 1) throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        if (averaging < 1) throw new IllegalArgumentException("averaging frequency must be at least 1, got " + averaging);
        this.workers = workers;
        this.averaging = averaging;
    }

    @Override
    public double fitEpoch(Model network, List<?> batches) {
        List<DataSet> data = new ArrayList<>(batches.size());
        for (Object b : batches) {
            if (!(b instanceof DataSet ds)) {
                throw new IllegalArgumentException("--workers trains models fed single-input batches (sentiment, ner, lm); "
                        + "this model's batches are " + b.getClass().getSimpleName());
            }
            data.add(ds);
        }
        if (wrappedFor != network) {
            close();
            wrapper = new ParallelWrapper.Builder<>(network).workers(workers).averagingFrequency(averaging).averageUpdaters(true)
                    .reportScoreAfterAveraging(true).prefetchBuffer(2 * workers)
                    .trainingMode(ParallelWrapper.TrainingMode.AVERAGING).build();
            wrapper.setListeners(new KernelInstaller());
            wrappedFor = network;
        }
        wrapper.fit(new ListDataSetIterator<>(data, 1));       // one batch per step, as the batcher made it
        return network.score();
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "training with %d workers in this JVM: parameter averaging every %d batches per worker",
                workers, averaging);
    }

    @Override
    public void close() {
        if (wrapper != null) wrapper.shutdown();
        wrapper = null;
        wrappedFor = null;
    }

    /** Installs seq4j's recurrent kernels into each worker's copy (copies are built without them) after its first step. */
    private static final class KernelInstaller extends BaseTrainingListener {
        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            RecurrentKernels.install(model);
        }
    }
}
