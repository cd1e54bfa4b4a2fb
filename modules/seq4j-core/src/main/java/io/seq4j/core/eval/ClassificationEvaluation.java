package io.seq4j.core.eval;

import io.seq4j.core.text.LabelSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Accuracy, per-class precision / recall / F1 and the confusion matrix of a classifier, built by
 * adding (gold, predicted) class index pairs. A class never predicted has precision 0 (and one
 * never present recall 0), as scikit-learn reports them with {@code zero_division=0}.
 */
public final class ClassificationEvaluation {
    private final LabelSet labels;
    private final long[][] confusion;   // [gold][predicted]
    private long total;

    public ClassificationEvaluation(LabelSet labels) {
        this.labels = labels;
        this.confusion = new long[labels.size()][labels.size()];
    }

    /** Records one decision. */
    public void add(int gold, int predicted) {
        if (gold < 0 || gold >= labels.size() || predicted < 0 || predicted >= labels.size()) {
            throw new IllegalArgumentException("class index outside [0, " + labels.size() + "): gold " + gold + ", predicted " + predicted);
        }
        confusion[gold][predicted]++;
        total++;
    }

    public LabelSet labels() {
        return labels;
    }

    public long total() {
        return total;
    }

    /** {@code confusion()[gold][predicted]}: how often class gold was predicted as class predicted (a copy). */
    public long[][] confusion() {
        long[][] c = new long[confusion.length][];
        for (int i = 0; i < c.length; i++) c[i] = confusion[i].clone();
        return c;
    }

    public double accuracy() {
        long correct = 0;
        for (int i = 0; i < confusion.length; i++) correct += confusion[i][i];
        return total == 0 ? Double.NaN : correct / (double) total;
    }

    public double precision(int c) {
        long predicted = 0;
        for (long[] row : confusion) predicted += row[c];
        return predicted == 0 ? 0 : confusion[c][c] / (double) predicted;
    }

    public double recall(int c) {
        long gold = 0;
        for (long v : confusion[c]) gold += v;
        return gold == 0 ? 0 : confusion[c][c] / (double) gold;
    }

    public double f1(int c) {
        double p = precision(c), r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** How many samples of class c there are (the gold count). */
    public long support(int c) {
        long gold = 0;
        for (long v : confusion[c]) gold += v;
        return gold;
    }

    /** Unweighted mean of the per-class F1 scores. */
    public double macroF1() {
        double s = 0;
        for (int c = 0; c < labels.size(); c++) s += f1(c);
        return s / labels.size();
    }

    /**
     * The JSON-ready view: {@code accuracy}, {@code macro_f1}, {@code per_class} (label ->
     * precision, recall, f1, support), {@code confusion} (rows = gold, columns = predicted, in
     * {@code labels} order) and {@code labels}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy());
        m.put("macro_f1", macroF1());
        Map<String, Object> per = new LinkedHashMap<>();
        for (int c = 0; c < labels.size(); c++) {
            Map<String, Object> pc = new LinkedHashMap<>();
            pc.put("precision", precision(c));
            pc.put("recall", recall(c));
            pc.put("f1", f1(c));
            pc.put("support", support(c));
            per.put(labels.label(c), pc);
        }
        m.put("per_class", per);
        List<List<Long>> rows = new ArrayList<>();
        for (long[] row : confusion) {
            List<Long> r = new ArrayList<>();
            for (long v : row) r.add(v);
            rows.add(r);
        }
        m.put("confusion", rows);
        m.put("labels", labels.labels());
        m.put("total", total);
        return m;
    }

    /** The usual report: accuracy, a per-class table, then the confusion matrix (rows = gold). */
    public String report() {
        StringBuilder sb = new StringBuilder();
        int w = 9;
        for (String l : labels.labels()) w = Math.max(w, l.length() + 2);
        sb.append(String.format(Locale.ROOT, "accuracy %.4f (%d samples), macro F1 %.4f%n%n", accuracy(), total, macroF1()));
        sb.append(String.format(Locale.ROOT, "%-" + w + "s %9s %9s %9s %9s%n", "class", "precision", "recall", "f1", "support"));
        for (int c = 0; c < labels.size(); c++) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s %9.4f %9.4f %9.4f %9d%n", labels.label(c), precision(c), recall(c), f1(c), support(c)));
        }
        sb.append(String.format(Locale.ROOT, "%nconfusion (rows: gold, columns: predicted)%n%-" + w + "s", ""));
        for (String l : labels.labels()) sb.append(String.format(Locale.ROOT, " %" + w + "s", l));
        sb.append('\n');
        for (int g = 0; g < labels.size(); g++) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s", labels.label(g)));
            for (int p = 0; p < labels.size(); p++) sb.append(String.format(Locale.ROOT, " %" + w + "d", confusion[g][p]));
            sb.append('\n');
        }
        return sb.toString();
    }
}
