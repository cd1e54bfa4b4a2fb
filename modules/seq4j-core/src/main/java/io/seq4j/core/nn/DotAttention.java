package io.seq4j.core.nn;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scaled dot-product attention of a sequence of queries over a sequence of keys that are also the
 * values, as a ComputationGraph vertex with no parameters (configuration; {@link DotAttentionVertex}
 * runs it). Inputs: queries {@code [B, d, Tq]} and keys {@code [B, d, Tk]}; output {@code [B, d, Tq]}:
 * <pre>
 * a_t = softmax_j(q_t . k_j / sqrt(d))   over the unmasked key steps j
 * c_t = sum_j a_tj k_j                    (zero on masked query steps)
 * </pre>
 * Masks: the keys' {@code [B, Tk]} mask excludes padding from the softmax; the queries' mask passes on.
 * It replaces DL4J's SameDiff-based AttentionVertex, whose backward pass (libnd4j
 * {@code dot_product_attention_bp} run through a SameDiff session every step) made a translation
 * model train several times slower; here forward and backward are a few batched matrix products.
 */
public class DotAttention extends GraphVertex {
    @Override
    public DotAttention clone() {
        return new DotAttention();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DotAttention;
    }

    @Override
    public int hashCode() {
        return DotAttention.class.hashCode();
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 2;
    }

    @Override
    public int maxVertexInputs() {
        return 2;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
                                                                      INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new DotAttentionVertex(graph, name, idx, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length != 2 || !(vertexInputs[0] instanceof InputType.InputTypeRecurrent q)
                || !(vertexInputs[1] instanceof InputType.InputTypeRecurrent k)) {
            throw new InvalidInputTypeException("DotAttention takes two recurrent inputs (queries, keys), got " + java.util.Arrays.toString(vertexInputs));
        }
        if (q.getSize() != k.getSize()) {
            throw new InvalidInputTypeException("DotAttention: queries have " + q.getSize() + " features but keys " + k.getSize());
        }
        return InputType.recurrent(k.getSize(), q.getTimeSeriesLength());
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        return new LayerMemoryReport.Builder(null, DotAttention.class, inputTypes[0], inputTypes[0])
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }
}
