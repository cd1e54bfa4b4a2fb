package io.seq4j.core.nn;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import static io.seq4j.core.nn.AttentionPoolingParamInitializer.B;
import static io.seq4j.core.nn.AttentionPoolingParamInitializer.V;
import static io.seq4j.core.nn.AttentionPoolingParamInitializer.W;

/**
 * Implementation of {@link AttentionPooling}. The steps are flattened to rows {@code [batch*T, nIn]}
 * (batch-major) so scoring is two GEMMs; the backward pass reuses the forward quantities of the
 * training pass before it on the same input (and recomputes them otherwise).
 */
final class AttentionPoolingLayer extends BaseLayer<AttentionPooling> {

    AttentionPoolingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Forward quantities: rows {@code [b*T, nIn]}, u {@code [b*T, att]}, weights a {@code [b, T]}, output {@code [b, nIn]}. */
    private record Forward(INDArray input, INDArray rows, INDArray u, INDArray a, INDArray out) {
    }

    /**
     * The last training forward pass, for the backward pass that follows it: its arrays moved into
     * the activations workspace, which DL4J keeps open until the backward pass is done (the layer's
     * working memory is not).
     */
    private Forward trained;

    private Forward forward(INDArray x) {
        long b = x.size(0), n = x.size(1), t = x.size(2);
        INDArray rows = x.permute(0, 2, 1).dup('c').reshape('c', b * t, n);
        INDArray u = Transforms.tanh(rows.mmul(getParam(W)).addiRowVector(getParam(B)), false);
        INDArray s = u.mmul(getParam(V)).reshape('c', b, t);
        if (maskArray != null) {
            // padded steps: -1e9 before the softmax, so their weight underflows to exactly 0
            s.addi(maskArray.castTo(s.dataType()).rsub(1.0).muli(-1e9));
        }
        s.subiColumnVector(s.max(1));
        INDArray a = Transforms.exp(s, false);
        a.diviColumnVector(a.sum(1));
        INDArray out = Broadcast.mul(x, a, Nd4j.createUninitialized(x.dataType(), x.shape(), 'c'), 0, 2).sum(2);
        return new Forward(x, rows, u, a, out);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr ws) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, ws);
        Forward f = forward(input);
        trained = training ? new Forward(f.input(), ws.leverageTo(ArrayType.ACTIVATIONS, f.rows()), ws.leverageTo(ArrayType.ACTIVATIONS, f.u()),
                ws.leverageTo(ArrayType.ACTIVATIONS, f.a()), null) : null;
        return ws.dup(ArrayType.ACTIVATIONS, f.out());
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr ws) {
        assertInputSet(true);
        INDArray x = input;
        long b = x.size(0), n = x.size(1), t = x.size(2);
        Forward f = trained != null && trained.input() == x ? trained : forward(x);
        trained = null;
        INDArray eps = epsilon.castTo(x.dataType());
        // out = sum_t a_t x_t:  dx_t += eps a_t,  da_t = <eps, x_t>
        INDArray dx = Broadcast.mul(Broadcast.add(Nd4j.zeros(x.dataType(), b, n, t), eps, Nd4j.createUninitialized(x.dataType(), b, n, t), 0, 1),
                f.a(), Nd4j.createUninitialized(x.dataType(), b, n, t), 0, 2);
        INDArray da = Broadcast.mul(x, eps, Nd4j.createUninitialized(x.dataType(), x.shape(), 'c'), 0, 1).sum(1);
        // softmax: ds = a * (da - sum_t a da)   (0 on masked steps, where a = 0)
        INDArray ds = da.subColumnVector(f.a().mul(da).sum(1)).muli(f.a()).reshape('c', b * t, 1);
        INDArray du = ds.mmul(getParam(V).transpose());
        INDArray dz = du.muli(f.u().mul(f.u()).rsubi(1.0));
        gradientViews.get(V).assign(f.u().transpose().mmul(ds));
        gradientViews.get(W).assign(f.rows().transpose().mmul(dz));
        gradientViews.get(B).assign(dz.sum(true, 0));
        INDArray dRows = dz.mmul(getParam(W).transpose());                    // [b*T, nIn]
        dx.addi(dRows.reshape('c', b, t, n).permute(0, 2, 1));
        Gradient g = new DefaultGradient(gradientsFlattened);
        g.setGradientFor(W, gradientViews.get(W));
        g.setGradientFor(B, gradientViews.get(B));
        g.setGradientFor(V, gradientViews.get(V));
        return new Pair<>(g, ws.dup(ArrayType.ACTIVATION_GRAD, dx));
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        this.maskArray = maskArray;
        return new Pair<>(null, currentMaskState);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }
}
