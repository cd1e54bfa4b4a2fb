package io.seq4j.cli;

import io.seq4j.core.backend.Backend;
import picocli.CommandLine;

/** {@code seq4j --version}. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[]{"seq4j " + Backend.version("seq4j.version") + " (DL4J " + Backend.version("dl4j.version") + ")"};
    }
}
