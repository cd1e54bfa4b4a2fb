package io.seq4j.sentiment;

import io.seq4j.core.data.InputFormatException;
import io.seq4j.core.data.LabeledTextStream.Row;
import io.seq4j.core.data.LineReader;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads labelled documents (label + text) from the usual layouts, UTF-8, {@code .gz} gunzipped:
 * <ul>
 *   <li>{@link Format#LABEL_TAB_TEXT}: {@code label<TAB>text} per line;</li>
 *   <li>{@link Format#TEXT_TAB_LABEL}: {@code text<TAB>label} per line (GLUE without header);</li>
 *   <li>{@link Format#HEADER_TSV}: a TSV whose first line names the columns; the text and label
 *       columns are chosen by name (defaults {@code text} / {@code sentence} / {@code review} and
 *       {@code label} / {@code sentiment} / {@code class}); other columns are ignored;</li>
 *   <li>{@link Format#SST}: {@code label text} per line, split at the first space (SST, stsa);</li>
 *   <li>{@link Format#FOLDERS}: a directory with one sub-directory per class, one document per
 *       file (IMDB's {@code pos/} and {@code neg/}).</li>
 * </ul>
 * {@link Format#AUTO} picks the layout from the path and the first line (see {@link #detect}).
 * Blank lines are skipped. A row with the wrong number of columns, an empty label or an empty text
 * is an {@link InputFormatException} naming file and line; nothing is dropped silently.
 */
public final class DocumentReader {
    /** Input layouts. */
    public enum Format { AUTO, LABEL_TAB_TEXT, TEXT_TAB_LABEL, HEADER_TSV, SST, FOLDERS;

        /** Parses a CLI name such as {@code label-text} or {@code header}. */
        public static Format parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "label-text", "label_tab_text" -> LABEL_TAB_TEXT;
                case "text-label", "text_tab_label" -> TEXT_TAB_LABEL;
                case "header", "header_tsv", "tsv" -> HEADER_TSV;
                case "sst" -> SST;
                case "folders" -> FOLDERS;
                default -> throw new IllegalArgumentException("unknown format '" + s + "' (known: auto, label-text, text-label, header, sst, folders)");
            };
        }
    }

    private static final Set<String> TEXT_NAMES = Set.of("text", "sentence", "review", "document", "content");
    private static final Set<String> LABEL_NAMES = Set.of("label", "sentiment", "class", "polarity", "category");

    private final Format format;
    private final String textColumn;
    private final String labelColumn;

    /**
     * @param format      the layout (AUTO to detect)
     * @param textColumn  text column name for HEADER_TSV (null: a usual name)
     * @param labelColumn label column name for HEADER_TSV (null: a usual name)
     */
    public DocumentReader(Format format, String textColumn, String labelColumn) {
        this.format = Objects.requireNonNull(format, "format");
        this.textColumn = textColumn;
        this.labelColumn = labelColumn;
    }

    /** A reader that detects the layout. */
    public static DocumentReader auto() {
        return new DocumentReader(Format.AUTO, null, null);
    }

    /** All documents of a file or folder, in file order. */
    public List<Row> read(Path path) throws IOException {
        Format f = format == Format.AUTO ? detect(path) : format;
        if (f == Format.FOLDERS) return readFolders(path);
        List<Row> rows = new ArrayList<>();
        try (LineReader lines = new LineReader(path)) {
            int textCol = -1, labelCol = -1, columns = -1;
            if (f == Format.HEADER_TSV) {
                String header = lines.next();
                if (header == null) throw lines.error("empty file, expected a header line naming the columns");
                List<String> names = Arrays.stream(header.split("\t", -1)).map(String::trim).toList();
                columns = names.size();
                textCol = column(names, textColumn, TEXT_NAMES, "text", lines);
                labelCol = column(names, labelColumn, LABEL_NAMES, "label", lines);
            }
            for (String line; (line = lines.next()) != null; ) {
                if (line.isBlank()) continue;
                rows.add(switch (f) {
                    case LABEL_TAB_TEXT -> pair(line, lines, true);
                    case TEXT_TAB_LABEL -> pair(line, lines, false);
                    case SST -> sst(line, lines);
                    case HEADER_TSV -> headerRow(line, lines, columns, textCol, labelCol);
                    default -> throw new IllegalStateException(f.name());
                });
            }
        }
        if (rows.isEmpty()) throw new InputFormatException(path.toString(), 0, "holds no documents");
        return rows;
    }

    /**
     * The layout of a path: a directory is FOLDERS; with column names given, HEADER_TSV; otherwise by
     * the first non-blank line: a header naming a text and a label column is HEADER_TSV; a line with
     * one tab is LABEL_TAB_TEXT when the part before the tab is one word, TEXT_TAB_LABEL when only
     * the part after it is; a line without tabs is SST.
     */
    public Format detect(Path path) throws IOException {
        if (Files.isDirectory(path)) return Format.FOLDERS;
        if (textColumn != null || labelColumn != null) return Format.HEADER_TSV;
        try (LineReader lines = new LineReader(path)) {
            String line;
            while ((line = lines.next()) != null && line.isBlank()) {
                // skip
            }
            if (line == null) throw new InputFormatException(path.toString(), 0, "holds no documents");
            String[] f = line.split("\t", -1);
            if (f.length >= 2) {
                List<String> names = Arrays.stream(f).map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
                if (names.stream().anyMatch(TEXT_NAMES::contains) && names.stream().anyMatch(LABEL_NAMES::contains)) {
                    return Format.HEADER_TSV;
                }
                if (f.length == 2) {
                    boolean leftWord = !f[0].trim().contains(" "), rightWord = !f[1].trim().contains(" ");
                    return !leftWord && rightWord ? Format.TEXT_TAB_LABEL : Format.LABEL_TAB_TEXT;
                }
                throw lines.error("cannot tell the layout: " + f.length + " tab-separated columns but no header naming a text and a label column"
                        + " (give --text-column and --label-column, or --format)");
            }
            return Format.SST;
        }
    }

    private static int column(List<String> names, String wanted, Set<String> usual, String what, LineReader lines) throws InputFormatException {
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (wanted != null ? n.equals(wanted) : usual.contains(n.toLowerCase(Locale.ROOT))) return i;
        }
        throw lines.error(wanted != null
                ? "header has no column '" + wanted + "' (columns: " + String.join(", ", names) + ")"
                : "header names no " + what + " column (columns: " + String.join(", ", names) + "; choose one with --" + what + "-column)");
    }

    private static Row pair(String line, LineReader lines, boolean labelFirst) throws InputFormatException {
        String[] f = line.split("\t", -1);
        if (f.length != 2) {
            throw lines.error("expected 2 tab-separated columns (" + (labelFirst ? "label, text" : "text, label") + "), found " + f.length);
        }
        return row(labelFirst ? f[0] : f[1], labelFirst ? f[1] : f[0], lines);
    }

    private static Row sst(String line, LineReader lines) throws InputFormatException {
        String t = line.strip();
        if (t.indexOf('\t') >= 0) {
            // a tab-separated file whose first line has no tab (a comment, a title) would otherwise get labels like "pos\tthe"
            throw lines.error("a tab in a 'label text' (SST) line: the layout was taken from the first line, which has no tab; "
                    + "give --format label-text, text-label or header");
        }
        int sp = t.indexOf(' ');
        if (sp < 0) throw lines.error("expected 'label text', found a single word");
        return row(t.substring(0, sp), t.substring(sp + 1), lines);
    }

    private static Row headerRow(String line, LineReader lines, int columns, int textCol, int labelCol) throws InputFormatException {
        String[] f = line.split("\t", -1);
        if (f.length != columns) throw lines.error("expected " + columns + " tab-separated columns as in the header, found " + f.length);
        return row(f[labelCol], f[textCol], lines);
    }

    private static Row row(String label, String text, LineReader lines) throws InputFormatException {
        label = label.strip();
        text = text.strip();
        if (label.isEmpty()) throw lines.error("empty label");
        if (text.isEmpty()) throw lines.error("empty text");
        return new Row(label, text);
    }

    private static List<Row> readFolders(Path dir) throws IOException {
        List<Path> classes;
        try (Stream<Path> s = Files.list(dir)) {
            classes = s.filter(Files::isDirectory).sorted().toList();
        }
        if (classes.isEmpty()) throw new InputFormatException(dir.toString(), 0, "has no class sub-directories (expected e.g. pos/ and neg/)");
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        List<Row> rows = new ArrayList<>();
        for (Path c : classes) {
            List<Path> files;
            try (Stream<Path> s = Files.list(c)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                String text;
                try {
                    text = decoder.decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString().strip();
                } catch (CharacterCodingException e) {
                    throw new InputFormatException(file.toString(), 0, "is not valid UTF-8 text");
                }
                if (text.isEmpty()) throw new InputFormatException(file.toString(), 0, "is empty");
                rows.add(new Row(c.getFileName().toString(), text));
            }
        }
        if (rows.isEmpty()) throw new InputFormatException(dir.toString(), 0, "holds no documents");
        return rows;
    }
}
