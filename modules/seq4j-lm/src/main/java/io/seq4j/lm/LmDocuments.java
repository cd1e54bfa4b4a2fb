package io.seq4j.lm;

import io.seq4j.core.data.InputFormatException;
import io.seq4j.core.data.LineReader;
import io.seq4j.lm.abc.AbcTunes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Training and evaluation text for a language model, read from a file or from every file under a
 * directory (sorted by path; gzip read transparently; UTF-8 errors reported with file and line).
 * TEXT: each file is one document (its lines joined by newlines). LINES: each non-blank line is one.
 * ABC: each tune ({@code X:} header to the next) is one, see {@link AbcTunes}.
 */
public final class LmDocuments {
    private LmDocuments() {
    }

    /** The documents under {@code path}; an empty result is an InputFormatException naming the path. */
    public static List<String> read(Path path, LmConfig.Samples samples) throws IOException {
        if (!Files.exists(path)) throw new InputFormatException(path.toString(), 0, "no such file or directory");
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.walk(path)) {
                s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().forEach(files::add);
            }
        } else {
            files.add(path);
        }
        List<String> docs = new ArrayList<>();
        for (Path f : files) {
            switch (samples) {
                case TEXT -> {
                    String text = text(f);
                    if (!text.isBlank()) docs.add(text);
                }
                case LINES -> {
                    try (LineReader r = new LineReader(f)) {
                        for (String line; (line = r.next()) != null; ) {
                            if (!line.isBlank()) docs.add(line.strip());
                        }
                    }
                }
                case ABC -> docs.addAll(AbcTunes.split(text(f)));
            }
        }
        if (docs.isEmpty()) {
            throw new InputFormatException(path.toString(), 0, samples == LmConfig.Samples.ABC
                    ? "no ABC tunes (a tune starts with an 'X:' line)" : "no text");
        }
        return docs;
    }

    /** A file's text, lines joined by newlines (each line ended by one). */
    static String text(Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (LineReader r = new LineReader(file)) {
            for (String line; (line = r.next()) != null; ) sb.append(line).append('\n');
        }
        return sb.toString();
    }

    /** Training and held-out documents. */
    public record Split(List<String> train, List<String> heldOut) {
    }

    /**
     * Holds out a fraction for validation: for TEXT, the last {@code fraction} of the characters of
     * all documents together (as nanoGPT splits tiny-shakespeare); for LINES/ABC, a seeded random
     * {@code fraction} of the sequences.
     */
    public static Split holdOut(List<String> docs, double fraction, LmConfig.Samples samples, long seed) {
        if (!(fraction > 0 && fraction < 1)) throw new IllegalArgumentException("the held-out fraction must be in (0, 1), got " + fraction);
        if (samples == LmConfig.Samples.TEXT) {
            String all = String.join("", docs);
            int cut = (int) Math.floor(all.length() * (1 - fraction));
            if (cut <= 0 || cut >= all.length()) throw new IllegalArgumentException("too little text to hold out " + fraction);
            return new Split(List.of(all.substring(0, cut)), List.of(all.substring(cut)));
        }
        List<String> shuffled = new ArrayList<>(docs);
        Collections.shuffle(shuffled, new Random(seed));
        int n = (int) Math.round(docs.size() * fraction);
        if (n < 1 || n >= docs.size()) throw new IllegalArgumentException("too few sequences (" + docs.size() + ") to hold out " + fraction);
        return new Split(List.copyOf(shuffled.subList(n, shuffled.size())), List.copyOf(shuffled.subList(0, n)));
    }
}
