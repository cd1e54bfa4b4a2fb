package io.seq4j.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;

/**
 * Reads a text file line by line, counting lines, so parsers can report {@code file:line}.
 * Re-opens the file on {@link #reset()}; a UTF-8 decoding error is reported with the line.
 */
public final class LineReader implements AutoCloseable {
    private final Path file;
    private BufferedReader reader;
    private int lineNumber;

    public LineReader(Path file) throws IOException {
        this.file = file;
        this.reader = TextFiles.open(file);
    }

    /** The next line without its terminator, or null at the end. */
    public String next() throws IOException {
        try {
            String line = reader.readLine();
            if (line != null) lineNumber++;
            return line;
        } catch (CharacterCodingException e) {
            throw error("not valid UTF-8 text");
        }
    }

    /** The 1-based number of the line last returned. */
    public int lineNumber() {
        return lineNumber;
    }

    public Path file() {
        return file;
    }

    /** An exception locating a problem on the line last returned. */
    public InputFormatException error(String problem) {
        return new InputFormatException(file.toString(), lineNumber, problem);
    }

    public void reset() throws IOException {
        reader.close();
        reader = TextFiles.open(file);
        lineNumber = 0;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
