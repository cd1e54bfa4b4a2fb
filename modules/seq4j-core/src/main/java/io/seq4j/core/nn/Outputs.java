package io.seq4j.core.nn;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Inference on a batch from {@link io.seq4j.core.batch.SequenceBatcher}, safe against a DL4J
 * pitfall: {@code MultiLayerNetwork.output(features, false, null, null)} does not clear the masks a
 * previous call with a mask left on the layers, so an unpadded batch after a padded one is run with
 * the old batch's mask (a wrong result, or a shape failure when the batch size differs); fit() with
 * an unmasked batch after such a call fails the same way. These methods clear the layer masks
 * before and after the forward pass.
 */
public final class Outputs {
    private Outputs() {
    }

    /** The network's output for {@code batch}'s features and feature mask (its labels are ignored). */
    public static INDArray of(MultiLayerNetwork net, DataSet batch) {
        return of(net, batch.getFeatures(), batch.getFeaturesMaskArray());
    }

    /** The network's output for features {@code [batch, width, T]} and a mask {@code [batch, T]} (null: none). */
    public static INDArray of(MultiLayerNetwork net, INDArray features, INDArray mask) {
        net.clearLayerMaskArrays();
        try {
            return net.output(features, false, mask, null);
        } finally {
            net.clearLayerMaskArrays();
        }
    }
}
