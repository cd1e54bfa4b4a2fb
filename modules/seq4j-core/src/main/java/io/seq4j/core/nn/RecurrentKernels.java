package io.seq4j.core.nn;

import org.bytedeco.dnnl.dnnl_version_t;
import org.bytedeco.dnnl.global.dnnl;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Locale;

/**
 * Which kernel runs seq4j's recurrent layers. Chosen once per JVM from the system property
 * {@code seq4j.kernel} or the environment variable {@code SEQ4J_KERNEL}:
 * <ul>
 *   <li>{@code auto} (default): oneDNN's fused RNN primitives on the CPU backend when they load, else
 *       the portable kernel;</li>
 *   <li>{@code onednn}: oneDNN, or fail at first use with the reason it cannot load;</li>
 *   <li>{@code java}: the portable kernel (ND4J GEMMs per time step), e.g. to compare.</li>
 * </ul>
 * Layers fall back to the portable kernel per call where oneDNN does not apply (double precision,
 * an initial state from rnnTimeStep or truncated BPTT, masks that are not end padding).
 */
public final class RecurrentKernels {
    public static final String PROPERTY = "seq4j.kernel";
    public static final String ENV = "SEQ4J_KERNEL";

    private static Boolean onednn;
    private static String description;

    private RecurrentKernels() {
    }

    /** True when the oneDNN kernel is selected and loaded. */
    public static synchronized boolean onednn() {
        if (onednn == null) {
            choose();
        }
        return onednn;
    }

    /** "onednn 2.5.2 (OpenMP, ...)" or "java (why)". */
    public static synchronized String describe() {
        if (onednn == null) {
            choose();
        }
        return description;
    }

    /** For tests that compare kernels in one JVM: forces oneDNN on (if loadable) or off. */
    static synchronized void select(boolean useOnednn) {
        choose();
        if (useOnednn && !onednn) {
            throw new IllegalStateException("oneDNN is not available: " + description);
        }
        onednn = useOnednn;
    }

    private static void choose() {
        String setting = System.getProperty(PROPERTY, System.getenv(ENV));
        String kind = setting == null || setting.isBlank() ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
        switch (kind) {
            case "java" -> {
                onednn = false;
                description = "java (chosen by " + PROPERTY + "/" + ENV + ")";
            }
            case "auto", "onednn" -> {
                String why = null;
                if (!Nd4j.getBackend().getClass().getSimpleName().toLowerCase(Locale.ROOT).contains("cpu")) {
                    why = "the ND4J backend is not the CPU one";
                } else {
                    try {
                        dnnl_version_t v = dnnl.dnnl_version();
                        description = "onednn " + v.major() + "." + v.minor() + "." + v.patch()
                                + (v.cpu_runtime() == dnnl.DNNL_RUNTIME_OMP ? " (OpenMP)" : "");
                    } catch (Throwable t) {       // UnsatisfiedLinkError and friends from the native loader
                        why = "oneDNN did not load: " + t;
                    }
                }
                if (why != null && kind.equals("onednn")) {
                    throw new IllegalStateException(PROPERTY + "=onednn but " + why);
                }
                onednn = why == null;
                if (why != null) {
                    description = "java (" + why + ")";
                }
            }
            default -> throw new IllegalArgumentException(PROPERTY + "/" + ENV + " must be auto, onednn or java, got '" + setting + "'");
        }
    }
}
