package io.seq4j.ner.nn;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Central finite differences of a network's score against its analytic gradient, in double precision. */
final class FiniteDifferences {
    private FiniteDifferences() {
    }

    /** Runs {@code body} with ND4J's default data type set to DOUBLE. */
    static void inDouble(Runnable body) {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            body.run();
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }

    /**
     * Checks every parameter (DL4J's gradients are batch sums, its score a batch mean).
     *
     * @return how many parameters had a non-zero gradient (so a test can tell it checked something)
     */
    static int check(MultiLayerNetwork net, INDArray x, INDArray y, INDArray mask) {
        INDArray analytic = gradient(net, x, y, mask);
        INDArray params = net.params();
        double eps = 1e-6;
        int nonZero = 0;
        for (long i = 0; i < params.length(); i++) {
            double p = params.getDouble(i);
            params.putScalar(i, p + eps);
            double plus = score(net, x, y, mask);
            params.putScalar(i, p - eps);
            double minus = score(net, x, y, mask);
            params.putScalar(i, p);
            double numeric = (plus - minus) / (2 * eps);
            double a = analytic.getDouble(i) / x.size(0);
            double rel = Math.abs(a - numeric) / Math.max(1e-8, Math.abs(a) + Math.abs(numeric));
            assertTrue(rel < 1e-5 || Math.abs(a - numeric) < 1e-8, "parameter " + i + ": analytic " + a + ", numeric " + numeric);
            if (Math.abs(a) > 1e-9) nonZero++;
        }
        return nonZero;
    }

    static INDArray gradient(MultiLayerNetwork net, INDArray x, INDArray y, INDArray mask) {
        score(net, x, y, mask);
        return net.gradient().gradient().dup();
    }

    static double score(MultiLayerNetwork net, INDArray x, INDArray y, INDArray mask) {
        net.setInput(x);
        net.setLabels(y);
        net.setLayerMaskArrays(mask, mask);
        net.computeGradientAndScore();
        return net.score();
    }
}
