package io.seq4j.core.data;

/**
 * A many-to-many sample with one label per time step (tags, next tokens).
 *
 * @param tokens vocabulary indices, length T >= 1
 * @param tags   class index per step, length T
 */
public record TaggedSequence(int[] tokens, int[] tags) implements TaggedSample {
    public TaggedSequence {
        if (tokens.length == 0) throw new IllegalArgumentException("empty sequence");
        if (tags.length != tokens.length) {
            throw new IllegalArgumentException("tokens and tags differ in length: " + tokens.length + " vs " + tags.length);
        }
    }

}
