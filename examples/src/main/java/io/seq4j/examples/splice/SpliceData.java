package io.seq4j.examples.splice;

import io.seq4j.core.data.InputFormatException;
import io.seq4j.core.data.LabeledTextStream.Row;
import io.seq4j.core.data.LineReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the UCI splice-junction data ({@code splice.data}: {@code class, name, sequence} per line,
 * padded with spaces; {@code splice.csv} adds a {@code Class, Donor, Sequence} header). Classes are
 * EI, IE and N; bases are A, C, G, T and the IUPAC ambiguity codes (D, N, R, S occur). A malformed
 * line is an InputFormatException naming the file and line.
 */
public final class SpliceData {
    private static final String BASES = "ACGTNDRSYKMBHVW";

    private SpliceData() {
    }

    /** The rows of a splice file, or of {@code splice.data} (else {@code splice.csv}) in a directory. */
    public static List<Row> read(Path path) throws IOException {
        Path file = path;
        if (Files.isDirectory(path)) {
            file = Files.exists(path.resolve("splice.data")) ? path.resolve("splice.data") : path.resolve("splice.csv");
        }
        if (!Files.isRegularFile(file)) throw new InputFormatException(file.toString(), 0, "no such file (expected UCI's splice.data or splice.csv)");
        List<Row> rows = new ArrayList<>();
        try (LineReader r = new LineReader(file)) {
            for (String line; (line = r.next()) != null; ) {
                if (line.isBlank()) continue;
                String[] f = line.split(",");
                if (r.lineNumber() == 1 && f.length == 3 && f[0].trim().equalsIgnoreCase("class")) continue;     // the csv header
                if (f.length != 3) throw r.error("expected 3 comma-separated fields (class, name, sequence), found " + f.length);
                String label = f[0].trim(), seq = f[2].trim().toUpperCase(java.util.Locale.ROOT);
                if (label.isEmpty()) throw r.error("empty class");
                if (seq.isEmpty()) throw r.error("empty sequence");
                for (int i = 0; i < seq.length(); i++) {
                    if (BASES.indexOf(seq.charAt(i)) < 0) {
                        throw r.error("'" + seq.charAt(i) + "' at position " + (i + 1) + " is not a base (A, C, G, T or an IUPAC code)");
                    }
                }
                rows.add(new Row(label, seq));
            }
        }
        if (rows.isEmpty()) throw new InputFormatException(file.toString(), 0, "no sequences");
        return rows;
    }
}
