package io.seq4j.core.nn;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Runs DL4J's finite-difference gradient check in double precision, restoring the default types after. */
final class GradientChecks {
    private GradientChecks() {
    }

    static boolean check(GradientCheckUtil.MLNConfig config) {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            return GradientCheckUtil.checkGradients(config.print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }
}
