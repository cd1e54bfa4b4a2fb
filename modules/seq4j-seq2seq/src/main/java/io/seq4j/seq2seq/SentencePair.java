package io.seq4j.seq2seq;

import java.util.Objects;

/**
 * One sentence and its translation, as read by {@link ParallelText}.
 *
 * @param source the sentence in the language translated from; not null
 * @param target its translation; not null
 */
public record SentencePair(String source, String target) {
    public SentencePair {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }
}
