package io.seq4j.cli;

import io.seq4j.core.backend.Backend;
import io.seq4j.core.backend.BackendInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seq4j info}: version, backend, native variant, threads. */
@Command(name = "info", description = "Print seq4j's version, the ND4J backend, native variant and threads.")
final class InfoCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        BackendInfo info = Backend.init();
        Map<String, String> m = info.toMap();
        if (json) {
            System.out.println(Json.write(m));
        } else {
            m.forEach((k, v) -> System.out.printf("%-14s %s%n", k, v));
        }
        return Main.OK;
    }
}
