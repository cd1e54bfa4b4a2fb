package io.seq4j.cli;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs library work whose IllegalArgumentException is the user's mistake (a bad setting, an unknown
 * word, a label the model does not know) and turns it into a UsageException (exit 2, one line).
 */
final class UserErrors {
    private UserErrors() {
    }

    @FunctionalInterface
    interface Work<T> {
        T run() throws IOException;
    }

    /** The message as it is. */
    static <T> T of(Work<T> work) throws IOException {
        try {
            return work.run();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The message prefixed with the file it is about. */
    static <T> T about(Path file, Work<T> work) throws IOException {
        try {
            return work.run();
        } catch (IllegalArgumentException e) {
            throw new UsageException(file + ": " + e.getMessage());
        }
    }
}
