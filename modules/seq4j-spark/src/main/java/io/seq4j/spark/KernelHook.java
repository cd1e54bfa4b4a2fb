package io.seq4j.spark;

import io.seq4j.core.nn.RecurrentKernels;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Installs seq4j's fast recurrent kernels ({@link RecurrentKernels}) into the network a Spark worker
 * rebuilds from the configuration, before each update (install is idempotent and takes microseconds).
 */
final class KernelHook implements TrainingHook {
    private static final long serialVersionUID = 1L;

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
        RecurrentKernels.install(model);
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
        RecurrentKernels.install(model);
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {
        // nothing after an update
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
        // nothing after an update
    }
}
