package io.seq4j.core.data;

import java.io.IOException;

/**
 * A stream of samples read one at a time, so corpora larger than memory can be used; epochs are
 * separated by {@link #reset()}.
 *
 * @param <T> the sample type
 */
public interface SampleStream<T> extends AutoCloseable {
    /** The next sample, or null at the end of the stream. Bad input is an {@link InputFormatException}. */
    T read() throws IOException;

    /** Starts over from the first sample (the next epoch). */
    void reset() throws IOException;

    @Override
    default void close() throws IOException {
    }
}
