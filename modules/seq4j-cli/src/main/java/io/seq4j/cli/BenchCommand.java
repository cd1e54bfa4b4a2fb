package io.seq4j.cli;

import io.seq4j.cli.bench.RnnBench;
import io.seq4j.core.backend.Backend;
import io.seq4j.core.nn.RecurrentSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seq4j bench rnn}: times a recurrent layer alone. */
@Command(name = "bench", description = "Benchmarks.", subcommands = {BenchCommand.Rnn.class})
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
        @Option(names = "--warmup", defaultValue = "5", description = "Warm-up iterations (default: ${DEFAULT-VALUE}).")
        int warmup;
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
            Map<String, Object> r = RnnBench.run(new RnnBench.Settings(b.build(), input, batch, steps, warmup, iterations));
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
}
