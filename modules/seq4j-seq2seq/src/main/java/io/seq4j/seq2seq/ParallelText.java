package io.seq4j.seq2seq;

import io.seq4j.core.data.InputFormatException;
import io.seq4j.core.data.LineReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads parallel text, sentences paired with their translations, from UTF-8 files (gzip read
 * transparently; malformed UTF-8 reported with file and line). Every sentence is stripped of
 * leading and trailing white space. Two layouts:
 * <ul>
 * <li>ALIGNED ({@link #read}): two files {@code PREFIX.SRC} and {@code PREFIX.TGT} (as Multi30k,
 * WMT and OPUS ship them: {@code train.lc.norm.tok.de} and {@code train.lc.norm.tok.en}), one
 * sentence per line, line i of one the translation of line i of the other. A line blank in both
 * files is skipped; a line blank in only one, or files of different line counts, is an error.</li>
 * <li>TSV ({@link #readTsv}): one pair per line, in tab-separated columns, as in the Tatoeba/Anki
 * files ({@code Go.<TAB>Va !<TAB>CC-BY 2.0 (France) Attribution: tatoeba.org #2877272 (CM) ...});
 * columns besides the two read are ignored, blank lines skipped.</li>
 * </ul>
 * Bad input is an {@link InputFormatException} reading {@code FILE:LINE: what is wrong}, and so is
 * input without a single pair.
 */
public final class ParallelText {
    private ParallelText() {
    }

    /**
     * The aligned pairs of {@code PREFIX.src} and {@code PREFIX.tgt}, where each file is read from
     * its {@code .gz} when it does not exist itself: {@code read(Path.of("tok/train"), "de", "en")}
     * reads tok/train.de (or tok/train.de.gz) and tok/train.en (or .en.gz). A missing file, a line
     * empty on one side only, different line counts and no pairs at all are InputFormatExceptions.
     */
    public static List<SentencePair> read(Path prefix, String src, String tgt) throws IOException {
        if (src.isBlank() || tgt.isBlank()) throw new IllegalArgumentException("the source and target languages must not be blank");
        Path sourceFile = side(prefix, src, src, tgt);
        Path targetFile = side(prefix, tgt, src, tgt);
        List<SentencePair> pairs = new ArrayList<>();
        try (LineReader sources = new LineReader(sourceFile); LineReader targets = new LineReader(targetFile)) {
            for (; ; ) {
                String s = sources.next();
                String t = targets.next();
                if (s == null && t == null) break;
                if (s == null || t == null) throw lineCounts(s == null ? targets : sources, s == null ? sources : targets);
                s = s.strip();
                t = t.strip();
                if (s.isEmpty() && t.isEmpty()) continue;
                if (s.isEmpty()) throw sources.error("empty source sentence (line " + sources.lineNumber() + " of " + targetFile + " is not empty)");
                if (t.isEmpty()) throw targets.error("empty target sentence (line " + targets.lineNumber() + " of " + sourceFile + " is not empty)");
                pairs.add(new SentencePair(s, t));
            }
        }
        if (pairs.isEmpty()) throw new InputFormatException(sourceFile + " and " + targetFile, 0, "no sentence pairs");
        return pairs;
    }

    /** PREFIX.lang, or PREFIX.lang.gz when only that exists; neither is an InputFormatException saying what is read. */
    private static Path side(Path prefix, String lang, String src, String tgt) throws InputFormatException {
        Path plain = prefix.getFileSystem().getPath(prefix + "." + lang);
        if (Files.exists(plain)) return plain;
        Path gz = prefix.getFileSystem().getPath(plain + ".gz");
        if (Files.exists(gz)) return gz;
        String name = prefix.getFileName() == null ? "" : prefix.getFileName().toString();
        String hint = name.endsWith("." + src) || name.endsWith("." + tgt)
                ? " (give the prefix without its language suffix)" : "";
        throw new InputFormatException(plain.toString(), 0, "no such file (nor " + gz.getFileName() + "): --data " + prefix
                + " --src " + src + " --tgt " + tgt + " reads " + prefix + "." + src + " and " + prefix + "." + tgt + hint);
    }

    /** The error for aligned files of different lengths: {@code longer} has just read the line {@code shorter} lacks. */
    private static InputFormatException lineCounts(LineReader longer, LineReader shorter) throws IOException {
        int first = longer.lineNumber();
        while (longer.next() != null) {
            // counts the rest
        }
        return new InputFormatException(longer.file().toString(), first, shorter.file() + " ends after " + shorter.lineNumber()
                + " lines but this file has " + longer.lineNumber() + "; aligned files must have the same number of lines,"
                + " line i of one the translation of line i of the other");
    }

    /** {@link #readTsv(Path, int, int)} with the source in column 0 and the target in column 1. */
    public static List<SentencePair> readTsv(Path file) throws IOException {
        return readTsv(file, 0, 1);
    }

    /**
     * The pairs of a tab-separated file, source and target in the given columns (counted from 0;
     * other columns ignored; blank lines skipped). A line with too few columns, an empty source or
     * target, and a file without pairs are InputFormatExceptions.
     */
    public static List<SentencePair> readTsv(Path file, int sourceColumn, int targetColumn) throws IOException {
        if (sourceColumn < 0 || targetColumn < 0) {
            throw new IllegalArgumentException("columns are counted from 0, got source " + sourceColumn + " and target " + targetColumn);
        }
        int needed = Math.max(sourceColumn, targetColumn) + 1;
        List<SentencePair> pairs = new ArrayList<>();
        try (LineReader lines = new LineReader(file)) {
            for (String line; (line = lines.next()) != null; ) {
                if (line.isBlank()) continue;
                String[] columns = line.split("\t", -1);
                if (columns.length < needed) {
                    throw lines.error("found " + columns.length + (columns.length == 1 ? " column" : " columns") + ", expected at least "
                            + needed + " separated by tabs (source in column " + sourceColumn + ", target in column " + targetColumn
                            + ", counting from 0)");
                }
                String s = columns[sourceColumn].strip();
                String t = columns[targetColumn].strip();
                if (s.isEmpty()) throw lines.error("empty source sentence (column " + sourceColumn + ")");
                if (t.isEmpty()) throw lines.error("empty target sentence (column " + targetColumn + ")");
                pairs.add(new SentencePair(s, t));
            }
        }
        if (pairs.isEmpty()) throw new InputFormatException(file.toString(), 0, "no sentence pairs");
        return pairs;
    }

    /** The pairs with source and target swapped, to translate the other way (fra.txt as fr-&gt;en, not en-&gt;fr). */
    public static List<SentencePair> reversed(List<SentencePair> pairs) {
        return pairs.stream().map(p -> new SentencePair(p.target(), p.source())).toList();
    }
}
