package io.seq4j.core.nn;

import org.bytedeco.dnnl.dnnl_version_t;
import org.bytedeco.dnnl.global.dnnl;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.reflect.Field;
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

    /**
     * Runs the inference of DL4J's own LSTM layers of a network on oneDNN (through DL4J's LSTMHelper
     * hook), inside Bidirectional and wrapper layers too. seq4j's GRU needs no installing. A no-op
     * when oneDNN is not selected; safe to call again. Trainer and ModelBundle.load call it; call it yourself on
     * networks you build and use without them.
     */
    public static void install(org.deeplearning4j.nn.api.Model network) {
        if (!onednn()) {
            return;
        }
        org.deeplearning4j.nn.api.Layer[] layers = network instanceof org.deeplearning4j.nn.multilayer.MultiLayerNetwork m
                ? m.getLayers() : ((org.deeplearning4j.nn.graph.ComputationGraph) network).getLayers();
        for (org.deeplearning4j.nn.api.Layer l : layers) {
            install(l);
        }
    }

    private static void install(org.deeplearning4j.nn.api.Layer layer) {
        try {
            if (layer instanceof org.deeplearning4j.nn.layers.recurrent.LSTM) {
                Field helper = org.deeplearning4j.nn.layers.recurrent.LSTM.class.getDeclaredField("helper");
                helper.setAccessible(true);
                if (!(helper.get(layer) instanceof DnnlLstmHelper)) {
                    helper.set(layer, DnnlLstmHelper.create());
                }
            } else if (layer instanceof org.deeplearning4j.nn.layers.recurrent.BidirectionalLayer) {
                for (String name : new String[]{"fwd", "bwd"}) {
                    Field f = org.deeplearning4j.nn.layers.recurrent.BidirectionalLayer.class.getDeclaredField(name);
                    f.setAccessible(true);
                    install((org.deeplearning4j.nn.api.Layer) f.get(layer));
                }
            } else if (layer instanceof org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer w) {
                Field f = org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer.class.getDeclaredField("underlying");
                f.setAccessible(true);
                install((org.deeplearning4j.nn.api.Layer) f.get(w));
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot install the oneDNN LSTM kernel into DL4J " + layer.getClass().getName(), e);
        }
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
