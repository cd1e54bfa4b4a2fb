package io.seq4j.embeddings;

import io.seq4j.core.data.InputFormatException;
import io.seq4j.embeddings.VectorSearch.Analogy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Hand-made vectors whose answers are worked out on paper. */
class VectorSearchTest {
    // gender on axis 0, royalty on axis 1, a distractor on axis 2
    static final List<String> WORDS = List.of("man", "woman", "king", "queen", "apple", "Paris");
    static final float[][] V = {{1, 0, 0}, {-1, 0, 0}, {1, 1, 0}, {-1, 1, 0}, {0, 0, 1}, {0.5f, 0, 2}};

    private static VectorSearch search() {
        return new VectorSearch(WordVectors.of(WORDS, V));
    }

    @Test
    void similarityAndNearest() {
        VectorSearch s = search();
        assertEquals(1 / Math.sqrt(2), s.similarity("man", "king"), 1e-6);
        assertEquals(0, s.similarity("king", "queen"), 1e-6);
        List<VectorSearch.Neighbour> n = s.nearest("king", 2);
        assertEquals("man", n.get(0).word());
        assertEquals(1 / Math.sqrt(2), n.get(0).score(), 1e-6);
        assertEquals(2, n.size());
        assertEquals("apple", s.nearest("paris", 1).get(0).word(), "case-insensitive lookup");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.nearest("dog", 3));
        assertTrue(e.getMessage().contains("'dog' is not in the vocabulary"), e.getMessage());
    }

    /** king - man + woman = (-1, 1, 0)/sqrt(2)-ish: queen by both rules; the question words never answer. */
    @Test
    void analogiesByAddAndMul() {
        VectorSearch s = search();
        List<VectorSearch.Neighbour> add = s.analogy("man", "king", "woman", 3, Analogy.ADD, 0);
        assertEquals("queen", add.get(0).word());
        // b - a + c with unit rows: (1,1,0)/sqrt2 - (1,0,0) + (-1,0,0) = (0.7071-2, 0.7071, 0); dot with queen's unit row
        double x = 1 / Math.sqrt(2) - 2;
        double y = 1 / Math.sqrt(2);
        assertEquals((-x + y) / Math.sqrt(2), add.get(0).score(), 1e-5);
        assertTrue(add.stream().noneMatch(n -> List.of("man", "king", "woman").contains(n.word())));
        List<VectorSearch.Neighbour> mul = s.analogy("man", "king", "woman", 1, Analogy.MUL, 0);
        assertEquals("queen", mul.get(0).word());
        // cos(queen, king) = 0, cos(queen, woman) = 1/sqrt2, cos(queen, man) = -1/sqrt2
        double pb = 0.5;
        double pc = (1 + 1 / Math.sqrt(2)) / 2;
        double pa = (1 - 1 / Math.sqrt(2)) / 2;
        assertEquals(pb * pc / (pa + 1e-6), mul.get(0).score(), 1e-4);
        // restricted to the first 4 words, no candidate is left but queen
        assertEquals(List.of("queen"), s.analogy("man", "king", "woman", 5, Analogy.ADD, 4).stream().map(VectorSearch.Neighbour::word).toList());
    }

    @Test
    void analogyEvaluationCountsSectionsCoverageAndCase(@TempDir Path dir) throws Exception {
        Path q = dir.resolve("q.txt");
        Files.writeString(q, """
                : family
                Man King Woman Queen
                man king woman apple
                man king woman dog
                : gram-test
                king man queen woman
                """);
        AnalogyEvaluation e = AnalogyEvaluation.evaluate(search(), q, 0, Analogy.ADD);
        assertEquals(2, e.sections().size());
        assertEquals(new AnalogyEvaluation.Section("family", 1, 2, 3), e.sections().get(0));
        assertEquals(new AnalogyEvaluation.Section("gram-test", 1, 1, 1), e.sections().get(1));
        assertEquals(2 / 3.0, e.accuracy(), 1e-12);
        assertEquals(3 / 4.0, e.coverage(), 1e-12);
        assertEquals(0.5, e.accuracy(false), 1e-12);
        assertEquals(1.0, e.accuracy(true), 1e-12);
        assertTrue(e.report().contains("total 66.67% (2/3), coverage 75.0% of 4 questions"), e.report());
        // restricted to the 3 most frequent words, no question has all four words inside
        assertEquals(0, AnalogyEvaluation.evaluate(search(), q, 3, Analogy.ADD).answered());
        Files.writeString(q, ": s\nman king woman\n");
        InputFormatException bad = assertThrows(InputFormatException.class, () -> AnalogyEvaluation.evaluate(search(), q, 0, Analogy.ADD));
        assertTrue(bad.getMessage().contains("q.txt:2") && bad.getMessage().contains("expected 4 words"), bad.getMessage());
    }

    /** scipy.stats.spearmanr([1, 2, 2, 3, 5], [2, 1, 4, 3, 5]) = 0.6668859288553503 (ties averaged; computed with scipy 1.10). */
    @Test
    void spearmanWithTiesMatchesScipy() {
        assertEquals(0.6668859288553503, SimilarityEvaluation.spearman(new double[]{1, 2, 2, 3, 5}, new double[]{2, 1, 4, 3, 5}), 1e-12);
        assertArrayEquals(new double[]{1, 2.5, 2.5, 4, 5}, SimilarityEvaluation.ranks(new double[]{1, 2, 2, 3, 5}), 1e-12);
        assertEquals(1.0, SimilarityEvaluation.pearson(new double[]{1, 2, 3}, new double[]{2, 4, 6}), 1e-12);
        assertTrue(Double.isNaN(SimilarityEvaluation.spearman(new double[]{1}, new double[]{2})));
    }

    @Test
    void similarityEvaluationSkipsUnknownPairsAndReportsBadLines(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sim.tsv");
        Files.writeString(f, "# word1\tword2\tscore\nman\tking\t8\nking\tqueen\t5\nman\tapple\t1\ndog\tcat\t7\n");
        SimilarityEvaluation e = SimilarityEvaluation.evaluate(search(), f);
        assertEquals(3, e.pairsUsed());
        assertEquals(4, e.pairsInFile());
        assertEquals(0.75, e.coverage(), 1e-12);
        // model cosines: man-king 0.707, king-queen 0, man-apple 0 (tie) vs human 8, 5, 1
        assertEquals(SimilarityEvaluation.spearman(new double[]{0.7071, 0, 0}, new double[]{8, 5, 1}), e.spearman(), 1e-9);
        Files.writeString(f, "man\tking\tlots\n");
        InputFormatException bad = assertThrows(InputFormatException.class, () -> SimilarityEvaluation.evaluate(search(), f));
        assertTrue(bad.getMessage().contains("sim.tsv:1") && bad.getMessage().contains("'lots' is not a number"), bad.getMessage());
    }
}
