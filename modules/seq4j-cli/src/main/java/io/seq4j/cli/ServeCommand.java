package io.seq4j.cli;

import io.seq4j.core.backend.Backend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code seq4j serve}: the loaded models over HTTP (see {@link ModelServer} for the API). */
@Command(name = "serve", description = {"Serve models over HTTP: GET /health, GET /v1/models, POST /v1/models/NAME/predict "
        + "({\"text\": ...} or {\"inputs\": [...]}), POST /v1/models/NAME/sample (language models), and a demo page at /.",
        "Binds to 127.0.0.1 unless --host says otherwise; stops gracefully on SIGTERM / Ctrl-C."})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "NAME=PATH",
            description = "A model to serve (repeatable): a sentiment, ner or lm bundle, or word vectors.") List<String> models;
    @Option(names = "--port", description = "Port (default ${DEFAULT-VALUE}; 0 = any free port).", defaultValue = "8080") int port;
    @Option(names = "--host", description = "Address to bind (default ${DEFAULT-VALUE}: this machine only).", defaultValue = "127.0.0.1") String host;
    @Option(names = "--token", description = "Require 'Authorization: Bearer TOKEN' on /v1/ (default: none). "
            + "Also read from SEQ4J_SERVE_TOKEN, which keeps it out of the process list.") String token;
    @Option(names = "--max-request-bytes", description = "Largest request body (default ${DEFAULT-VALUE}).", defaultValue = "65536") int maxBytes;
    @Option(names = "--timeout-ms", description = "Longest prediction before 503 (default ${DEFAULT-VALUE}).", defaultValue = "30000") long timeoutMs;
    @Option(names = "--max-inputs", description = "Most texts in one {\"inputs\": [...]} request (default ${DEFAULT-VALUE}).", defaultValue = "256") int maxInputs;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) throw new UsageException("--port must be 0-65535, got " + port);
        if (maxBytes < 1 || timeoutMs < 1 || maxInputs < 1) throw new UsageException("--max-request-bytes, --timeout-ms and --max-inputs must be positive");
        if (token == null) token = System.getenv("SEQ4J_SERVE_TOKEN");
        System.err.println("seq4j serve on " + Backend.init().summary());
        List<ServedModel> served = new ArrayList<>();
        for (String spec : models) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) throw new UsageException("--model: '" + spec + "' is not NAME=PATH");
            String name = spec.substring(0, eq);
            if (!name.matches("[A-Za-z0-9._-]+")) throw new UsageException("--model: the name '" + name + "' may only use letters, digits, '.', '_' and '-'");
            ServedModel m = ServedModel.load(name, Path.of(spec.substring(eq + 1)));
            System.err.printf(Locale.ROOT, "loaded %s (%s) from %s%n", name, m.task(), spec.substring(eq + 1));
            served.add(m);
        }
        ModelServer server = new ModelServer(served, new ModelServer.Options(host, port, token, maxBytes, timeoutMs, maxInputs)).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("seq4j serve: stopping");
            server.close();
            stopped.countDown();
        }));
        System.err.printf(Locale.ROOT, "serving %d model(s) on http://%s:%d/ (demo page at /; token %s)%n", served.size(), host, server.port(),
                token == null ? "off" : "on");
        stopped.await();
        return Main.OK;
    }
}
