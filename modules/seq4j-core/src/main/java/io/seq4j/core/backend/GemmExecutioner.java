package io.seq4j.core.backend;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ND4J's CPU op executioner with its matrix products ({@link Mmul}: {@code mmul}, {@code Nd4j.gemm},
 * {@code Nd4j.matmul}, and every DL4J layer's forward and backward GEMMs) sent to {@link OnednnGemm};
 * every other op, and products oneDNN's GEMM does not take (see {@link OnednnGemm}), run as before.
 * {@link #install()} makes it ND4J's executioner ({@code Nd4j.getExecutioner()}).
 */
final class GemmExecutioner extends NativeOpExecutioner {
    private static final AtomicLong ROUTED = new AtomicLong();

    /** How many products oneDNN has computed in this JVM (for tests and diagnostics). */
    static long routedProducts() {
        return ROUTED.get();
    }

    @Override
    public INDArray[] exec(CustomOp op) {
        if (op instanceof Mmul && op.numInputArguments() == 2 && op.numOutputArguments() <= 1) {
            long[] i = op.iArgs();
            double[] t = op.tArgs();
            boolean transA = i.length > 0 && i[0] != 0, transB = i.length > 1 && i[1] != 0, transResult = i.length > 2 && i[2] != 0;
            INDArray a = op.getInputArgument(0), b = op.getInputArgument(1);
            INDArray given = op.numOutputArguments() == 1 ? op.getOutputArgument(0) : null;    // Nd4j.matmul passes none
            INDArray c = given != null ? given : resultFor(a, transA, b, transB);
            if (!transResult && c != null && OnednnGemm.gemm(a, transA, b, transB, c, t.length > 0 ? t[0] : 1.0,
                    given != null && t.length > 1 ? t[1] : 0.0)) {
                if (given == null) ((Mmul) op).setOutputArgument(0, c);
                ROUTED.incrementAndGet();
                return new INDArray[]{c};
            }
        }
        return super.exec(op);
    }

    /** A new c-order FP32 result for op(a) x op(b), rank 2 or 3 with equal batches; null for anything else. */
    private static INDArray resultFor(INDArray a, boolean transA, INDArray b, boolean transB) {
        int r = a.rank();
        if (a.dataType() != DataType.FLOAT || b.dataType() != DataType.FLOAT || r != b.rank() || (r != 2 && r != 3)
                || (r == 3 && a.size(0) != b.size(0))) {
            return null;
        }
        long m = a.size(transA ? r - 1 : r - 2), n = b.size(transB ? r - 2 : r - 1);
        return Nd4j.createUninitialized(DataType.FLOAT, r == 2 ? new long[]{m, n} : new long[]{a.size(0), m, n}, 'c');
    }

    /** Replaces ND4J's CPU executioner with this one (once; later calls do nothing). */
    static synchronized void install() {
        if (Nd4j.getExecutioner() instanceof GemmExecutioner) {
            return;
        }
        if (Nd4j.getExecutioner().getClass() != NativeOpExecutioner.class) {
            throw new IllegalStateException("ND4J's executioner is " + Nd4j.getExecutioner().getClass().getName()
                    + ", not the CPU backend's own: oneDNN GEMM routing not installed");
        }
        try {
            GemmExecutioner routed = new GemmExecutioner();
            routed.setProfilingMode(Nd4j.getExecutioner().getProfilingMode());
            Field f = Nd4j.class.getDeclaredField("OP_EXECUTIONER_INSTANCE");
            f.setAccessible(true);
            f.set(null, routed);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot install oneDNN GEMM routing into ND4J", e);
        }
    }
}
