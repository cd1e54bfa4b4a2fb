package io.seq4j.core.nn;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The oneDNN kernel against the portable one (itself checked against finite differences and the
 * equations in GruTest): same outputs, loss and gradients to FP32 rounding, with end padding.
 */
class GruKernelTest {
    @AfterEach
    void restore() {
        RecurrentKernels.select(true);
    }

    record Pass(INDArray out, double score, Gradient gradient) {
    }

    static Pass pass(MultiLayerNetwork net, DataSet ds, boolean onednn) {
        RecurrentKernels.select(onednn);
        MultiLayerNetwork copy = net.clone();
        RecurrentKernels.install(copy);      // a clone has fresh layers: put DL4J's LSTM layers on oneDNN again
        INDArray out = copy.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), ds.getLabelsMaskArray());
        copy.setInput(ds.getFeatures());
        copy.setLabels(ds.getLabels());
        copy.setLayerMaskArrays(ds.getFeaturesMaskArray(), ds.getLabelsMaskArray());
        copy.computeGradientAndScore();
        return new Pass(out, copy.score(), copy.gradient());
    }

    static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
        double scale = Math.max(expected.amaxNumber().doubleValue(), 1e-3);
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(diff <= tol * scale, what + ": max difference " + diff + " (scale " + scale + ")");
    }

    @Test
    void onednnEqualsThePortableKernelWithEndPadding() {
        MultiLayerNetwork net = GruTest.net(false, DataType.FLOAT);
        int t = 7;
        INDArray x = GruTest.input(3, t, DataType.FLOAT);
        INDArray labels = GruTest.labels(3, t, DataType.FLOAT);
        INDArray mask = Nd4j.create(new float[][]{{1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0, 0}, {1, 0, 0, 0, 0, 0, 0}});
        x.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.interval(4, t)).assign(9);   // garbage in the padding
        DataSet ds = new DataSet(x, labels, mask, mask);
        Pass java = pass(net, ds, false), dnnl = pass(net, ds, true);
        assertClose(java.out(), dnnl.out(), 1e-5, "output");
        assertEquals(java.score(), dnnl.score(), 1e-5 * Math.abs(java.score()));
        for (String key : java.gradient().gradientForVariable().keySet()) {
            assertClose(java.gradient().getGradientFor(key), dnnl.gradient().getGradientFor(key), 1e-4, "gradient " + key);
        }
    }

    @Test
    void trainingTrajectoriesAgree() {
        MultiLayerNetwork a = GruTest.net(true, DataType.FLOAT), b = a.clone();
        INDArray x = GruTest.input(3, 6, DataType.FLOAT);
        DataSet ds = new DataSet(x, GruTest.labels(3, 6, DataType.FLOAT));
        a.setLearningRate(0.05);
        b.setLearningRate(0.05);
        for (int i = 0; i < 10; i++) {
            RecurrentKernels.select(false);
            a.fit(ds);
            RecurrentKernels.select(true);
            b.fit(ds);
        }
        assertEquals(a.score(), b.score(), 1e-4 * Math.abs(a.score()));
        assertClose(a.params(), b.params(), 1e-4, "parameters after 10 steps");
    }

    /** Stateful generation on oneDNN (from and to a state) equals the portable kernel's full pass. */
    @Test
    void rnnTimeStepOnOnednnMatchesTheFullPass() {
        assertTimeStepsMatchFullPass(GruTest.net(false, DataType.FLOAT));
    }

    /** Step-by-step rnnTimeStep on oneDNN equals a full pass on the reference kernel. */
    static void assertTimeStepsMatchFullPass(MultiLayerNetwork net) {
        INDArray x = GruTest.input(2, 5, DataType.FLOAT);
        RecurrentKernels.select(false);
        INDArray full = net.output(x);
        RecurrentKernels.select(true);
        net.rnnClearPreviousState();
        for (int t = 0; t < 5; t++) {
            INDArray step = net.rnnTimeStep(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)));
            assertClose(full.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)), step, 1e-5, "step " + t);
        }
    }

    @Test
    void endPaddingDetection() {
        assertTrue(DnnlLayouts.endPadded(null));
        assertTrue(DnnlLayouts.endPadded(Nd4j.create(new float[][]{{1, 1, 0}, {1, 0, 0}})));
        assertTrue(!DnnlLayouts.endPadded(Nd4j.create(new float[][]{{0, 1, 1}, {1, 1, 1}})));
    }
}
