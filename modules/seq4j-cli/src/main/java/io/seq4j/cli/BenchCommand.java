package io.seq4j.cli;

import io.seq4j.cli.bench.GemmBench;
import io.seq4j.cli.bench.RnnBench;
import io.seq4j.core.backend.Backend;
import io.seq4j.core.nn.RecurrentSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seq4j bench rnn|gemm|serve}: a recurrent layer alone, one matrix product, the model server. */
@Command(name = "bench", description = "Benchmarks.", subcommands = {BenchCommand.Rnn.class, BenchCommand.Gemm.class, BenchCommand.Serve.class})
final class BenchCommand {

    @Command(name = "rnn", description = {
            "Time a recurrent layer alone: training (forward + backward) and inference, median and min ms per",
            "iteration, tokens/s, GFLOP/s and peak memory. The kernel follows SEQ4J_KERNEL (auto|onednn|java);",
            "threads follow OMP_NUM_THREADS and SEQ4J_BLAS_THREADS."})
    static final class Rnn implements Callable<Integer> {
        enum CellName { lstm, gru, rnn }

        @Option(names = "--cell", defaultValue = "lstm", description = "lstm, gru or rnn (default: ${DEFAULT-VALUE}).")
        CellName cell;
        @Option(names = "--bidirectional", description = "Bidirectional (CONCAT).")
        boolean bidirectional;
        @Option(names = "--input", defaultValue = "128", description = "Input features (default: ${DEFAULT-VALUE}).")
        int input;
        @Option(names = "--hidden", defaultValue = "256", description = "Hidden units (default: ${DEFAULT-VALUE}).")
        int hidden;
        @Option(names = "--batch", defaultValue = "32", description = "Batch size (default: ${DEFAULT-VALUE}).")
        int batch;
        @Option(names = "--steps", defaultValue = "64", description = "Time steps (default: ${DEFAULT-VALUE}).")
        int steps;
        @Option(names = "--layers", defaultValue = "1", description = "Stacked layers (default: ${DEFAULT-VALUE}).")
        int layers;
        @Option(names = "--warmup", defaultValue = "5", description = "Warm-up iterations, at least (default: ${DEFAULT-VALUE}).")
        int warmup;
        @Option(names = "--warmup-seconds", defaultValue = "5", description = "Warm-up time per phase, at least: the JIT "
                + "compiles for seconds after start and on 2 cores steals the kernels' threads (default: ${DEFAULT-VALUE}).")
        double warmupSeconds;
        @Option(names = "--iterations", defaultValue = "30", description = "Timed iterations (default: ${DEFAULT-VALUE}).")
        int iterations;
        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Override
        public Integer call() {
            for (int[] v : new int[][]{{input, 1}, {hidden, 1}, {batch, 1}, {steps, 1}, {layers, 1}, {iterations, 1}, {warmup, 0}}) {
                if (v[0] < v[1]) {
                    throw new UsageException("bench rnn: sizes must be at least 1 (warm-up at least 0), got " + v[0]);
                }
            }
            if (!(warmupSeconds >= 0)) {
                throw new UsageException("bench rnn: --warmup-seconds must be at least 0, got " + warmupSeconds);
            }
            Backend.init();
            RecurrentSpec.Cell c = switch (cell) {
                case lstm -> RecurrentSpec.Cell.LSTM;
                case gru -> RecurrentSpec.Cell.GRU;
                case rnn -> RecurrentSpec.Cell.SIMPLE_RNN;
            };
            RecurrentSpec.Builder b = RecurrentSpec.builder(c, hidden).optDepth(layers).optReturnSequences(true);
            if (bidirectional) {
                b.optBidirectional(RecurrentSpec.Merge.CONCAT);
            }
            Map<String, Object> r = RnnBench.run(new RnnBench.Settings(b.build(), input, batch, steps, warmup, warmupSeconds, iterations));
            if (json) {
                System.out.println(Json.write(r));
            } else {
                System.out.printf(Locale.ROOT, "%s%s %d->%d x%d, batch %d, %d steps, kernel %s%n", bidirectional ? "bi" : "",
                        cell, input, hidden, layers, batch, steps, r.get("kernel"));
                System.out.printf(Locale.ROOT, "train  median %.2f ms (min %.2f)  %.0f tokens/s  %.1f GFLOP/s%n",
                        r.get("train_ms"), r.get("train_min_ms"), r.get("train_tokens_per_s"), r.get("train_gflops"));
                System.out.printf(Locale.ROOT, "infer  median %.2f ms (min %.2f)  %.0f tokens/s  %.1f GFLOP/s%n",
                        r.get("infer_ms"), r.get("infer_min_ms"), r.get("infer_tokens_per_s"), r.get("infer_gflops"));
                System.out.printf(Locale.ROOT, "peak RSS %.0f MiB%n", r.get("peak_rss_mib"));
            }
            return Main.OK;
        }
    }

