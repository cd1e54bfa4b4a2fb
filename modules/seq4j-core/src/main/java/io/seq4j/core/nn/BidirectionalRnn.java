package io.seq4j.core.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;
import java.util.Map;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * DL4J's Bidirectional wrapper (same parameters, merge modes and results) whose layer reverses each
 * sequence within its own length ({@link BidirectionalRnnLayer}) instead of reversing the padded
 * array, so the backward direction also sees end padding and runs on the fused kernels.
 * RecurrentSpec builds this for bidirectional specs.
 */
public class BidirectionalRnn extends Bidirectional {

    /** For JSON deserialization. */
    @SuppressWarnings("unused")
    private BidirectionalRnn() {
    }

    public BidirectionalRnn(Mode mode, Layer layer) {
        super(mode, layer);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                                       int layerIndex, INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        NeuralNetConfiguration c1 = conf.clone(), c2 = conf.clone();
        c1.setLayer(getFwd());
        c2.setLayer(getBwd());
        INDArray flat = layerParamsView.reshape(layerParamsView.length());
        long n = layerParamsView.length() / 2;
        org.deeplearning4j.nn.api.Layer f = getFwd().instantiate(c1, listeners, layerIndex, flat.get(interval(0, n)),
                initializeParams, networkDataType);
        org.deeplearning4j.nn.api.Layer b = getBwd().instantiate(c2, listeners, layerIndex, flat.get(interval(n, 2 * n)),
                initializeParams, networkDataType);
        BidirectionalRnnLayer layer = new BidirectionalRnnLayer(conf, f, b, layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(paramTable);
        layer.setConf(conf);
        return layer;
    }

    /**
     * A deep copy: DL4J's Bidirectional copies its wrapper only, so networks built from clones of one
     * configuration (a Spark worker's copies) shared the inner layers' dropout objects, whose masks
     * are per-pass state ("Dropout mask array is absent" when two threads trained at once).
     */
    @Override
    public BidirectionalRnn clone() {
        BidirectionalRnn c = (BidirectionalRnn) super.clone();
        c.setFwd(getFwd().clone());
        c.setBwd(getBwd().clone());
        return c;
    }
}
