package io.seq4j.core.data;

import io.seq4j.core.text.LabelSet;
import io.seq4j.core.text.Tokenizer;
import io.seq4j.core.text.Vocabulary;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads {@code label<TAB>text} lines (UTF-8, optionally gzipped) as {@link LabeledSequence}s.
 * Blank lines and lines starting with '#' are skipped. A line without a tab, with an empty text,
 * or with a label outside the label set is an {@link InputFormatException} naming file and line.
 */
public final class LabeledTextStream implements SampleStream<LabeledSequence> {
    private final LineReader lines;
    private final Tokenizer tokenizer;
    private final Vocabulary vocabulary;
    private final LabelSet labels;

    public LabeledTextStream(Path file, Tokenizer tokenizer, Vocabulary vocabulary, LabelSet labels) throws IOException {
        this.lines = new LineReader(file);
        this.tokenizer = tokenizer;
        this.vocabulary = vocabulary;
        this.labels = labels;
    }

    /** One parsed line before indexing: the label and the raw text. */
    public record Row(String label, String text) {
    }

    /** Parses the next non-blank, non-comment line, or returns null at the end. */
    public static Row nextRow(LineReader lines) throws IOException {
        for (String line; (line = lines.next()) != null; ) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int tab = line.indexOf('\t');
            if (tab < 0) throw lines.error("expected 'label<TAB>text', found no tab");
            String label = line.substring(0, tab).trim();
            String text = line.substring(tab + 1).trim();
            if (label.isEmpty()) throw lines.error("empty label");
            if (text.isEmpty()) throw lines.error("empty text");
            return new Row(label, text);
        }
        return null;
    }

    @Override
    public LabeledSequence read() throws IOException {
        Row row = nextRow(lines);
        if (row == null) return null;
        if (!labels.contains(row.label())) {
            throw lines.error("unknown label '" + row.label() + "' (known: " + labels + ")");
        }
        int[] tokens = vocabulary.encode(tokenizer.tokenize(row.text()));
        if (tokens.length == 0) throw lines.error("text has no tokens");
        return new LabeledSequence(tokens, labels.indexOf(row.label()));
    }

    @Override
    public void reset() throws IOException {
        lines.reset();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
