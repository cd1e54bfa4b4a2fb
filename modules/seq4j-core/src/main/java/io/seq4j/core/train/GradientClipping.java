package io.seq4j.core.train;

import org.deeplearning4j.nn.conf.GradientNormalization;

/** How gradients are clipped before each update (the lectures' remedy for exploding gradients). */
public enum GradientClipping {
    /** No clipping. */
    NONE(GradientNormalization.None),
    /** Rescale each layer's gradient so its L2 norm is at most the threshold. */
    NORM(GradientNormalization.ClipL2PerLayer),
    /** Clip each gradient element to [-threshold, threshold]. */
    VALUE(GradientNormalization.ClipElementWiseAbsoluteValue);

    final GradientNormalization dl4j;

    GradientClipping(GradientNormalization dl4j) {
        this.dl4j = dl4j;
    }
}
