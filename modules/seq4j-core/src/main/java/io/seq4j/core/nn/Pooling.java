package io.seq4j.core.nn;

import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;

/**
 * How a many-to-one model turns the encoder's outputs {@code [batch, H, T]} into one vector
 * {@code [batch, H]}: the last unmasked step, the masked mean or maximum over steps, or learned
 * attention weights over steps ({@link AttentionPooling}).
 */
public enum Pooling {
    LAST, MEAN, MAX, ATTENTION;

    /** Whether the encoder must return every step (all but LAST, whose encoder ends in LastTimeStep). */
    public boolean needsSequences() {
        return this != LAST;
    }

    /** The pooling layer over {@code size} features, or null for LAST (nothing to add after the encoder). */
    public Layer layer(int size) {
        return switch (this) {
            case LAST -> null;
            case MEAN -> new GlobalPoolingLayer.Builder(PoolingType.AVG).build();
            case MAX -> new GlobalPoolingLayer.Builder(PoolingType.MAX).build();
            case ATTENTION -> new AttentionPooling(size, size);
        };
    }
}
