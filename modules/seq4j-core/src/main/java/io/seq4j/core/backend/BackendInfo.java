package io.seq4j.core.backend;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code seq4j info} prints and bundles record.
 *
 * @param seq4jVersion   seq4j's version
 * @param dl4jVersion    the DL4J/ND4J version built against
 * @param backend        CPU or CUDA
 * @param platform       the JavaCPP platform of the loaded natives and, on CPU, libnd4j's build (e.g. "linux-x86_64 (libnd4j AVX2)")
 * @param blasVendor     BLAS library in use
 * @param blasThreads    BLAS threads after the thread policy
 * @param ompThreads     libnd4j OpenMP threads (-1 if unknown)
 * @param cores          processors the JVM sees
 * @param device         "cpu" or the CUDA device description
 * @param threadSetting  the user's thread setting, or "default"
 * @param kernel         the recurrent kernel: "onednn 2.5.2 (OpenMP)" or "java (why)"
 * @param gemm           what runs FP32 matrix products: "onednn" (dnnl_sgemm) or "nd4j (why)"
 */
public record BackendInfo(String seq4jVersion, String dl4jVersion, String backend, String platform,
                          String blasVendor, int blasThreads, int ompThreads, int cores, String device,
                          String threadSetting, String kernel, String gemm) {

    /** Ordered key/value view for printing and manifests. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("seq4j", seq4jVersion);
        m.put("dl4j", dl4jVersion);
        m.put("backend", backend);
        m.put("platform", platform);
        m.put("blas", blasVendor);
        m.put("blas.threads", Integer.toString(blasThreads));
        m.put("omp.threads", Integer.toString(ompThreads));
        m.put("cores", Integer.toString(cores));
        m.put("device", device);
        m.put("thread.setting", threadSetting);
        m.put("rnn.kernel", kernel);
        m.put("gemm", gemm);
        return m;
    }

    /** One line for logs: "CPU linux-x86_64, OPENBLAS, blas threads 1, omp threads 2, 2 cores". */
    public String summary() {
        return backend + " " + platform + ", " + blasVendor + ", blas threads " + blasThreads
                + ", omp threads " + ompThreads + ", " + cores + " cores" + ("cpu".equals(device) ? "" : ", " + device)
                + ", rnn kernel " + kernel + ", gemm " + gemm;
    }
}
