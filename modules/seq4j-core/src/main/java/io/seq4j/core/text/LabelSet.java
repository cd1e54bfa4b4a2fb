package io.seq4j.core.text;

import io.seq4j.core.data.InputFormatException;
import io.seq4j.core.io.AtomicFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The ordered set of output labels of a classifier or tagger (no reserved entries, unlike
 * {@link Vocabulary}). Saved as one label per line.
 */
public final class LabelSet {
    private final List<String> labels;
    private final Map<String, Integer> index = new HashMap<>();

    private LabelSet(List<String> labels) {
        if (labels.isEmpty()) throw new IllegalArgumentException("a label set needs at least one label");
        this.labels = List.copyOf(labels);
        for (int i = 0; i < labels.size(); i++) {
            if (index.put(labels.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate label '" + labels.get(i) + "'");
            }
        }
    }

    /** Labels in this order. */
    public static LabelSet of(List<String> labels) {
        return new LabelSet(labels);
    }

    /** The distinct labels of a collection, sorted (so the same data always gives the same set). */
    public static LabelSet sortedOf(Collection<String> labels) {
        return new LabelSet(new ArrayList<>(new TreeSet<>(labels)));
    }

    public int size() {
        return labels.size();
    }

    public List<String> labels() {
        return labels;
    }

    public String label(int i) {
        return labels.get(i);
    }

    /** Index of a label; IllegalArgumentException listing the known labels when it is unknown. */
    public int indexOf(String label) {
        Integer i = index.get(label);
        if (i == null) throw new IllegalArgumentException("unknown label '" + label + "' (known: " + labels + ")");
        return i;
    }

    public boolean contains(String label) {
        return index.containsKey(label);
    }

    /** Row {@code row} of class probabilities {@code [batch, size()]} by label, in label order. */
    public Map<String, Double> probabilities(org.nd4j.linalg.api.ndarray.INDArray p, int row) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (int c = 0; c < labels.size(); c++) out.put(labels.get(c), p.getDouble(row, c));
        return out;
    }

    /** The most probable label of a {@link #probabilities} map (the first of equals). */
    public static String best(Map<String, Double> probabilities) {
        String best = null;
        for (Map.Entry<String, Double> e : probabilities.entrySet()) {
            if (best == null || e.getValue() > probabilities.get(best)) best = e.getKey();
        }
        return best;
    }

    /** Text form: one label per line. */
    public String toText() {
        return String.join("\n", labels) + "\n";
    }

    /** Writes the text form atomically. */
    public void save(java.nio.file.Path file) throws IOException {
        AtomicFiles.writeLines(file, labels);
    }

    /** Reads the text form; {@code source} names it in error messages. */
    public static LabelSet read(BufferedReader reader, String source) throws IOException {
        List<String> list = new ArrayList<>();
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isEmpty()) throw new InputFormatException(source, lineNo, "empty label");
            if (list.contains(line)) throw new InputFormatException(source, lineNo, "duplicate label '" + line + "'");
            list.add(line);
        }
        if (list.isEmpty()) throw new InputFormatException(source, 0, "no labels");
        return new LabelSet(list);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelSet l && l.labels.equals(labels);
    }

    @Override
    public int hashCode() {
        return labels.hashCode();
    }

    @Override
    public String toString() {
        return labels.toString();
    }
}
