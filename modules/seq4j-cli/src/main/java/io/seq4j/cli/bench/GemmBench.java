package io.seq4j.cli.bench;

import io.seq4j.core.backend.OnednnGemm;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code seq4j bench gemm}: one FP32 product [m x k] x [k x n] through ND4J's own path (libnd4j's
 * matmul on OpenBLAS, at the BLAS threads seq4j's policy set) and through oneDNN's {@code dnnl_sgemm}
 * (what seq4j routes ND4J's products to), on the same arrays in the same run, with the results compared.
 */
public final class GemmBench {
    private GemmBench() {
    }

    public static Map<String, Object> run(int m, int k, int n, int iterations) {
        Nd4j.getRandom().setSeed(1);
        INDArray a = Nd4j.rand(DataType.FLOAT, m, k), b = Nd4j.rand(DataType.FLOAT, k, n);
        INDArray viaNd4j = Nd4j.create(DataType.FLOAT, m, n), viaOnednn = Nd4j.create(DataType.FLOAT, m, n);
        NativeOpExecutioner nd4j = new NativeOpExecutioner();
        double[] nd4jMs = time(iterations, () -> nd4j.exec(new Mmul(a, b, viaNd4j, 1.0, 0.0, MMulTranspose.allFalse())));
        double[] onednnMs = time(iterations, () -> OnednnGemm.gemm(a, false, b, false, viaOnednn, 1.0, 0.0));
        double flops = 2.0 * m * k * n;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("m", m);
        r.put("k", k);
        r.put("n", n);
        r.put("blas_threads", Nd4j.factory().blas().getMaxThreads());
        r.put("nd4j_ms", median(nd4jMs));
        r.put("nd4j_gflops", flops / median(nd4jMs) / 1e6);
        r.put("onednn_ms", median(onednnMs));
        r.put("onednn_gflops", flops / median(onednnMs) / 1e6);
        r.put("speedup", median(nd4jMs) / median(onednnMs));
        r.put("max_abs_difference", viaNd4j.sub(viaOnednn).amaxNumber().doubleValue());
        return r;
    }

    private static double[] time(int iterations, Runnable op) {
        for (int i = 0; i < 3; i++) op.run();
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            op.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