    @Command(name = "gemm", description = {
            "Time one FP32 matrix product [m x k] x [k x n] through ND4J's own path (OpenBLAS, at seq4j's BLAS",
            "threads) and through oneDNN's sgemm (where seq4j sends ND4J's products), same arrays, same run."})
    static final class Gemm implements Callable<Integer> {
        @Option(names = "--m", defaultValue = "900", description = "Rows (default: ${DEFAULT-VALUE}, a Multi30k batch's target steps).")
        int m;
        @Option(names = "--k", defaultValue = "512", description = "Inner size (default: ${DEFAULT-VALUE}).")
        int k;
        @Option(names = "--n", defaultValue = "5927", description = "Columns (default: ${DEFAULT-VALUE}, the English vocabulary).")
        int n;
        @Option(names = "--iterations", defaultValue = "20", description = "Timed iterations (default: ${DEFAULT-VALUE}).")
        int iterations;
        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Override
        public Integer call() {
            if (m < 1 || k < 1 || n < 1 || iterations < 1) {
                throw new UsageException("bench gemm: --m, --k, --n and --iterations must be at least 1");
            }
            Backend.init();
            Map<String, Object> r = GemmBench.run(m, k, n, iterations);
            if (json) {
                System.out.println(Json.write(r));
            } else {
                System.out.printf(Locale.ROOT, "[%d x %d] x [%d x %d] FP32, median of %d%n", m, k, k, n, iterations);
                System.out.printf(Locale.ROOT, "nd4j (OpenBLAS, %s BLAS thread(s))  %8.2f ms  %6.1f GFLOP/s%n", r.get("blas_threads"),
                        r.get("nd4j_ms"), r.get("nd4j_gflops"));
                System.out.printf(Locale.ROOT, "onednn sgemm (OpenMP threads)     %8.2f ms  %6.1f GFLOP/s  %.2fx%n", r.get("onednn_ms"),
                        r.get("onednn_gflops"), r.get("speedup"));
                System.out.printf(Locale.ROOT, "largest difference between the two results: %.3g%n", r.get("max_abs_difference"));
            }
            return Main.OK;
        }
    }

    @Command(name = "serve", description = {"Throughput and p50/p99 latency of seq4j serve on one model at several client counts,",
            "against direct single-threaded predict calls, plus heap use over a long run (see bench/serve.sh)."})
    static final class Serve implements Callable<Integer> {
        @Option(names = "--model", required = true, description = "A sentiment, ner or lm bundle (or word vectors).") java.nio.file.Path model;
        @Option(names = "--input", required = true, description = "Texts to send, one per line (cycled).") java.nio.file.Path input;
        @Option(names = "--clients", defaultValue = "1,8,64", split = ",", description = "Client counts (default: ${DEFAULT-VALUE}).") int[] clients;
        @Option(names = "--requests", defaultValue = "2000", description = "Requests per client count (default: ${DEFAULT-VALUE}).") int requests;
        @Option(names = "--soak", defaultValue = "0", description = "Requests of the long run that checks memory (0 = none).") int soak;

        @Override
        public Integer call() throws Exception {
            if (requests < 1 || soak < 0 || java.util.Arrays.stream(clients).anyMatch(c -> c < 1)) {
                throw new UsageException("bench serve: --requests and --clients must be positive, --soak >= 0");
            }
            Backend.init();
            java.util.List<String> texts = InputLines.read(input).stream().filter(t -> !t.isBlank()).toList();
            if (texts.isEmpty()) throw new UsageException(input + ": no texts");
            System.out.println(Json.write(ServeBench.run(model, texts, clients, requests, soak)));
            return Main.OK;
        }
    }
}
