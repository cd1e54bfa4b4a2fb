package io.seq4j.core.bundle;

import io.seq4j.core.data.InputFormatException;

/** A file that is not a readable seq4j bundle: corrupt, truncated, foreign, or from a newer format. */
public class BundleFormatException extends InputFormatException {
    public BundleFormatException(String file, String problem) {
        super(file, 0, problem);
    }
}
