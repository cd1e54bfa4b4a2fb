package io.seq4j.core.data;

/**
 * A many-to-one sample: token indices (one per time step) and one class index.
 *
 * @param tokens vocabulary indices, length T >= 1
 * @param label  class index in [0, numClasses)
 */
public record LabeledSequence(int[] tokens, int label) implements SequenceSample {
    public LabeledSequence {
        if (tokens.length == 0) throw new IllegalArgumentException("empty sequence");
    }

}
