package io.seq4j.core.nn;

import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.RnnOutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.scatter.ScatterUpdate;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Implementation of {@link SoftmaxSequenceOutput}. One training step, for input {@code [B, nIn, T]},
 * class-index labels {@code [B, 1, T]} and label mask {@code [B, T]} (1 = a step, 0 = padding):
 * <pre>
 * X  = the R unmasked steps as rows             [R, nIn]   (padding never reaches the GEMMs)
 * P  = softmax(X W + b), in place               [R, V]
 * loss = sum_r -log max(P[r, y_r], 1e-10)                  (DL4J's clipping)
 * dZ = P - onehot(y)          (in P's memory)   [R, V]
 * dW = X^T dZ, db = column sums of dZ, dX = dZ W^T, scattered back to [B, nIn, T]
 * </pre>
 * DL4J's RnnOutputLayer with SPARSE_MCXENT computes the same score (the loss summed over steps,
 * divided by B) and gradients (summed; its updater divides by B), but through one-hot labels, two
 * forward GEMMs per step (the score after the gradient recomputes it) and several full passes over
 * the [B*T, V] arrays. Here the score after the gradient is the loss the gradient pass computed, as
 * long as input, labels, mask and parameters are the same. Input dropout is applied as in DL4J's
 * layers. Settings this does not cover (weight noise, non-FP32 data, NWC format, mask values other than 0 and 1) run DL4J's own code.
 */
public final class SoftmaxSequenceOutputLayer extends RnnOutputLayer {
    private static final double CLIP = 1e-10;

    private INDArray stepMask;          // the label mask as given, [B, T] (DL4J keeps it reshaped to a column)
    private INDArray lossInput, lossLabels, lossMask;
    private double lossParamsSum = Double.NaN, loss;

    SoftmaxSequenceOutputLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** True where the fused path applies; DL4J's code runs otherwise. */
    private boolean fused() {
        return input != null && labels != null && input.rank() == 3 && input.dataType() == DataType.FLOAT
                && layerConf().getRnnDataFormat() == RNNFormat.NCW
                && layerConf().getWeightNoise() == null
                && labels.rank() == 3 && labels.size(1) == 1 && labels.size(0) == input.size(0) && labels.size(2) == input.size(2)
                && (maskArray == null || stepMask != null && stepMask.rank() == 2);
    }

    @Override
    public void setMaskArray(INDArray maskArray) {
        stepMask = maskArray;
        super.setMaskArray(maskArray);
    }

    /** The forward pass: active rows, their labels, and the probabilities [R, V]; null for a mask that is not 0/1. */
    private record Forward(INDArray rows, int[] index, int[] label, INDArray probabilities, double loss) {
    }

    private Forward forward(boolean training, LayerWorkspaceMgr ws, ArrayType memory) {
        applyDropOutIfNecessary(training, ws);         // input dropout, once per input, as DL4J's layers do
        long b = input.size(0), nIn = input.size(1), t = input.size(2);
        int classes = (int) layerConf().getNOut();
        double[] labelValues = HostArrays.values(labels);
        double[] maskValues = maskArray == null ? null : HostArrays.values(stepMask);
        if (maskValues != null && maskValues.length != b * t) {
            throw new IllegalArgumentException(layerId() + ": label mask " + stepMask.shapeInfoToString() + " does not match input [" + b + ", " + nIn + ", " + t + "]");
        }
        int active = 0;
        for (int i = 0; i < b * t; i++) {
            if (maskValues != null && maskValues[i] != 0 && maskValues[i] != 1) return null;
            if (maskValues == null || maskValues[i] != 0) active++;
        }
        int[] index = new int[active], label = new int[active];
        for (int i = 0, r = 0; i < b * t; i++) {
            if (maskValues != null && maskValues[i] == 0) continue;
            double y = labelValues[i];
            if (y < 0 || y >= classes || y != Math.rint(y)) {
                throw new IllegalArgumentException(layerId() + ": label " + y + " at sequence " + i / t + ", step " + i % t
                        + " is not a class index in [0, " + classes + ")");
            }
            index[r] = i;
            label[r] = (int) y;
            r++;
        }
        INDArray all = ws.dup(memory, input.permute(0, 2, 1), 'c').reshape('c', b * t, nIn);      // row i = (sequence i / t, step i % t)
        INDArray rows = active == b * t ? all : Nd4j.pullRows(all, 1, index);
        INDArray p = ws.createUninitialized(memory, DataType.FLOAT, new long[]{active, classes}, 'c');
        if (active > 0) {
            Nd4j.gemm(rows, getParam(DefaultParamInitializer.WEIGHT_KEY), p, false, false, 1.0, 0.0);
            p.addiRowVector(getParam(DefaultParamInitializer.BIAS_KEY));
            Nd4j.exec((CustomOp) new SoftMax(p, p, 1));
        }
        FloatPointer probs = new FloatPointer(p.data().addressPointer());
        double sum = 0;
        for (int r = 0; r < active; r++) {
            sum -= Math.log(Math.max(probs.get((long) r * classes + label[r]), CLIP));
        }
        return new Forward(rows, index, label, p, sum);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr ws) {
        if (!fused()) return super.backpropGradient(epsilon, ws);
        Forward f = forward(true, ws, ArrayType.BP_WORKING_MEM);
        if (f == null) return super.backpropGradient(epsilon, ws);
        long b = input.size(0), nIn = input.size(1), t = input.size(2);
        int classes = (int) layerConf().getNOut(), active = f.index().length;
        INDArray dz = f.probabilities();
        FloatPointer d = new FloatPointer(dz.data().addressPointer());
        for (int r = 0; r < active; r++) {
            long at = (long) r * classes + f.label()[r];
            d.put(at, d.get(at) - 1f);
        }
        INDArray gW = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY), gB = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        INDArray eps = ws.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, new long[]{b, nIn, t}, 'c');
        if (active == 0) {
            gW.assign(0);
            gB.assign(0);
            eps.assign(0);
        } else {
            Nd4j.gemm(f.rows(), dz, gW, true, false, 1.0, 0.0);
            gB.assign(dz.sum(0).reshape(gB.shape()));
            INDArray dRows = ws.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT, new long[]{active, nIn}, 'c');
            Nd4j.gemm(dz, getParam(DefaultParamInitializer.WEIGHT_KEY), dRows, false, true, 1.0, 0.0);
            INDArray dAll = dRows;
            if (active != b * t) {
                dAll = ws.create(ArrayType.BP_WORKING_MEM, DataType.FLOAT, new long[]{b * t, nIn}, 'c');
                Nd4j.scatterUpdate(ScatterUpdate.UpdateOp.ADD, dAll, Nd4j.createFromArray(f.index()), dRows, 1);
            }
            eps.assign(dAll.reshape('c', b, t, nIn).permute(0, 2, 1));
        }
        eps = backpropDropOutIfPresent(eps);
        Gradient g = new DefaultGradient();
        g.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, gW);
        g.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, gB);
        remember(f.loss());
        return new Pair<>(g, eps);
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr ws) {
        if (!fused()) return super.computeScore(fullNetRegTerm, training, ws);
        double sum;
        if (input == lossInput && labels == lossLabels && stepMask == lossMask && paramsSum() == lossParamsSum) {
            sum = loss;
        } else {
            Forward f = forward(training, ws, ArrayType.FF_WORKING_MEM);
            if (f == null) return super.computeScore(fullNetRegTerm, training, ws);
            sum = f.loss();
        }
        score = sum / input.size(0) + fullNetRegTerm;
        return score;
    }

    private void remember(double sum) {
        lossInput = input;
        lossLabels = labels;
        lossMask = stepMask;
        lossParamsSum = paramsSum();
        loss = sum;
    }

    private double paramsSum() {
        return getParam(DefaultParamInitializer.WEIGHT_KEY).sumNumber().doubleValue() + getParam(DefaultParamInitializer.BIAS_KEY).sumNumber().doubleValue();
    }
}
