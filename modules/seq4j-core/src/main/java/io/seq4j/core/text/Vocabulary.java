package io.seq4j.core.text;

import io.seq4j.core.data.InputFormatException;
import io.seq4j.core.io.AtomicFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable token-to-index map with four reserved entries: {@link #PAD} = 0 (padding),
 * {@link #UNK} = 1 (unknown tokens), {@link #BOS} = 2 and {@link #EOS} = 3 (sequence start/end).
 * Other tokens follow by descending frequency, ties broken by the token's natural order, so a
 * vocabulary built from the same counts is always the same.
 *
 * <p>Saved as plain UTF-8 text, one token per line in index order (reserved ones first).
 */
public final class Vocabulary {
    public static final String PAD_TOKEN = "<pad>";
    public static final String UNK_TOKEN = "<unk>";
    public static final String BOS_TOKEN = "<s>";
    public static final String EOS_TOKEN = "</s>";
    public static final int PAD = 0, UNK = 1, BOS = 2, EOS = 3;
    private static final List<String> RESERVED = List.of(PAD_TOKEN, UNK_TOKEN, BOS_TOKEN, EOS_TOKEN);

    private final List<String> tokens;
    private final Map<String, Integer> index;

    private Vocabulary(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (m.put(tokens.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate token '" + tokens.get(i) + "' in vocabulary");
            }
        }
        this.index = Collections.unmodifiableMap(m);
    }

    /** A builder that counts tokens; see {@link Builder#optMinCount} and {@link Builder#optMaxSize}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A vocabulary of exactly these tokens (after the reserved ones), in this order. */
    public static Vocabulary of(List<String> tokens) {
        List<String> all = new ArrayList<>(RESERVED);
        all.addAll(tokens);
        return new Vocabulary(all);
    }

    /** Number of entries, reserved ones included. */
    public int size() {
        return tokens.size();
    }

    /** Index of a token, or {@link #UNK} when it is not in the vocabulary. */
    public int indexOf(String token) {
        Integer i = index.get(token);
        return i == null ? UNK : i;
    }

    public boolean contains(String token) {
        return index.containsKey(token);
    }

    /** The token at an index; IndexOutOfBoundsException outside [0, size). */
    public String token(int i) {
        return tokens.get(i);
    }

    /** All tokens in index order, reserved ones first. */
    public List<String> tokens() {
        return tokens;
    }

    /** Indices of tokens (unknown ones map to UNK). */
    public int[] encode(List<String> sequence) {
        int[] out = new int[sequence.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = indexOf(sequence.get(i));
        }
        return out;
    }

    /** Tokens of indices. */
    public List<String> decode(int[] indices) {
        List<String> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            out.add(token(i));
        }
        return out;
    }

    /** Writes one token per line (UTF-8), atomically. */
    public void save(Path file) throws IOException {
        AtomicFiles.writeLines(file, tokens);
    }

    /**
     * Reads a file written by {@link #save}. Reports a missing reserved header, a blank line or a
     * duplicate token with file and line.
     */
    public static Vocabulary load(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        }
    }

    /** Reads the saved form from a reader; {@code source} names it in error messages. */
    public static Vocabulary read(BufferedReader reader, String source) throws IOException {
        List<String> list = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isEmpty()) {
                throw new InputFormatException(source, lineNo, "empty token");
            }
            if (lineNo <= RESERVED.size() && !line.equals(RESERVED.get(lineNo - 1))) {
                throw new InputFormatException(source, lineNo,
                        "expected reserved token " + RESERVED.get(lineNo - 1) + " but found '" + line + "'");
            }
            Integer prev = seen.put(line, lineNo);
            if (prev != null) {
                throw new InputFormatException(source, lineNo, "duplicate token '" + line + "' (first on line " + prev + ")");
            }
            list.add(line);
        }
        if (list.size() < RESERVED.size()) {
            throw new InputFormatException(source, lineNo, "vocabulary file is truncated: it lacks the reserved tokens");
        }
        return new Vocabulary(list);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && v.tokens.equals(tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }

    @Override
    public String toString() {
        return "Vocabulary(" + tokens.size() + " tokens)";
    }

    /**
     * The vocabulary as text, one token per line, with white space and backslashes escaped
     * ({@code \\n}, {@code \\s}, {@code \\t}, {@code \\r}, {@code \\\\}): character vocabularies hold
     * newlines and spaces. {@link #readEscaped} reads it back.
     */
    public String toEscapedText() {
        StringBuilder sb = new StringBuilder();
        for (String t : tokens) sb.append(escape(t)).append('\n');
        return sb.toString();
    }

    /**
     * Inverse of {@link #toEscapedText}; {@code source} names the text in error messages. The
     * escaped form is checked by {@link #read} (reserved header, empty lines, duplicates:
     * escaping is one-to-one, so duplicates survive it).
     */
    public static Vocabulary readEscaped(String text, String source) throws IOException {
        Vocabulary escaped = read(new BufferedReader(new StringReader(text)), source);
        List<String> tokens = new ArrayList<>();
        for (String t : escaped.tokens().subList(4, escaped.size())) tokens.add(unescape(t));
        return of(tokens);
    }

    private static String escape(String token) {
        StringBuilder sb = new StringBuilder();
        for (char c : token.toCharArray()) {
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case ' ' -> sb.append("\\s");
                case '\\' -> sb.append("\\\\");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                sb.append(c);
                continue;
            }
            char n = s.charAt(++i);
            sb.append(switch (n) {
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 's' -> ' ';
                default -> n;
            });
        }
        return sb.toString();
    }

    /** Counts tokens, then keeps those seen at least minCount times, at most maxSize entries in all. */
    public static final class Builder {
        private final Map<String, Long> counts = new HashMap<>();
        private int minCount = 1;
        private int maxSize = Integer.MAX_VALUE;

        private Builder() {
        }

        /** Tokens seen fewer times become UNK (default 1). */
        public Builder optMinCount(int minCount) {
            if (minCount < 1) throw new IllegalArgumentException("minCount must be >= 1, got " + minCount);
            this.minCount = minCount;
            return this;
        }

        /** Largest vocabulary size, reserved entries included (default unlimited). */
        public Builder optMaxSize(int maxSize) {
            if (maxSize < RESERVED.size()) {
                throw new IllegalArgumentException("maxSize must be >= " + RESERVED.size() + " (the reserved tokens), got " + maxSize);
            }
            this.maxSize = maxSize;
            return this;
        }

        public Builder add(String token) {
            if (!RESERVED.contains(token)) {
                counts.merge(token, 1L, Long::sum);
            }
            return this;
        }

        public Builder addAll(Iterable<String> tokens) {
            for (String t : tokens) add(t);
            return this;
        }

        public Vocabulary build() {
            List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
            entries.removeIf(e -> e.getValue() < minCount);
            entries.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            List<String> kept = new ArrayList<>();
            for (Map.Entry<String, Long> e : entries) {
                if (kept.size() + RESERVED.size() >= maxSize) break;
                kept.add(e.getKey());
            }
            return of(kept);
        }
    }
}
