package io.seq4j.core.nn;

import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.nd4j.linalg.activations.Activation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A Keras-like description of a recurrent encoder that builds DL4J layers.
 *
 * <pre>
 *   RecurrentSpec spec = RecurrentSpec.builder(Cell.GRU, 128)
 *       .optDepth(2).optBidirectional(Merge.CONCAT).optDropout(0.2).optReturnSequences(true).build();
 *   List&lt;Layer&gt; layers = spec.layers(nIn);   // input [batch, nIn, T]
 * </pre>
 *
 * Output shape: {@code [batch, outputSize(), T]} when {@code returnSequences}, else
 * {@code [batch, outputSize()]} (the last unmasked step, via DL4J's LastTimeStep).
 * {@code dropout} is a drop probability (Keras convention) on each recurrent layer's input.
 * {@code goBackwards} reads each sequence last token first (within its mask length) and returns
 * outputs in processing order, as Keras does.
 */
public final class RecurrentSpec {

    /**
     * The recurrent cell. GRU is seq4j's {@link Gru}; SIMPLE_RNN is {@link VanillaRnn} (DL4J's SimpleRnn
     * on oneDNN); LSTM is DL4J's LSTM (on oneDNN once {@link RecurrentKernels#install} ran).
     */
    public enum Cell { SIMPLE_RNN, GRU, LSTM }

    /** How a bidirectional layer combines its two directions (DL4J's Bidirectional.Mode). */
    public enum Merge {
        CONCAT, ADD, MUL, AVERAGE;

        Bidirectional.Mode toDl4j() {
            return Bidirectional.Mode.valueOf(name());
        }
    }

    private final Cell cell;
    private final int units;
    private final int depth;
    private final Merge merge;   // null: unidirectional
    private final double dropout;
    private final boolean returnSequences;
    private final boolean goBackwards;

    private RecurrentSpec(Builder b) {
        this.cell = b.cell;
        this.units = b.units;
        this.depth = b.depth;
        this.merge = b.merge;
        this.dropout = b.dropout;
        this.returnSequences = b.returnSequences;
        this.goBackwards = b.goBackwards;
    }

    /** Starts a spec with the two required settings. */
    public static Builder builder(Cell cell, int units) {
        return new Builder(cell, units);
    }

    /** A cell by its settings name: lstm, gru or rnn (also simple_rnn, simple-rnn), any case. */
    public static Cell parseCell(String v) {
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "lstm" -> Cell.LSTM;
            case "gru" -> Cell.GRU;
            case "rnn", "simple_rnn", "simple-rnn" -> Cell.SIMPLE_RNN;
            default -> throw new IllegalArgumentException("cell: '" + v + "' is not lstm, gru or rnn");
        };
    }

    /** The settings name {@link #parseCell} reads: lstm, gru or rnn. */
    public static String cellName(Cell c) {
        return c == Cell.SIMPLE_RNN ? "rnn" : c.name().toLowerCase(java.util.Locale.ROOT);
    }

    public Cell cell() { return cell; }
    public int units() { return units; }
    public int depth() { return depth; }
    public boolean bidirectional() { return merge != null; }
    /** The merge mode, or null for a unidirectional spec. */
    public Merge merge() { return merge; }
    public double dropout() { return dropout; }
    public boolean returnSequences() { return returnSequences; }
    public boolean goBackwards() { return goBackwards; }

    /** Feature size of the encoder's output: 2 * units for a CONCAT bidirectional spec, else units. */
    public int outputSize() {
        return merge == Merge.CONCAT ? 2 * units : units;
    }

    /**
     * The DL4J layers of this encoder for inputs of {@code nIn} features per step, in order.
     * Add them to a configuration that calls {@code setInputType(InputType.recurrent(nIn))}.
     */
    public List<Layer> layers(int nIn) {
        if (nIn <= 0) {
            throw new IllegalArgumentException("nIn must be positive, got " + nIn);
        }
        List<Layer> out = new ArrayList<>();
        if (goBackwards) {
            out.add(new ReverseTime());
        }
        for (int i = 0; i < depth; i++) {
            Layer layer = cellLayer(i == 0 ? nIn : outputSize());
            if (merge != null) {
                layer = new BidirectionalRnn(merge.toDl4j(), layer);
            }
            if (i == depth - 1 && !returnSequences) {
                layer = new LastTimeStep(layer);
            }
            out.add(layer);
        }
        return out;
    }

    private BaseRecurrentLayer cellLayer(int nIn) {
        BaseRecurrentLayer.Builder<?> b = switch (cell) {
            case SIMPLE_RNN -> new SimpleRnn.Builder().activation(Activation.TANH);  // built as VanillaRnn below
            case GRU -> new Gru.Builder();
            case LSTM -> new LSTM.Builder().activation(Activation.TANH).gateActivationFunction(Activation.SIGMOID);
        };
        b.nIn(nIn).nOut(units);
        if (dropout > 0) {
            b.dropOut(1.0 - dropout);   // DL4J takes the retain probability
        }
        return b instanceof SimpleRnn.Builder s ? VanillaRnn.of(s) : (BaseRecurrentLayer) b.build();
    }

    /** Settings as flat key/value pairs (for bundle manifests); {@link #fromMap} reads them back. */
    public Map<String, String> toMap() {
        return Map.of(
                "cell", cell.name(),
                "units", Integer.toString(units),
                "depth", Integer.toString(depth),
                "merge", merge == null ? "NONE" : merge.name(),
                "dropout", Double.toString(dropout),
                "returnSequences", Boolean.toString(returnSequences),
                "goBackwards", Boolean.toString(goBackwards));
    }

    /** Inverse of {@link #toMap}; a missing or malformed key is an IllegalArgumentException naming it. */
    public static RecurrentSpec fromMap(Map<String, String> m) {
        Builder b = builder(Cell.valueOf(required(m, "cell")), Integer.parseInt(required(m, "units")))
                .optDepth(Integer.parseInt(required(m, "depth")))
                .optDropout(Double.parseDouble(required(m, "dropout")))
                .optReturnSequences(Boolean.parseBoolean(required(m, "returnSequences")))
                .optGoBackwards(Boolean.parseBoolean(required(m, "goBackwards")));
        String merge = required(m, "merge");
        if (!merge.equals("NONE")) {
            b.optBidirectional(Merge.valueOf(merge));
        }
        return b.build();
    }

    private static String required(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("recurrent spec: missing setting '" + key + "'");
        }
        return v;
    }

    @Override
    public String toString() {
        String s = (depth > 1 ? depth + "x " : "") + (merge != null ? "bidirectional(" + merge + ") " : "")
                + cell.name().toLowerCase(Locale.ROOT) + "(" + units + ")";
        if (dropout > 0) s += ", dropout " + dropout;
        if (goBackwards) s += ", backwards";
        return s + (returnSequences ? ", sequences" : ", last step");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecurrentSpec r && r.toMap().equals(toMap());
    }

    @Override
    public int hashCode() {
        return Objects.hash(toMap());
    }

    /** Builder: {@code optX} settings have Keras' defaults (depth 1, unidirectional, no dropout, last step). */
    public static final class Builder {
        private final Cell cell;
        private final int units;
        private int depth = 1;
        private Merge merge;
        private double dropout;
        private boolean returnSequences;
        private boolean goBackwards;

        private Builder(Cell cell, int units) {
            this.cell = Objects.requireNonNull(cell, "cell");
            this.units = units;
        }

        public Builder optDepth(int depth) { this.depth = depth; return this; }
        public Builder optBidirectional(Merge merge) { this.merge = Objects.requireNonNull(merge, "merge"); return this; }
        public Builder optDropout(double dropout) { this.dropout = dropout; return this; }
        public Builder optReturnSequences(boolean returnSequences) { this.returnSequences = returnSequences; return this; }
        public Builder optGoBackwards(boolean goBackwards) { this.goBackwards = goBackwards; return this; }

        /** Validates and builds; an invalid setting is an IllegalArgumentException naming the field. */
        public RecurrentSpec build() {
            if (units <= 0) throw new IllegalArgumentException("units must be positive, got " + units);
            if (depth <= 0) throw new IllegalArgumentException("depth must be positive, got " + depth);
            if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
            if (goBackwards && merge != null) {
                throw new IllegalArgumentException("goBackwards makes no sense with a bidirectional spec");
            }
            return new RecurrentSpec(this);
        }
    }
}
