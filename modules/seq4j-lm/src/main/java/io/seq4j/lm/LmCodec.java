package io.seq4j.lm;

import io.seq4j.core.text.Tokenizer;
import io.seq4j.core.text.Vocabulary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Text to token ids and back for a language model: the tokenizer, the vocabulary and the two
 * boundary tokens.
 *
 * <p>Boundaries: a LINES/ABC model reads {@code <s>} first and predicts {@code </s>} last. A TEXT
 * model has no sequences, only line breaks: the character model's newline, the word model's
 * {@code </s>} (word text is one line after another, each ended by {@code </s>}). Scoring a line with
 * a TEXT model therefore conditions on a line break and predicts the line and the break after it.
 *
 * <p>Character vocabularies hold white space (newline, space, tab); {@link #vocabularyText} escapes
 * it ({@code \n}, {@code \s}, {@code \t}, {@code \r}, {@code \\}) so the saved vocabulary stays one
 * token per line.
 */
final class LmCodec {
    private final Tokenizer tokenizer;
    private final Vocabulary vocab;
    private final LmConfig.Samples samples;
    private final boolean chars;

    LmCodec(LmConfig config, Vocabulary vocab) {
        this.tokenizer = Tokenizer.forName(config.tokenizer());
        this.vocab = vocab;
        this.samples = config.samples();
        this.chars = config.level() == LmConfig.Level.CHAR;
    }

    /** The vocabulary of the training documents (min count and size limit from the settings). */
    static Vocabulary vocabulary(List<String> documents, LmConfig config) {
        Tokenizer t = Tokenizer.forName(config.tokenizer());
        Vocabulary.Builder b = Vocabulary.builder().optMinCount(config.minCount());
        if (config.maxVocab() > 0) b.optMaxSize(config.maxVocab());
        for (String d : documents) {
            if (config.level() == LmConfig.Level.CHAR) {
                b.addAll(t.tokenize(d));
            } else {
                for (String line : d.split("\n")) b.addAll(t.tokenize(line));
            }
        }
        return b.build();
    }

    Vocabulary vocabulary() {
        return vocab;
    }

    boolean characters() {
        return chars;
    }

    /** The token every scored sequence is conditioned on (see the class comment). */
    int start() {
        if (samples != LmConfig.Samples.TEXT) return Vocabulary.BOS;
        return chars ? lineBreak() : Vocabulary.EOS;
    }

    /** The token that ends a scored sequence. */
    int end() {
        return samples == LmConfig.Samples.TEXT && chars ? lineBreak() : Vocabulary.EOS;
    }

    private int lineBreak() {
        return vocab.contains("\n") ? vocab.indexOf("\n") : Vocabulary.EOS;
    }

    /** Token ids of a piece of text (unknown tokens become UNK, no boundaries added). */
    int[] encode(String text) {
        if (chars) return vocab.encode(tokenizer.tokenize(text));
        List<String> tokens = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            tokens.addAll(tokenizer.tokenize(lines[i]));
            if (i < lines.length - 1) tokens.add(Vocabulary.EOS_TOKEN);     // a line break inside word text
        }
        return vocab.encode(tokens);
    }

    /**
     * Token ids of a whole document as the model trains on it: TEXT documents with every line
     * ended by its break, LINES/ABC documents as they are (the boundaries are added per sample).
     */
    int[] encodeDocument(String document) {
        if (samples != LmConfig.Samples.TEXT || chars) return encode(document);
        List<String> tokens = new ArrayList<>();
        for (String line : document.split("\n")) {
            List<String> t = tokenizer.tokenize(line);
            if (t.isEmpty()) continue;
            tokens.addAll(t);
            tokens.add(Vocabulary.EOS_TOKEN);
        }
        return vocab.encode(tokens);
    }

    /** Text of token ids: characters concatenated, words joined by spaces with {@code </s>} as a line break. */
    String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            if (id == Vocabulary.PAD || id == Vocabulary.BOS) continue;
            if (chars) {
                sb.append(id == Vocabulary.EOS ? "" : vocab.token(id));
            } else if (id == Vocabulary.EOS) {
                sb.append('\n');
            } else {
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') sb.append(' ');
                sb.append(vocab.token(id));
            }
        }
        return sb.toString();
    }

    /** The vocabulary as bundle text, white space escaped. */
    static String vocabularyText(Vocabulary v) {
        StringBuilder sb = new StringBuilder();
        for (String t : v.tokens()) sb.append(escape(t)).append('\n');
        return sb.toString();
    }

    /**
     * Inverse of {@link #vocabularyText}; {@code source} names the text in error messages. The
     * escaped form is checked by {@link Vocabulary#read} (reserved header, empty lines, duplicates:
     * escaping is one-to-one, so duplicates survive it).
     */
    static Vocabulary readVocabulary(String text, String source) throws IOException {
        Vocabulary escaped = Vocabulary.read(new BufferedReader(new StringReader(text)), source);
        List<String> tokens = new ArrayList<>();
        for (String t : escaped.tokens().subList(4, escaped.size())) tokens.add(unescape(t));
        return Vocabulary.of(tokens);
    }

    static String escape(String token) {
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

    static String unescape(String s) {
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
}
