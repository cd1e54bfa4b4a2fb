package io.seq4j.core.nn;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * Conversions between DL4J's layouts and {@link DnnlRnnKernel}'s: sequences NCW {@code [N, C, T]}
 * vs {@code [T, N, C]}, and gate blocks of {@code [rows, G*H]} parameter matrices, where oneDNN's
 * block k is the layer's block {@code perm[k]}.
 */
final class DnnlLayouts {
    /** GRU: oneDNN (u, r, o) from seq4j's (r, z, n). */
    static final int[] GRU_GATES = {1, 0, 2};
    /** LSTM: oneDNN (i, f, c~, o) from DL4J's LSTM parameter blocks. */
    static final int[] LSTM_GATES = {3, 1, 0, 2};

    private DnnlLayouts() {
    }

    /** [N, C, T] (any order, any workspace) -> detached c-order [T, N, C]. */
    static INDArray toTnc(INDArray ncw) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return ncw.permute(2, 0, 1).dup('c');
        }
    }

    /** [T, N, C] -> writes into an [N, C, T] array. */
    static void fromTnc(INDArray tnc, INDArray ncw) {
        ncw.assign(tnc.permute(1, 2, 0));
    }

    /** A detached c-order [rows, G*H] copy of {@code m} with blocks in oneDNN order. */
    static INDArray gather(INDArray m, int[] perm, long h) {
        INDArray m2 = m.rank() == 1 ? m.reshape(1, m.length()) : m;
        INDArray out = DnnlRnnKernel.buffer(m2.size(0), perm.length * h);
        for (int k = 0; k < perm.length; k++) {
            out.get(all(), interval(k * h, (k + 1) * h)).assign(m2.get(all(), interval(perm[k] * h, (perm[k] + 1) * h)));
        }
        return out;
    }

    /** Inverse of {@link #gather}: writes oneDNN-ordered {@code d} into the layer-ordered {@code target}. */
    static void scatter(INDArray d, int[] perm, long h, INDArray target) {
        INDArray d2 = d.rank() == 1 ? d.reshape(1, d.length()) : d;
        INDArray t2 = target.rank() == 1 ? target.reshape(1, target.length()) : target;
        for (int k = 0; k < perm.length; k++) {
            t2.get(all(), interval(perm[k] * h, (perm[k] + 1) * h)).assign(d2.get(all(), interval(k * h, (k + 1) * h)));
        }
    }
}
