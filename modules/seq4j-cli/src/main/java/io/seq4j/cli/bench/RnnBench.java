package io.seq4j.cli.bench;

import io.seq4j.core.nn.RecurrentKernels;
import io.seq4j.core.nn.RecurrentSpec;
import org.deeplearning4j.nn.api.FwdPassType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Times a recurrent encoder alone: a MultiLayerNetwork of just the recurrent layers (no output
 * layer). Training = forward (training mode) + backward from a constant output gradient to the
 * input and parameter gradients, inside DL4J's training workspaces exactly as {@code fit()} runs
 * them (no loss, no optimizer); inference = {@code output(x, false, workspace)}, DL4J's inference
 * with the result left in a workspace, as when a layer follows.
 */
public final class RnnBench {
    /** What to time; each phase warms up for at least {@code warmup} iterations and {@code warmupSeconds}. */
    public record Settings(RecurrentSpec spec, int input, int batch, int steps, int warmup, double warmupSeconds, int iterations) {
    }

    private RnnBench() {
    }

    /** Runs the benchmark and returns its numbers (milliseconds, tokens/s, GFLOP/s, peak RSS in MiB). */
    public static Map<String, Object> run(Settings s) {
        var list = new NeuralNetConfiguration.Builder().seed(1).list();
        s.spec().layers(s.input()).forEach(list::layer);
        Encoder net = new Encoder(list.setInputType(InputType.recurrent(s.input())).build());
        net.init();
        net.initGradientsView();
        RecurrentKernels.install(net);
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, s.batch(), s.input(), s.steps());
        INDArray y = Nd4j.rand(DataType.FLOAT, s.batch(), s.spec().outputSize(), s.steps());

        double[] train = time(s, () -> net.trainStep(x, y));
        double[] infer = time(s, () -> net.infer(x));

        long tokens = (long) s.batch() * s.steps();
        double forwardFlops = forwardFlops(s);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cell", s.spec().cell().name().toLowerCase());
        m.put("bidirectional", s.spec().bidirectional());
        m.put("layers", s.spec().depth());
        m.put("input", s.input());
        m.put("hidden", s.spec().units());
        m.put("batch", s.batch());
        m.put("steps", s.steps());
        m.put("kernel", RecurrentKernels.describe());
        m.put("train_ms", median(train));
        m.put("train_min_ms", min(train));
        m.put("infer_ms", median(infer));
        m.put("infer_min_ms", min(infer));
        m.put("train_tokens_per_s", tokens / (median(train) / 1000));
        m.put("infer_tokens_per_s", tokens / (median(infer) / 1000));
        m.put("train_gflops", 3 * forwardFlops / (median(train) / 1000) / 1e9);
        m.put("infer_gflops", forwardFlops / (median(infer) / 1000) / 1e9);
        m.put("peak_rss_mib", peakRssMiB());
        return m;
    }

    /**
     * DL4J's training step without the output layer: {@code computeGradientAndScore()}'s forward pass
     * into the all-layers activation workspace, then backprop from an external output gradient. (The
     * public feedForward/backpropGradient pair detaches every layer's output instead: fresh native
     * memory each step, which costs 1-8 ms per 2 MB on this VM and is not what training does.)
     */
    private static final class Encoder extends MultiLayerNetwork {
        Encoder(MultiLayerConfiguration conf) {
            super(conf);
        }

        /** x [batch, nIn, T] forward in training mode, then the gradients for dL/dy = eps [batch, nOut, T]. */
        void trainStep(INDArray x, INDArray eps) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WS_ALL_LAYERS_ACT_CONFIG, WS_ALL_LAYERS_ACT)) {
                ffToLayerActivationsInWs(getnLayers() - 1, FwdPassType.STANDARD, false, x, null, null);
                calcBackpropGradients(eps, false, false, false);     // as fit(): the layers still compute dL/dx
            }
        }

        /** Inference on x [batch, nIn, T] with the output in a reused workspace (not detached: no fresh memory per call). */
        void infer(INDArray x) {
            try (MemoryWorkspace out = Nd4j.getWorkspaceManager().getAndActivateWorkspace(OUTPUT_WORKSPACE, "RNN_BENCH_OUTPUT")) {
                output(x, false, out);
            }
        }
    }

    private static final WorkspaceConfiguration OUTPUT_WORKSPACE = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE).policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT).policySpill(SpillPolicy.REALLOCATE).build();

    /** Gate GEMM FLOPs of one forward pass (element-wise work ignored); training counts as 3x. */
    static double forwardFlops(Settings s) {
        int gates = switch (s.spec().cell()) {
            case SIMPLE_RNN -> 1;
            case GRU -> 3;
            case LSTM -> 4;
        };
        double flops = 0;
        int in = s.input();
        int directions = s.spec().bidirectional() ? 2 : 1;
        for (int l = 0; l < s.spec().depth(); l++) {
            flops += directions * 2.0 * gates * s.spec().units() * (in + s.spec().units());
            in = s.spec().outputSize();
        }
        return flops * s.batch() * s.steps();
    }

    private static double[] time(Settings s, Runnable step) {
        long until = System.nanoTime() + (long) (s.warmupSeconds() * 1e9);
        for (int i = 0; i < s.warmup() || System.nanoTime() < until; i++) {
            step.run();
        }
        double[] ms = new double[s.iterations()];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            step.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    /** VmHWM of this process (Linux), or -1 where /proc is not there. */
    static double peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
