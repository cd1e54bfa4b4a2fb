package io.seq4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.seq4j.lm.LanguageModel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP server of {@code seq4j serve} (Javalin on Jetty): a JSON API over the loaded models and
 * the demo page at {@code /}.
 * <ul>
 *   <li>{@code GET /health} -> {@code {"status": "ok", "models": N}};</li>
 *   <li>{@code GET /v1/models} -> {@code {"models": [{"name", "task", "metrics"}]}};</li>
 *   <li>{@code POST /v1/models/NAME/predict} with {@code {"text": "..."}} -> the object
 *       {@code predict --json} prints for that text, or with {@code {"inputs": ["...", ...]}} -> an
 *       array of them;</li>
 *   <li>{@code POST /v1/models/NAME/sample} (language models) with optional {@code prime},
 *       {@code temperature}, {@code top_k}, {@code seed}, {@code max_tokens} -> {@code {"text"}}.</li>
 * </ul>
 * Errors are {@code {"error": "..."}} with 400 (malformed JSON, wrong field types, empty input, a
 * word the model does not know), 401 (missing or wrong token when one is set: {@code Authorization:
 * Bearer TOKEN}), 404 (unknown model or path), 413 (a body over the limit), 503 (a prediction
 * longer than the request timeout); never a stack trace.
 */
