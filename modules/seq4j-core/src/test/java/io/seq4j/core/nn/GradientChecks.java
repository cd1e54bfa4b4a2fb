package io.seq4j.core.nn;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Runs DL4J's finite-difference gradient check in double precision, restoring the default types after. */
final class GradientChecks {
    private GradientChecks() {
    }

    static boolean check(GradientCheckUtil.MLNConfig config) {
        return inDouble(() -> GradientCheckUtil.checkGradients(config.print(GradientCheckUtil.PrintMode.FAILURES_ONLY)));
    }

    static boolean check(GradientCheckUtil.GraphConfig config) {
        return inDouble(() -> GradientCheckUtil.checkGradients(config.print(GradientCheckUtil.PrintMode.FAILURES_ONLY)));
    }

    private static boolean inDouble(java.util.function.BooleanSupplier check) {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            return check.getAsBoolean();
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }
}
