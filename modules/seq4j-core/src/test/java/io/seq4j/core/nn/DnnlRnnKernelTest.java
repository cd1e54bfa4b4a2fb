package io.seq4j.core.nn;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The oneDNN kernel's own gradients against central finite differences of its own forward pass,
 * for every cell, one direction and both ({@link DnnlRnnKernel#bidirectional}): L = sum(y * eps).
 * (With oneDNN's tnc layout, the unidirectional LSTM and vanilla weights_iter gradients were wrong;
 * this test guards the layout each kernel uses, {@link DnnlRnnKernel#timeMajor}.)
 */
class DnnlRnnKernelTest {

    @ParameterizedTest
    @EnumSource(DnnlRnnKernel.Cell.class)
    void gradientsMatchFiniteDifferences(DnnlRnnKernel.Cell cell) {
        checkGradients(cell, new DnnlRnnKernel(cell, 2, 3), 3);
    }

    @ParameterizedTest
    @EnumSource(DnnlRnnKernel.Cell.class)
    void bidirectionalGradientsMatchFiniteDifferences(DnnlRnnKernel.Cell cell) {
        checkGradients(cell, DnnlRnnKernel.bidirectional(cell, 2, 3), 6);
    }

    /** Every parameter's and the input's gradient (a sample of elements) for a kernel with c = 2 and outputs of width {@code out}. */
    private static void checkGradients(DnnlRnnKernel.Cell cell, DnnlRnnKernel k, int out) {
        int c = 2, n = 2, t = 4;
        Nd4j.getRandom().setSeed(1);
        DnnlRnnKernel.Weights w = k.weights();
        w.wl().assign(Nd4j.rand(DataType.FLOAT, w.wl().shape()).subi(0.5));
        w.wi().assign(Nd4j.rand(DataType.FLOAT, w.wi().shape()).subi(0.5));
        w.bias().assign(Nd4j.rand(DataType.FLOAT, w.bias().shape()).subi(0.5));
        INDArray x = Nd4j.rand(DataType.FLOAT, n, c, t).subi(0.5);
        INDArray eps = Nd4j.rand(DataType.FLOAT, n, out, t).subi(0.5);
        k.train(x, w, null, null);
        DnnlRnnKernel.Gradients g = k.backward(eps, null);
        INDArray dx = Nd4j.create(DataType.FLOAT, n, c, t);
        DnnlLayouts.fromNtc(g.dx(), dx);
        INDArray[] params = {w.wl(), w.wi(), w.bias(), x};
        INDArray[] grads = {g.dwl().dup(), g.dwi().dup(), g.db().dup(), dx};
        String[] names = {"weights_layer", "weights_iter", "bias", "input"};
        for (int p = 0; p < params.length; p++) {
            INDArray flat = params[p].reshape(params[p].length()), grad = grads[p].reshape(grads[p].length());
            for (long i = 0; i < flat.length(); i += Math.max(1, flat.length() / 7)) {
                float orig = flat.getFloat(i);
                double step = 1e-2;
                flat.putScalar(i, orig + step);
                double up = loss(k, x, w, eps);
                flat.putScalar(i, orig - step);
                double down = loss(k, x, w, eps);
                flat.putScalar(i, orig);
                double numeric = (up - down) / (2 * step);
                assertEquals(numeric, grad.getDouble(i), 2e-3 + 2e-2 * Math.abs(numeric), cell + " " + names[p] + "[" + i + "]");
            }
        }
    }

    /**
     * Primitives built on a thread that has ended still run on another (with oneDNN's library
     * scratchpad they crashed: it belonged to the creating thread). A server's pool threads come and go.
     */
    @ParameterizedTest
    @EnumSource(DnnlRnnKernel.Cell.class)
    void runsOnOtherThreadsAfterTheCreatingThreadEnded(DnnlRnnKernel.Cell cell) throws Exception {
        DnnlRnnKernel k = new DnnlRnnKernel(cell, 2, 3);
        DnnlRnnKernel.Weights w = k.weights();
        Nd4j.getRandom().setSeed(2);
        for (INDArray a : new INDArray[]{w.wl(), w.wi(), w.bias()}) a.assign(Nd4j.rand(DataType.FLOAT, a.shape()).subi(0.5));
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 2, 5), eps = Nd4j.rand(DataType.FLOAT, 2, 3, 5);
        float[][] results = new float[3][];
        for (int i = 0; i < 3; i++) {
            int run = i;
            Thread t = new Thread(() -> {
                k.train(x, w, null, null);
                k.backward(eps, null);
                results[run] = k.infer(x, w, null, null, null, null).dup().toFloatVector();
            });
            t.start();
            t.join();
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(results[0], results[2], 1e-6f);
    }

    /**
     * More sequence lengths than the shape cache holds, twice over: evicted shapes are freed at once
     * (not at some later GC) and rebuilt when a length comes back, with the same results.
     */
    @ParameterizedTest
    @EnumSource(DnnlRnnKernel.Cell.class)
    void evictedShapesAreFreedAndRebuiltWithTheSameResults(DnnlRnnKernel.Cell cell) {
        DnnlRnnKernel k = new DnnlRnnKernel(cell, 2, 3);
        DnnlRnnKernel.Weights w = k.weights();
        Nd4j.getRandom().setSeed(3);
        for (INDArray a : new INDArray[]{w.wl(), w.wi(), w.bias()}) a.assign(Nd4j.rand(DataType.FLOAT, a.shape()).subi(0.5));
        float[][][] out = new float[2][20][];
        float[][][] grad = new float[2][20][];
        for (int round = 0; round < 2; round++) {
            for (int t = 1; t <= 20; t++) {
                Nd4j.getRandom().setSeed(t);
                INDArray x = Nd4j.rand(DataType.FLOAT, 2, 2, t).subi(0.5), eps = Nd4j.rand(DataType.FLOAT, 2, 3, t).subi(0.5);
                k.train(x, w, null, null);
                INDArray dwl = k.backward(eps, null).dwl();
                grad[round][t - 1] = dwl.dup().reshape(dwl.length()).toFloatVector();
                INDArray y = k.infer(x, w, null, null, null, null);
                out[round][t - 1] = y.dup().reshape(y.length()).toFloatVector();
            }
        }
        for (int t = 0; t < 20; t++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(out[0][t], out[1][t], 1e-6f, cell + " T=" + (t + 1));
            org.junit.jupiter.api.Assertions.assertArrayEquals(grad[0][t], grad[1][t], 1e-6f, cell + " T=" + (t + 1));
        }
    }

    private static double loss(DnnlRnnKernel k, INDArray x, DnnlRnnKernel.Weights w, INDArray eps) {
        INDArray y = k.infer(x, w, null, null, null, null);
        INDArray ncw = Nd4j.create(DataType.FLOAT, eps.shape());
        DnnlLayouts.fromNtc(y, ncw);
        return ncw.mul(eps).sumNumber().doubleValue();
    }
}