final class ModelServer implements AutoCloseable {
    /** Settings: where to listen, the token (null: none), the body limit and the prediction timeout. */
    record Options(String host, int port, String token, int maxRequestBytes, long timeoutMillis, int maxInputs) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, ServedModel> models = new LinkedHashMap<>();
    private final Options options;
    private final ExecutorService work = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "seq4j-serve-predict");
        t.setDaemon(true);
        return t;
    });
    private final Javalin app;

    ModelServer(List<ServedModel> served, Options options) {
        for (ServedModel m : served) {
            if (models.put(m.name(), m) != null) throw new UsageException("two models are named '" + m.name() + "'");
        }
        this.options = options;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = options.maxRequestBytes();
            config.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/seq4j-web";
                sf.location = Location.CLASSPATH;
            });
            config.jetty.modifyServer(server -> server.setStopTimeout(5_000));
        });
        app.before("/v1/*", this::authorize);
        app.get("/health", ctx -> reply(ctx, 200, Json.object("status", "ok", "models", models.size())));
        app.get("/v1/models", ctx -> {
            List<Object> list = new ArrayList<>();
            for (ServedModel m : models.values()) list.add(Json.object("name", m.name(), "task", m.task(), "metrics", m.metrics()));
            reply(ctx, 200, Json.object("models", list));
        });
        app.post("/v1/models/{name}/predict", this::predict);
        app.post("/v1/models/{name}/sample", this::sample);
        app.exception(HttpResponseException.class, (e, ctx) -> reply(ctx, e.getStatus(), error(e.getStatus() == 413
                ? "the request is larger than the limit of " + options.maxRequestBytes() + " bytes" : e.getMessage())));
        app.exception(Exception.class, (e, ctx) -> reply(ctx, 500, error("internal error: " + e.getClass().getSimpleName())));
    }

    /** Starts listening; {@link #port()} tells the port (useful with port 0). */
    ModelServer start() {
        app.start(options.host(), options.port());
        return this;
    }

    int port() {
        return app.port();
    }

    /** Stops accepting requests, lets running ones finish (up to 5 s), and stops. */
    @Override
    public void close() {
        app.stop();
        work.shutdownNow();
    }

    private void authorize(Context ctx) {
        if (options.token() == null) return;
        String h = ctx.header("Authorization");
        String given = h != null && h.startsWith("Bearer ") ? h.substring(7) : "";
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), options.token().getBytes(StandardCharsets.UTF_8))) {
            throw new Reply(401, "missing or wrong token (send 'Authorization: Bearer TOKEN')");
        }
    }

    private void predict(Context ctx) {
        ServedModel m = model(ctx);
        JsonNode body = body(ctx);
        List<String> in = texts(body, options.maxInputs());
        List<Object> out = timed(() -> m.predict(in));
        reply(ctx, 200, body.has("text") ? out.get(0) : out);
    }

    /** The texts of a predict request: {@code {"text": "..."}} or {@code {"inputs": ["...", ...]}}; a Reply (400) says what is wrong. */
    static List<String> texts(JsonNode body, int maxInputs) {
        JsonNode text = body.get("text"), inputs = body.get("inputs");
        if ((text == null) == (inputs == null)) throw new Reply(400, "give either \"text\": \"...\" or \"inputs\": [\"...\", ...]");
        List<String> in = new ArrayList<>();
        if (text != null) {
            in.add(nonEmptyString(text, "text"));
            return in;
        }
        if (!inputs.isArray()) throw new Reply(400, "\"inputs\" must be an array of strings");
        if (inputs.isEmpty()) throw new Reply(400, "\"inputs\" is empty");
        if (inputs.size() > maxInputs) throw new Reply(400, "\"inputs\" has " + inputs.size() + " texts; at most " + maxInputs + " per request");
        for (int i = 0; i < inputs.size(); i++) in.add(nonEmptyString(inputs.get(i), "inputs[" + i + "]"));
        return in;
    }

    private void sample(Context ctx) {
        ServedModel m = model(ctx);
        LanguageModel lm = m.languageModel();
        if (lm == null) throw new Reply(400, "model '" + m.name() + "' is a " + m.task() + " model; only language models sample");
        JsonNode b = body(ctx);
        LanguageModel.Sampling d = LanguageModel.Sampling.defaults();
        LanguageModel.Sampling s;
        try {
            s = new LanguageModel.Sampling(b.has("prime") ? string(b.get("prime"), "prime") : "",
                    number(b, "temperature", d.temperature()), (int) number(b, "top_k", d.topK()), (long) number(b, "seed", d.seed()),
                    (int) Math.min(number(b, "max_tokens", d.maxTokens()), 5_000), d.stopAtEnd());
        } catch (IllegalArgumentException bad) {     // the sampling settings' own checks (temperature > 0, ...)
            throw new Reply(400, bad.getMessage());
        }
        String text = timed(() -> lm.sample(s));
        reply(ctx, 200, Json.object("text", text, "seed", s.seed()));
    }

    private ServedModel model(Context ctx) {
        ServedModel m = models.get(ctx.pathParam("name"));
        if (m == null) throw new Reply(404, "no model named '" + ctx.pathParam("name") + "' (served: " + String.join(", ", models.keySet()) + ")");
        return m;
    }

    private JsonNode body(Context ctx) {
        long declared = ctx.contentLength();
        if (declared > options.maxRequestBytes()) throw new Reply(413, "the request is larger than the limit of " + options.maxRequestBytes() + " bytes");
        return parse(ctx.bodyAsBytes(), options.maxRequestBytes());
    }

    /** A request body as a JSON object; a Reply (400, or 413 over {@code maxBytes}) says what is wrong. */
    static JsonNode parse(byte[] raw, int maxBytes) {
        if (raw.length > maxBytes) throw new Reply(413, "the request is larger than the limit of " + maxBytes + " bytes");
        if (raw.length == 0) throw new Reply(400, "empty request body: send a JSON object");
        JsonNode n;
        try {
            n = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new Reply(400, "malformed JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new Reply(400, "unreadable request body");
        }
        if (n == null || !n.isObject()) throw new Reply(400, "the body must be a JSON object");
        return n;
    }

    private static String nonEmptyString(JsonNode n, String field) {
        String s = string(n, field);
        if (s.isBlank()) throw new Reply(400, "\"" + field + "\" is empty");
        return s;
    }

    private static String string(JsonNode n, String field) {
        if (!n.isTextual()) throw new Reply(400, "\"" + field + "\" must be a string, got " + n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        return n.textValue();
    }

    private static double number(JsonNode b, String field, double fallback) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) return fallback;
        if (!n.isNumber()) throw new Reply(400, "\"" + field + "\" must be a number");
        return n.doubleValue();
    }

    /** Runs model work with the request timeout; the caller's mistakes (IllegalArgumentException) become 400. */
    private <T> T timed(java.util.function.Supplier<T> job) {
        CompletableFuture<T> f = CompletableFuture.supplyAsync(job, work);
        try {
            return f.get(options.timeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new Reply(503, "the prediction took longer than " + options.timeoutMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IllegalArgumentException bad) throw new Reply(400, bad.getMessage());
            if (e.getCause() instanceof Reply r) throw r;
            throw new Reply(500, "internal error: " + e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Reply(503, "interrupted");
        }
    }

    private static Map<String, Object> error(String message) {
        return Json.object("error", message);
    }

    private static void reply(Context ctx, int status, Object json) {
        ctx.status(status).contentType("application/json").result(Json.write(json));
    }

    /** An HTTP error with its {@code {"error"}} message. */
    static final class Reply extends HttpResponseException {
        Reply(int status, String message) {
            super(status, message);
        }
    }
}
