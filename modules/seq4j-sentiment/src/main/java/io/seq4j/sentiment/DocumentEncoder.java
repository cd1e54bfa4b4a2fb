package io.seq4j.sentiment;

import io.seq4j.core.data.LabeledSequence;
import io.seq4j.core.data.LabeledTextStream.Row;
import io.seq4j.core.text.LabelSet;
import io.seq4j.core.text.Vocabulary;
import io.seq4j.core.text.CharTokenizer;
import io.seq4j.core.text.Tokenizer;
import io.seq4j.core.text.WordTokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Text to token indices for the classifier, the same way in training and prediction: HTML line
 * breaks ({@code <br />}, as in IMDB reviews) become spaces, the text is split by
 * {@link WordTokenizer} (or into characters with the {@code tokenizer} setting {@code char}; lower-cased when configured), words map to vocabulary indices (unknown
 * words to UNK), and a document longer than {@code maxLength} tokens keeps its first
 * {@code headTokens} and its last {@code maxLength - headTokens} tokens. Tensors are built from the
 * indices by {@link io.seq4j.core.batch.SequenceBatcher}.
 */
public final class DocumentEncoder {
    private static final Pattern BREAKS = Pattern.compile("<br\\s*/?>", Pattern.CASE_INSENSITIVE);

    private final Tokenizer tokenizer;
    private final int maxLength;
    private final int headTokens;

    public DocumentEncoder(SentimentConfig config) {
        this.tokenizer = config.tokenizer().equals("char") ? new CaseFolded(new CharTokenizer(), config.lowercase())
                : new WordTokenizer(config.lowercase());
        this.maxLength = config.maxLength();
        this.headTokens = config.headTokens();
    }

    /** A character tokenizer that lower-cases first when asked to. */
    private record CaseFolded(Tokenizer inner, boolean lowercase) implements Tokenizer {
        @Override
        public List<String> tokenize(String text) {
            return inner.tokenize(lowercase ? text.toLowerCase(java.util.Locale.ROOT) : text);
        }

        @Override
        public String name() {
            return inner.name();
        }
    }

    /** The words (or characters) of a text, before truncation. */
    public List<String> words(String text) {
        return tokenizer.tokenize(BREAKS.matcher(text).replaceAll(" "));
    }

    /** The vocabulary of training documents: words seen at least minCount times, the most frequent maxVocab. */
    public static Vocabulary vocabulary(List<Row> train, SentimentConfig config) {
        DocumentEncoder enc = new DocumentEncoder(config);
        Vocabulary.Builder b = Vocabulary.builder().optMinCount(config.minCount()).optMaxSize(config.maxVocab());
        for (Row r : train) b.addAll(enc.words(r.text()));
        return b.build();
    }

    /**
     * Token indices of a text, truncated; a text without words becomes one UNK so every document
     * has at least one step.
     */
    public int[] encode(String text, Vocabulary vocab) {
        int[] all = vocab.encode(words(text));
        if (all.length == 0) return new int[]{Vocabulary.UNK};
        if (all.length <= maxLength) return all;
        int[] out = new int[maxLength];
        System.arraycopy(all, 0, out, 0, headTokens);
        System.arraycopy(all, all.length - (maxLength - headTokens), out, headTokens, maxLength - headTokens);
        return out;
    }

    /** Labelled samples; a label outside {@code labels} is an IllegalArgumentException naming it. */
    public List<LabeledSequence> samples(List<Row> rows, Vocabulary vocab, LabelSet labels) {
        List<LabeledSequence> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            if (!labels.contains(r.label())) {
                throw new IllegalArgumentException("label '" + r.label() + "' was not in the training data (labels: " + labels + ")");
            }
            out.add(new LabeledSequence(encode(r.text(), vocab), labels.indexOf(r.label())));
        }
        return out;
    }
}
