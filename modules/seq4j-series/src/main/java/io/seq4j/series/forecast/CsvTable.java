package io.seq4j.series.forecast;

import io.seq4j.core.data.InputFormatException;
import io.seq4j.core.data.LineReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A CSV file with a header row (comma-separated, no quoted commas: the layout of daily weather and
 * price series), its rows in file order. Every row must have the header's field count; a cell read
 * as a number must be one. Errors name the file, the line and the column.
 */
public final class CsvTable {
    private final Path file;
    private final List<String> header;
    private final List<String[]> rows;
    private final int[] lines;

    private CsvTable(Path file, List<String> header, List<String[]> rows, int[] lines) {
        this.file = file;
        this.header = header;
        this.rows = rows;
        this.lines = lines;
    }

    /** Reads {@code file} (UTF-8, .gz transparently); blank lines are skipped. */
    public static CsvTable read(Path file) throws IOException {
        try (LineReader r = new LineReader(file)) {
            String head = r.next();
            while (head != null && head.isBlank()) head = r.next();
            if (head == null) throw new InputFormatException(file.toString(), 0, "empty file: expected a header row");
            List<String> header = Arrays.stream(head.split(",", -1)).map(String::trim).toList();
            List<String[]> rows = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            for (String line; (line = r.next()) != null; ) {
                if (line.isBlank()) continue;
                String[] f = line.split(",", -1);
                if (f.length != header.size()) throw r.error(f.length + " fields, the header has " + header.size() + " (" + head + ")");
                for (int i = 0; i < f.length; i++) f[i] = f[i].trim();
                rows.add(f);
                lines.add(r.lineNumber());
            }
            if (rows.isEmpty()) throw new InputFormatException(file.toString(), 0, "no rows after the header");
            return new CsvTable(file, header, rows, lines.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    public Path file() {
        return file;
    }

    public int size() {
        return rows.size();
    }

    /** The rows whose {@code column} equals {@code value} (line numbers kept for errors). */
    public CsvTable where(String column, String value) throws InputFormatException {
        return filter(column, value::equals);
    }

    /** The rows whose {@code column} passes {@code keep}. */
    public CsvTable filter(String column, Predicate<String> keep) throws InputFormatException {
        int c = index(column);
        List<String[]> kept = new ArrayList<>();
        List<Integer> keptLines = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (keep.test(rows.get(i)[c])) {
                kept.add(rows.get(i));
                keptLines.add(lines[i]);
            }
        }
        return new CsvTable(file, header, kept, keptLines.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The column's cells as text. */
    public List<String> strings(String column) throws InputFormatException {
        int c = index(column);
        return rows.stream().map(r -> r[c]).toList();
    }

    /** The column's cells as finite numbers; a cell that is not one is an InputFormatException at its line. */
    public double[] numbers(String column) throws InputFormatException {
        int c = index(column);
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = Double.parseDouble(rows.get(i)[c]);
                if (!Double.isFinite(out[i])) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                throw new InputFormatException(file.toString(), lines[i], "column " + column + ": '" + rows.get(i)[c] + "' is not a number");
            }
        }
        return out;
    }

    /** The file line of row {@code i} (for errors about a row). */
    public int line(int i) {
        return lines[i];
    }

    private int index(String column) throws InputFormatException {
        int c = header.indexOf(column);
        if (c < 0) throw new InputFormatException(file.toString(), 1, String.format(Locale.ROOT, "no column '%s' (columns: %s)", column, String.join(", ", header)));
        return c;
    }
}
