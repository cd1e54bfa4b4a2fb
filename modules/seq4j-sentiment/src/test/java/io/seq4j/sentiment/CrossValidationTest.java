package io.seq4j.sentiment;

import io.seq4j.core.data.LabeledTextStream.Row;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrossValidationTest {
    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 70; i++) rows.add(new Row(i % 7 == 0 ? "rare" : "common", "doc " + i));
        return rows;
    }

    @Test
    void foldsPartitionTheDataAndKeepLabelProportions() {
        List<CrossValidation.Split> folds = CrossValidation.folds(rows(), 5, 1);
        assertEquals(5, folds.size());
        HashSet<Row> tested = new HashSet<>();
        for (CrossValidation.Split s : folds) {
            assertEquals(70, s.train().size() + s.test().size());
            assertEquals(14, s.test().size());
            assertEquals(2, s.test().stream().filter(r -> r.label().equals("rare")).count());
            assertTrue(s.train().stream().noneMatch(s.test()::contains));
            tested.addAll(s.test());
        }
        assertEquals(70, tested.size());
        assertEquals(folds, CrossValidation.folds(rows(), 5, 1));
        assertThrows(IllegalArgumentException.class, () -> CrossValidation.folds(rows(), 1, 1));
    }

    @Test
    void holdOutIsStratified() {
        CrossValidation.Split s = CrossValidation.holdOut(rows(), 0.1, 2);
        assertEquals(7, s.test().size());
        assertEquals(1, s.test().stream().filter(r -> r.label().equals("rare")).count());
        assertEquals(63, s.train().size());
    }
}
