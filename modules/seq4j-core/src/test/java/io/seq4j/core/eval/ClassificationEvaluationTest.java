package io.seq4j.core.eval;

import io.seq4j.core.text.LabelSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassificationEvaluationTest {
    /**
     * gold:      a a a a b b c c c c
     * predicted: a a b c b a c c c a
     * worked by hand: a P 2/4 R 2/4; b P 1/2 R 1/2; c P 3/4 R 3/4; accuracy 6/10
     */
    @Test
    void handWorkedExample() {
        ClassificationEvaluation e = new ClassificationEvaluation(LabelSet.of(List.of("a", "b", "c")));
        int[] gold = {0, 0, 0, 0, 1, 1, 2, 2, 2, 2}, predicted = {0, 0, 1, 2, 1, 0, 2, 2, 2, 0};
        for (int i = 0; i < gold.length; i++) e.add(gold[i], predicted[i]);
        assertEquals(0.6, e.accuracy(), 1e-12);
        assertEquals(0.5, e.precision(0), 1e-12);
        assertEquals(0.5, e.recall(0), 1e-12);
        assertEquals(0.5, e.f1(1), 1e-12);
        assertEquals(0.75, e.f1(2), 1e-12);
        assertEquals((0.5 + 0.5 + 0.75) / 3, e.macroF1(), 1e-12);
        assertArrayEquals(new long[]{2, 1, 1}, e.confusion()[0]);
        assertArrayEquals(new long[]{1, 0, 3}, e.confusion()[2]);
        assertEquals(4L, e.support(2));
        Map<String, Object> m = e.toMap();
        assertEquals(0.6, (double) m.get("accuracy"), 1e-12);
        assertTrue(e.report().startsWith("accuracy 0.6000 (10 samples)"), e.report());
        assertTrue(e.report().contains("confusion (rows: gold, columns: predicted)"));
    }

    @Test
    void neverPredictedClassHasZeroPrecisionAndBadIndexIsRejected() {
        ClassificationEvaluation e = new ClassificationEvaluation(LabelSet.of(List.of("x", "y")));
        e.add(0, 0);
        e.add(1, 0);
        assertEquals(0.0, e.precision(1));
        assertEquals(0.0, e.f1(1));
        assertThrows(IllegalArgumentException.class, () -> e.add(2, 0));
    }
}
