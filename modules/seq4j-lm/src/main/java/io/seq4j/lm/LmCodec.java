package io.seq4j.lm;

import io.seq4j.core.text.Tokenizer;
import io.seq4j.core.text.Vocabulary;

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
 * <p>Character vocabularies hold white space (newline, space, tab); the bundle stores them with
 * {@link Vocabulary#toEscapedText}.
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
}
