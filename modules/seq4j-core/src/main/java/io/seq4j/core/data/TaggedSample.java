package io.seq4j.core.data;

/** A sequence sample with one class index per step. */
public interface TaggedSample extends SequenceSample {
    /** Class index per step, as long as {@link #tokens()}. */
    int[] tags();
}
