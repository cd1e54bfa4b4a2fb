package io.seq4j.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens data files, gunzipping {@code .gz} files transparently (decoding is {@link LineReader}'s job). */
public final class TextFiles {
    private TextFiles() {
    }

    /** A buffered byte stream over the file, gunzipped for .gz; missing files are InputFormatExceptions. */
    public static InputStream open(Path file) throws IOException {
        if (!Files.exists(file)) throw new InputFormatException(file.toString(), 0, "no such file");
        if (Files.isDirectory(file)) throw new InputFormatException(file.toString(), 0, "is a directory, expected a file");
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new InputFormatException(file.toString(), 0, "no such file");
        }
        if (file.getFileName().toString().endsWith(".gz")) {
            try {
                in = new GZIPInputStream(in, 1 << 16);
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                in.close();
                throw new InputFormatException(file.toString(), 0, "not a gzip file (" + e.getMessage() + ")");
            }
        }
        return new java.io.BufferedInputStream(in, 1 << 16);
    }
}
