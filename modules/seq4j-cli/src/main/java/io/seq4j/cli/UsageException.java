package io.seq4j.cli;

/** A bad option value or combination the parser cannot catch; the CLI exits with status 2. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
