package io.seq4j.core.data;

/**
 * A many-to-many sample whose steps are words with their characters (for character-level word
 * features, e.g. a named-entity tagger's char CNN).
 *
 * @param tokens word indices, length T >= 1
 * @param chars  per word its character indices (0 is padding, so real characters are >= 1)
 * @param tags   class index per word, length T (empty when unlabelled, for prediction)
 */
public record CharTaggedSequence(int[] tokens, int[][] chars, int[] tags) implements TaggedSample {
    public CharTaggedSequence {
        if (tokens.length == 0) throw new IllegalArgumentException("empty sequence");
        if (chars.length != tokens.length) {
            throw new IllegalArgumentException("tokens and chars differ in length: " + tokens.length + " vs " + chars.length);
        }
        if (tags.length != tokens.length && tags.length != 0) {
            throw new IllegalArgumentException("tokens and tags differ in length: " + tokens.length + " vs " + tags.length);
        }
    }
}
