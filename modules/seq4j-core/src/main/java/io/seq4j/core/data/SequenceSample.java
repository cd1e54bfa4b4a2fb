package io.seq4j.core.data;

/** A sample whose input is a sequence of vocabulary indices. */
public interface SequenceSample {
    /** Token indices, one per time step. */
    int[] tokens();

    /** Per step its character indices (0 = padding), for inputs with character rows; null when the sample has none. */
    default int[][] chars() {
        return null;
    }

    default int length() {
        return tokens().length;
    }
}
