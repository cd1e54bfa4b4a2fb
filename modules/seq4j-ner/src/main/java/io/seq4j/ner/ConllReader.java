package io.seq4j.ner;

import io.seq4j.core.data.InputFormatException;
import io.seq4j.core.data.LineReader;
import io.seq4j.ner.TagScheme.Tag;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CoNLL-style tagged text (UTF-8, gzipped when named .gz): one token per line, columns
 * separated by white space, the word first and the tag last (CoNLL-2003: word POS chunk tag; or
 * plain word tag), blank lines between sentences, {@code -DOCSTART-} lines skipped. Every token
 * line must have the column count of the file's first one. Tags must be O or B-/I-/E-/S-TYPE;
 * with a {@code strict} scheme every tag must also be valid in that scheme. Problems are
 * {@link InputFormatException}s naming the file and line; nothing is dropped silently.
 */
public final class ConllReader {
    /** A sentence: words, their tags, and the file line of its first token. */
    public record Sentence(List<String> words, List<String> tags, int line) {
    }

    private final TagScheme strict;

    /** @param strict the scheme every tag must obey, or null to accept any valid-looking tags */
    public ConllReader(TagScheme strict) {
        this.strict = strict;
    }

    public List<Sentence> read(Path file) throws IOException {
        List<Sentence> out = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        int columns = -1;
        int columnsLine = 0;
        try (LineReader lines = new LineReader(file)) {
            for (String line; ; ) {
                line = lines.next();
                String t = line == null ? "" : line.strip();
                if (t.isEmpty()) {
                    if (!words.isEmpty()) {
                        check(file, tags, lineNumbers);
                        out.add(new Sentence(List.copyOf(words), List.copyOf(tags), lineNumbers.get(0)));
                        words.clear();
                        tags.clear();
                        lineNumbers.clear();
                    }
                    if (line == null) break;
                    continue;
                }
                String[] f = t.split("\\s+");
                if (f[0].equals("-DOCSTART-")) continue;
                if (f.length < 2) throw lines.error("expected a word and a tag, found 1 column");
                if (columns < 0) {
                    columns = f.length;
                    columnsLine = lines.lineNumber();
                } else if (f.length != columns) {
                    throw lines.error("expected " + columns + " columns (as on line " + columnsLine + "), found " + f.length);
                }
                String tag = f[f.length - 1];
                if (Tag.parse(tag) == null) throw lines.error("'" + tag + "' is not a tag (expected O or B-, I-, E-, S- and a type)");
                words.add(f[0]);
                tags.add(tag);
                lineNumbers.add(lines.lineNumber());
            }
        }
        if (out.isEmpty()) throw new InputFormatException(file.toString(), 0, "no tagged sentences in the file");
        return out;
    }

    private void check(Path file, List<String> tags, List<Integer> lineNumbers) throws InputFormatException {
        if (strict == null) return;
        Tag prev = new Tag("O", "");
        for (int i = 0; i < tags.size(); i++) {
            Tag t = Tag.parse(tags.get(i));
            Tag next = i + 1 < tags.size() ? Tag.parse(tags.get(i + 1)) : null;
            String why = strict.violation(prev, t, next);
            if (why != null) throw new InputFormatException(file.toString(), lineNumbers.get(i), why);
            prev = t;
        }
    }
}
