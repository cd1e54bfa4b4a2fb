package io.seq4j.core.data;

import java.io.IOException;

/**
 * Bad user input, located: the file (or other source) and the 1-based line number, 0 when the
 * problem is not on one line. The message reads {@code FILE:LINE: what is wrong}.
 */
public class InputFormatException extends IOException {
    private final String source;
    private final int line;

    public InputFormatException(String source, int line, String problem) {
        super(source + (line > 0 ? ":" + line : "") + ": " + problem);
        this.source = source;
        this.line = line;
    }

    /** The file or source name. */
    public String source() {
        return source;
    }

    /** The 1-based line number, or 0 when the problem is with the whole source. */
    public int line() {
        return line;
    }
}
