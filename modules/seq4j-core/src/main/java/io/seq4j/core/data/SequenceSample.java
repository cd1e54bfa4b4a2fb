package io.seq4j.core.data;

/** A sample whose input is a sequence of vocabulary indices. */
public interface SequenceSample {
    /** Token indices, one per time step. */
    int[] tokens();

    default int length() {
        return tokens().length;
    }
}
