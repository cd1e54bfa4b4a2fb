package io.seq4j.core.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A {@link SampleStream} over samples held in memory. */
public final class ListSampleStream<T> implements SampleStream<T> {
    private final List<T> samples;
    private int next;

    public ListSampleStream(List<T> samples) {
        this.samples = List.copyOf(samples);
    }

    @Override
    public T read() {
        return next < samples.size() ? samples.get(next++) : null;
    }

    @Override
    public void reset() {
        next = 0;
    }

    /** Reads what is left of any stream into a list (without resetting it first). */
    public static <T> List<T> drain(SampleStream<T> stream) throws IOException {
        List<T> out = new ArrayList<>();
        for (T s; (s = stream.read()) != null; ) {
            out.add(s);
        }
        return out;
    }
}
