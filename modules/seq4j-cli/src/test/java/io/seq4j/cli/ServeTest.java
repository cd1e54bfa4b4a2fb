package io.seq4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seq4j.sentiment.SentimentConfig;
import io.seq4j.sentiment.SentimentTrainer;
import io.seq4j.sentiment.WordOrderData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** seq4j serve's API on a small sentiment model: answers equal the CLI's, every bad request gets its status and one message. */
class ServeTest {
    @TempDir
    static Path dir;
    static Path model;
    static ModelServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        SentimentConfig c = SentimentConfig.builder().optUnits(8).optEmbedding(8).optMinCount(1).optEpochs(2).optBatchSize(16).build();
        model = dir.resolve("s.zip");
        new SentimentTrainer(c, null, null).train(WordOrderData.generate(300, 1), WordOrderData.generate(30, 2)).save(model);
        server = new ModelServer(List.of(ServedModel.load("sst", model)), new ModelServer.Options("127.0.0.1", 0, "secret", 1024, 10_000, 4)).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (token != null) b.header("Authorization", "Bearer " + token);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> predict(String body) throws Exception {
        return send("POST", "/v1/models/sst/predict", body, "secret");
    }

    @Test
    void answersAreWhatTheCliPrints() throws Exception {
        Path input = Files.writeString(dir.resolve("in.txt"), "the phone is good , not bad\nthe film is bad , not good\n");
        CliTest.Run cli = CliTest.run("sentiment", "predict", "--model", model.toString(), "--input", input.toString(), "--json");
        List<String> lines = cli.out().lines().toList();
        assertEquals(lines.get(0), predict("{\"text\": \"the phone is good , not bad\"}").body());
        HttpResponse<String> both = predict("{\"inputs\": [\"the phone is good , not bad\", \"the film is bad , not good\"]}");
        assertEquals(200, both.statusCode());
        assertEquals("[" + lines.get(0) + ", " + lines.get(1) + "]", both.body());
        assertEquals("{\"status\": \"ok\", \"models\": 1}", send("GET", "/health", null, null).body());
        String models = send("GET", "/v1/models", null, "secret").body();
        assertTrue(models.startsWith("{\"models\": [{\"name\": \"sst\", \"task\": \"sentiment\", \"metrics\": {"), models);
        HttpResponse<String> page = send("GET", "/", null, null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>seq4j serve</title>"));
    }

    @Test
    void badRequestsGetTheirStatusAndOneMessage() throws Exception {
        check(401, "missing or wrong token (send 'Authorization: Bearer TOKEN')", send("GET", "/v1/models", null, null));
        check(401, "missing or wrong token (send 'Authorization: Bearer TOKEN')", send("POST", "/v1/models/sst/predict", "{\"text\": \"x\"}", "wrong"));
        check(400, "malformed JSON: Unexpected character ('t' (code 116)): was expecting double-quote to start field name", predict("{text: 1}"));
        check(400, "\"text\" must be a string, got number", predict("{\"text\": 3}"));
        check(400, "\"text\" is empty", predict("{\"text\": \"  \"}"));
        check(400, "\"inputs\" must be an array of strings", predict("{\"inputs\": \"a\"}"));
        check(400, "\"inputs[1]\" must be a string, got null", predict("{\"inputs\": [\"a\", null]}"));
        check(400, "\"inputs\" has 5 texts; at most 4 per request", predict("{\"inputs\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}"));
        check(400, "give either \"text\": \"...\" or \"inputs\": [\"...\", ...]", predict("{}"));
        check(400, "the body must be a JSON object", predict("[1]"));
        check(400, "empty request body: send a JSON object", predict(""));
        check(413, "the request is larger than the limit of 1024 bytes", predict("{\"text\": \"" + "good ".repeat(300) + "\"}"));
        check(404, "no model named 'nope' (served: sst)", send("POST", "/v1/models/nope/predict", "{\"text\": \"x\"}", "secret"));
        check(404, "Endpoint GET /v2/x not found", send("GET", "/v2/x", null, "secret"));
        check(400, "model 'sst' is a sentiment model; only language models sample", send("POST", "/v1/models/sst/sample", "{}", "secret"));
        assertEquals(200, predict("{\"text\": \"still serving after all that\"}").statusCode());
    }

    private static void check(int status, String error, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(Json.write(Json.object("error", error)), r.body());
    }

    @Test
    void concurrentClientsGetTheSameAnswersAsOne() throws Exception {
        List<String> texts = WordOrderData.generate(40, 7).stream().map(r -> r.text()).toList();
        List<String> expected = new ArrayList<>();
        for (String t : texts) expected.add(predict(Json.write(Json.object("text", t))).body());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int offset = c;
                jobs.add(pool.submit(() -> {
                    for (int k = 0; k < texts.size(); k++) {
                        int i = (k + offset * 5) % texts.size();
                        HttpResponse<String> r = predict(Json.write(Json.object("text", texts.get(i))));
                        assertEquals(200, r.statusCode());
                        assertEquals(label(expected.get(i)), label(r.body()), texts.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> j : jobs) j.get();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void benchServeReportsThroughputLatencyAndMemory() throws Exception {
        Path texts = Files.writeString(dir.resolve("texts.txt"), "the phone is good , not bad\nthe film is bad , not good\n");
        CliTest.Run r = CliTest.run("bench", "serve", "--model", model.toString(), "--input", texts.toString(), "--clients", "1,4",
                "--requests", "40", "--soak", "100");
        assertEquals(0, r.status(), r.err());
        for (String key : List.of("\"direct_per_s\"", "\"clients\": [{\"clients\": 1, \"requests\": 40, \"failures\": 0", "\"p99_ms\"", "\"vs_direct\"",
                "\"soak\": {\"clients\": 8, \"requests\": 100, \"failures\": 0", "\"heap_mib\": [", "\"rss_mib\": [")) {
            assertTrue(r.out().contains(key), key + " in " + r.out());
        }
    }

    /** The real command in its own JVM: serves on the port it prints, and SIGTERM stops it cleanly. */
    @Test
    void serveCommandStopsGracefullyOnSigterm() throws Exception {
        Path log = dir.resolve("serve.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--model", "sst=" + model, "--port", "0").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            java.util.regex.Pattern serving = java.util.regex.Pattern.compile("serving 1 model\\(s\\) on http://127.0.0.1:(\\d+)/");
            String port = null;
            for (long end = System.nanoTime() + 60_000_000_000L; port == null && System.nanoTime() < end && p.isAlive(); Thread.sleep(100)) {
                java.util.regex.Matcher m = serving.matcher(Files.readString(log));
                if (m.find()) port = m.group(1);
            }
            assertTrue(port != null, Files.readString(log));
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            p.destroy();        // SIGTERM
            assertTrue(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "still running 20 s after SIGTERM");
            assertTrue(Files.readString(log).contains("seq4j serve: stopping"), Files.readString(log));
        } finally {
            p.destroyForcibly();
        }
    }

    private static String label(String json) {
        int at = json.indexOf("\"label\": \"") + 10;
        return json.substring(at, json.indexOf('"', at));
    }
}
