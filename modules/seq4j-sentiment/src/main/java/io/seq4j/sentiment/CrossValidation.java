package io.seq4j.sentiment;

import io.seq4j.core.data.LabeledTextStream.Row;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Stratified splits of labelled documents: each label's documents are shuffled (seeded) and dealt
 * round-robin into folds, so every fold has the label proportions of the whole set to within one
 * document per label. Same documents and seed, same folds.
 */
public final class CrossValidation {
    private CrossValidation() {
    }

    /** One train/test split. */
    public record Split(List<Row> train, List<Row> test) {
    }

    /** k stratified folds; split i tests on fold i and trains on the others. */
    public static List<Split> folds(List<Row> rows, int k, long seed) {
        if (k < 2) throw new IllegalArgumentException("cross-validation needs k >= 2, got " + k);
        if (rows.size() < k) throw new IllegalArgumentException("cannot make " + k + " folds of " + rows.size() + " documents");
        List<List<Row>> folds = new ArrayList<>();
        for (int i = 0; i < k; i++) folds.add(new ArrayList<>());
        int next = 0;
        for (List<Row> group : byLabel(rows, seed).values()) {
            for (Row r : group) {
                folds.get(next).add(r);
                next = (next + 1) % k;
            }
        }
        List<Split> splits = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            List<Row> train = new ArrayList<>();
            for (int j = 0; j < k; j++) if (j != i) train.addAll(folds.get(j));
            splits.add(new Split(train, folds.get(i)));
        }
        return splits;
    }

    /** A stratified hold-out of about {@code fraction} of the documents (at least one) as the test part. */
    public static Split holdOut(List<Row> rows, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) throw new IllegalArgumentException("hold-out fraction must be in (0, 1), got " + fraction);
        if (rows.size() < 2) throw new IllegalArgumentException("cannot hold out part of " + rows.size() + " document(s)");
        List<Row> train = new ArrayList<>(), test = new ArrayList<>();
        for (List<Row> group : byLabel(rows, seed).values()) {
            int n = (int) Math.round(group.size() * fraction);
            test.addAll(group.subList(0, n));
            train.addAll(group.subList(n, group.size()));
        }
        if (test.isEmpty()) {
            test.add(train.remove(train.size() - 1));
        }
        return new Split(train, test);
    }

    private static Map<String, List<Row>> byLabel(List<Row> rows, long seed) {
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : rows) groups.computeIfAbsent(r.label(), l -> new ArrayList<>()).add(r);
        Random rnd = new Random(seed);
        for (List<Row> g : groups.values()) Collections.shuffle(g, rnd);
        return groups;
    }
}
