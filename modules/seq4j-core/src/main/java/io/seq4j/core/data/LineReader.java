package io.seq4j.core.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads a UTF-8 text file (gzipped when its name ends in .gz) line by line, counting lines, so
 * parsers can report {@code file:line}. Lines are decoded one at a time, so malformed UTF-8 is
 * reported on the line where it is. Re-opens the file on {@link #reset()}.
 */
public final class LineReader implements AutoCloseable {
    private final Path file;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private InputStream in;
    private int lineNumber;

    public LineReader(Path file) throws IOException {
        this.file = file;
        this.in = TextFiles.open(file);
    }

    /** The next line without its terminator ({@code \n} or {@code \r\n}), or null at the end. */
    public String next() throws IOException {
        line.reset();
        int b;
        try {
            while ((b = in.read()) != -1 && b != '\n') {
                line.write(b);
            }
        } catch (java.util.zip.ZipException | java.io.EOFException e) {      // a corrupt or truncated .gz
            lineNumber++;
            throw error("the gzip data is damaged or cut short (" + e.getMessage() + ")");
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        lineNumber++;
        byte[] bytes = line.toByteArray();
        int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, 0, len)).toString();
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
        in.close();
        in = TextFiles.open(file);
        lineNumber = 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
