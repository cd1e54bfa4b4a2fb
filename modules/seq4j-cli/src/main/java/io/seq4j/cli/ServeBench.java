package io.seq4j.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code seq4j bench serve}: one model behind {@link ModelServer} on localhost, driven by C
 * concurrent clients (each sends its next request when the last is answered), against the same
 * texts predicted by direct single-threaded calls in the same JVM. Reports requests/s and p50/p99
 * latency per client count, failures (non-200 answers, exceptions), and heap use after a GC before
 * and after the long run, so a leak shows as growth.
 */
final class ServeBench {
    private ServeBench() {
    }

    static Map<String, Object> run(Path model, List<String> texts, int[] clientCounts, int requests, int soak) throws Exception {
        ServedModel served = ServedModel.load("bench", model);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", model.toString());
        out.put("task", served.task());
        // direct, single-threaded: the same texts one at a time
        for (int i = 0; i < Math.min(200, requests); i++) served.predict(List.of(texts.get(i % texts.size())));
        long t0 = System.nanoTime();
        for (int i = 0; i < requests; i++) served.predict(List.of(texts.get(i % texts.size())));
        double direct = requests / ((System.nanoTime() - t0) / 1e9);
        out.put("direct_per_s", direct);
        try (ModelServer server = new ModelServer(List.of(served), new ModelServer.Options("127.0.0.1", 0, null, 65536, 30_000, 256)).start()) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/v1/models/bench/predict");
            HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
            drive(http, uri, texts, 8, 400);        // warm-up
            List<Object> rows = new ArrayList<>();
            for (int c : clientCounts) {
                Map<String, Object> r = drive(http, uri, texts, c, requests);
                r.put("vs_direct", (double) r.get("per_s") / direct);
                rows.add(r);
            }
            out.put("clients", rows);
            if (soak > 0) {
                long before = heapAfterGc();
                Map<String, Object> s = drive(http, uri, texts, 8, soak);
                long after = heapAfterGc();
                s.put("heap_before_mib", before / 1048576.0);
                s.put("heap_after_mib", after / 1048576.0);
                out.put("soak", s);
            }
        }
        return out;
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** {@code total} requests from {@code clients} closed-loop clients. */
    private static Map<String, Object> drive(HttpClient http, URI uri, List<String> texts, int clients, int total) throws Exception {
        long[] latencies = new long[total];
        AtomicLong next = new AtomicLong(), failures = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                jobs.add(pool.submit(() -> {
                    for (long i; (i = next.getAndIncrement()) < total; ) {
                        String body = Json.write(Json.object("text", texts.get((int) (i % texts.size()))));
                        long s = System.nanoTime();
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200) failures.incrementAndGet();
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                        latencies[(int) i] = System.nanoTime() - s;
                    }
                    return null;
                }));
            }
            for (Future<?> j : jobs) j.get();
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Arrays.sort(latencies);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("clients", clients);
        r.put("requests", total);
        r.put("failures", failures.get());
        r.put("per_s", total / seconds);
        r.put("p50_ms", latencies[total / 2] / 1e6);
        r.put("p99_ms", latencies[Math.min(total - 1, (int) Math.ceil(total * 0.99) - 1)] / 1e6);
        return r;
    }
}
