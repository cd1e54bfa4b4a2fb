package io.seq4j.core.text;

import java.util.List;

/** Splits text into tokens. Implementations are stateless and thread-safe. */
public interface Tokenizer {
    List<String> tokenize(String text);

    /** The name used in settings files and bundle manifests ("word", "char"). */
    String name();

    /** The tokenizer with this {@link #name()}; IllegalArgumentException for an unknown name. */
    static Tokenizer forName(String name) {
        return switch (name) {
            case "word" -> new WordTokenizer(false);
            case "word-lower" -> new WordTokenizer(true);
            case "char" -> new CharTokenizer();
            case "space" -> new WhitespaceTokenizer(false);
            case "space-lower" -> new WhitespaceTokenizer(true);
            default -> throw new IllegalArgumentException("unknown tokenizer '" + name + "' (known: word, word-lower, char, space, space-lower)");
        };
    }
}
