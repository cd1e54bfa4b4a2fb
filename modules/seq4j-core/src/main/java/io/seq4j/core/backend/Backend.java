package io.seq4j.core.backend;

import io.seq4j.core.nn.RecurrentKernels;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The live ND4J backend and seq4j's thread policy.
 *
 * <p>Thread policy: on CPU, ND4J's BLAS (OpenBLAS) threads fight libnd4j's OpenMP threads; on a
 * 2-core machine one BLAS thread trains 2.5-3x faster than two (see docs/threads.md). So
 * {@link #init()} sets the BLAS thread count to {@value #DEFAULT_BLAS_THREADS} unless the user
 * chooses otherwise with the system property {@code seq4j.blasThreads} or the environment variable
 * {@code SEQ4J_BLAS_THREADS} (a positive number, or {@code auto} to keep ND4J's own choice). OpenMP
 * threads follow {@code OMP_NUM_THREADS} as usual.
 *
 * <p>Matrix products: on CPU, {@link #init()} routes ND4J's FP32 GEMMs (every DL4J layer's) to
 * oneDNN's {@code dnnl_sgemm}, which uses the OpenMP threads and so gets both cores without the fight
 * ({@link OnednnGemm}), and gives ND4J's updater ops flat views (see {@link RoutingExecutioner}).
 * The system property {@code seq4j.gemm} or the environment variable {@code SEQ4J_GEMM} chooses:
 * {@code auto} (default: oneDNN when it loads), {@code onednn} (fail if it does not), {@code nd4j}
 * (ND4J's own executioner, neither change).
 */
public final class Backend {
    public static final int DEFAULT_BLAS_THREADS = 1;
    public static final String THREADS_PROPERTY = "seq4j.blasThreads";
    public static final String THREADS_ENV = "SEQ4J_BLAS_THREADS";
    public static final String GEMM_PROPERTY = "seq4j.gemm";
    public static final String GEMM_ENV = "SEQ4J_GEMM";

    private static BackendInfo info;

    private Backend() {
    }

    /** Applies the thread policy once (idempotent) and describes the backend. */
    public static synchronized BackendInfo init() {
        if (info == null) {
            String setting = System.getProperty(THREADS_PROPERTY, System.getenv(THREADS_ENV));
            Integer blas = parseThreads(setting);
            boolean cuda = Nd4j.getBackend().getClass().getSimpleName().toLowerCase().contains("cu");
            if (blas != null && !cuda) {
                Nd4j.factory().blas().setMaxThreads(blas);
            }
            String gemm = routeGemm(cuda);
            Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
            info = new BackendInfo(
                    version("seq4j.version"),
                    version("dl4j.version"),
                    cuda ? "CUDA" : "CPU",
                    System.getProperty("org.bytedeco.javacpp.platform", org.bytedeco.javacpp.Loader.getPlatform()) + (cuda ? "" : " (libnd4j " + cpuBuild() + ")"),
                    Nd4j.factory().blas().getBlasVendor().toString(),
                    Nd4j.factory().blas().getMaxThreads(),
                    intOr(env.get("omp.threads"), -1),
                    Runtime.getRuntime().availableProcessors(),
                    cuda ? String.valueOf(env.getOrDefault("cuda.devicesInformation", "?")) : "cpu",
                    setting == null ? "default" : setting,
                    RecurrentKernels.describe(),
                    gemm);
        }
        return info;
    }

    /** Applies the GEMM setting; returns what runs the products: "onednn" or "nd4j (why)". */
    private static String routeGemm(boolean cuda) {
        String setting = System.getProperty(GEMM_PROPERTY, System.getenv(GEMM_ENV));
        String kind = setting == null || setting.isBlank() ? "auto" : setting.trim().toLowerCase(java.util.Locale.ROOT);
        if (kind.equals("nd4j")) return "nd4j (chosen by " + GEMM_PROPERTY + "/" + GEMM_ENV + ")";
        if (!kind.equals("auto") && !kind.equals("onednn")) {
            throw new IllegalArgumentException(GEMM_ENV + " / -D" + GEMM_PROPERTY + " must be auto, onednn or nd4j, got '" + setting + "'");
        }
        String why;
        if (cuda) {
            why = "the ND4J backend is CUDA";
        } else {
            try {
                org.bytedeco.dnnl.global.dnnl.dnnl_version();
                RoutingExecutioner.install();
                return "onednn";
            } catch (Throwable t) {       // UnsatisfiedLinkError and friends from the native loader, or a foreign executioner
                why = "oneDNN GEMM not available: " + t;
            }
        }
        if (kind.equals("onednn")) throw new IllegalStateException(GEMM_PROPERTY + "=onednn but " + why);
        return "nd4j (" + why + ")";
    }

    /** Which libnd4j CPU build loaded: generic x86, AVX2 or AVX512 (nd4j-native's classifiers). */
    private static String cpuBuild() {
        return switch (org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().binaryLevel()) {
            case 1 -> "generic x86";
            case 2 -> "AVX2";
            case 3 -> "AVX512";
            default -> "unknown build";
        };
    }

    /** null for "auto"/unset-auto; the policy default when unset; a clear error for bad values. */
    static Integer parseThreads(String setting) {
        if (setting == null || setting.isBlank()) return DEFAULT_BLAS_THREADS;
        if (setting.trim().equalsIgnoreCase("auto")) return null;
        try {
            int n = Integer.parseInt(setting.trim());
            if (n >= 1) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(THREADS_ENV + " / -D" + THREADS_PROPERTY
                + " must be a positive integer or 'auto', got '" + setting + "'");
    }

    private static int intOr(Object o, int dflt) {
        try {
            return o == null ? dflt : Integer.parseInt(o.toString());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** seq4j's or DL4J's version as built. */
    public static String version(String key) {
        Properties p = new Properties();
        try (InputStream in = Backend.class.getResourceAsStream("/io/seq4j/core/version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty(key, "unknown");
    }
}
