package io.seq4j.cli;

import io.seq4j.core.backend.Backend;
import io.seq4j.core.bundle.ModelBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seq4j inspect --model M.zip}: loads a bundle fully and describes it. */
@Command(name = "inspect", description = "Load a model bundle and print its task, settings, metrics, artifacts and network size.")
final class InspectCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "The model bundle (.zip).")
    Path model;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Backend.init();
        ModelBundle b = ModelBundle.load(model);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", b.task());
        m.put("network", b.network().getClass().getSimpleName());
        m.put("parameters", b.network().numParams());
        m.put("info", b.info());
        m.put("settings", b.settings());
        m.put("metrics", b.metrics());
        m.put("artifacts", b.artifactNames().stream().toList());
        if (json) {
            System.out.println(Json.write(m));
        } else {
            m.forEach((k, v) -> System.out.printf("%-11s %s%n", k, v));
        }
        return Main.OK;
    }
}
