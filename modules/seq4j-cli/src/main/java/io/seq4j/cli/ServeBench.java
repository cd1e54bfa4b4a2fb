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
 * latency per client count, failures (non-200 answers, exceptions); then a long run (the soak) in
 * four quarters, with the settled heap and the process's resident memory before it and after each
 * quarter, so a leak shows as growth from quarter to quarter.
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
                List<Double> heap = new ArrayList<>(List.of(settledHeap() / 1048576.0)), rss = new ArrayList<>(List.of(residentMib()));
                Map<String, Object> s = null;
                long t = System.nanoTime(), failures = 0;
                for (int q = 0; q < 4; q++) {
                    s = drive(http, uri, texts, 8, soak / 4);
                    failures += (long) s.get("failures");
                    heap.add(settledHeap() / 1048576.0);
                    rss.add(residentMib());
                }
                s.put("requests", 4 * (soak / 4));
                s.put("failures", failures);
                s.put("per_s", 4 * (soak / 4) / ((System.nanoTime() - t) / 1e9));      // includes the settling pauses
                s.put("heap_mib", heap);
                s.put("rss_mib", rss);
                out.put("soak", s);
            }
        }
        return out;
    }

    /**
     * Heap in use once garbage is collected and ND4J's deallocator thread has caught up: arrays freed by
     * a GC stay reachable from ND4J's reference map until that thread has released them, so one GC
     * right after load shows a backlog, not a leak. GCs until the figure stops falling (at most 10 s).
     */
    private static long settledHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 40; i++) {
            System.gc();
            Thread.sleep(250);
            long used = rt.totalMemory() - rt.freeMemory();
            if (used > last * 0.99) return Math.min(used, last);
            last = used;
        }
        return last;
    }

    /** This process's resident set in MiB (Linux /proc; NaN elsewhere). */
    private static double residentMib() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // not Linux: no figure
        }
        return Double.NaN;
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
