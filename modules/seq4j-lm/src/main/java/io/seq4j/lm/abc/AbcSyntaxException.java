package io.seq4j.lm.abc;

/** An ABC tune that does not parse; the message names the 1-based line and column within the tune. */
public final class AbcSyntaxException extends Exception {
    private final int line;

    public AbcSyntaxException(int line, int column, String problem) {
        super("line " + line + (column > 0 ? ", column " + column : "") + ": " + problem);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
