package io.seq4j.embeddings.word2vec;

import io.seq4j.core.text.WhitespaceTokenizer;
import io.seq4j.embeddings.VectorSearch;
import io.seq4j.embeddings.VectorSearch.Analogy;
import io.seq4j.embeddings.WordVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class Word2VecTrainerTest {
    private static Word2VecConfig small(String model, String objective) {
        return Word2VecConfig.defaults().with("threads", "1").with("model", model).with("objective", objective)
                .with("dimensions", "32").with("minCount", "1").with("sample", "0");
    }

    private static Path corpus(Path dir, int sentences) throws Exception {
        Path f = dir.resolve("corpus.txt");
        Files.write(f, AnalogyCorpus.generate(sentences, 7));
        return f;
    }

    /** Every model/objective pair learns the factored analogies of the generated corpus, with a margin. */
    @ParameterizedTest
    @CsvSource({"skipgram,negative", "skipgram,hs", "cbow,negative", "cbow,hs"})
    void learnsTheLecturesAnalogy(String model, String objective, @TempDir Path dir) throws Exception {
        Word2VecConfig c = small(model, objective);
        Word2VecTrainer.Result r = new Word2VecTrainer(c).train(Word2VecTrainer.corpus(List.of(corpus(dir, 3000)), c),
                Word2VecTrainer.Progress.NONE);
        VectorSearch s = new VectorSearch(r.vectors());
        List<VectorSearch.Neighbour> queen = s.analogy("man", "king", "woman", 2, Analogy.ADD, 0);
        assertEquals("queen", queen.get(0).word(), queen.toString());
        assertTrue(queen.get(0).score() - queen.get(1).score() > 0.1, "margin: " + queen);
        assertEquals("princess", s.analogy("boy", "girl", "prince", 1, Analogy.MUL, 0).get(0).word());
        assertTrue(s.similarity("king", "queen") > s.similarity("king", "farm"));
        assertEquals(r.vocab().trainWords() * c.epochs(), r.trainedWords());
    }

    @Test
    void oneThreadIsDeterministicAndStreamingEqualsTheCachedCorpus(@TempDir Path dir) throws Exception {
        Word2VecConfig c = small("skipgram", "negative").with("sample", "1e-3").with("epochs", "2");
        TextCorpus text = Word2VecTrainer.corpus(List.of(corpus(dir, 500)), c);
        Word2VecTrainer t = new Word2VecTrainer(c);
        WordVectors a = t.train(text, Word2VecTrainer.Progress.NONE).vectors();
        WordVectors b = t.train(text, Word2VecTrainer.Progress.NONE).vectors();
        Word2VecVocab streamed = Word2VecVocab.scan(text, c.minCount(), c.maxVocab(), 0);
        assertNull(streamed.cached());
        WordVectors s = t.train(text, streamed, 0, Word2VecTrainer.Progress.NONE).vectors();
        for (String w : a.words()) {
            assertArrayEquals(a.vector(w), b.vector(w), w);
            assertArrayEquals(a.vector(w), s.vector(w), w);
        }
        WordVectors other = new Word2VecTrainer(c.with("seed", "2")).train(text, Word2VecTrainer.Progress.NONE).vectors();
        assertFalse(java.util.Arrays.equals(a.vector("king"), other.vector("king")));
    }

    @Test
    void severalThreadsTrainToo(@TempDir Path dir) throws Exception {
        Word2VecConfig c = small("skipgram", "negative").with("threads", "3");
        List<Word2VecTrainer.Status> seen = new ArrayList<>();
        Word2VecTrainer.Result r = new Word2VecTrainer(c).train(Word2VecTrainer.corpus(List.of(corpus(dir, 3000)), c), seen::add);
        assertEquals("queen", new VectorSearch(r.vectors()).analogy("man", "king", "woman", 1, Analogy.ADD, 0).get(0).word());
        assertFalse(seen.isEmpty());
        assertEquals(1.0, seen.get(seen.size() - 1).fraction(), 1e-12);
        assertEquals(c.minAlpha(), seen.get(seen.size() - 1).alpha(), 1e-12);
    }

    @Test
    void vocabularyIsCountOrderedWithMinCountMaxVocabAndCachedIds(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.txt");
        Files.writeString(f, "b a c a\n\nd b a\nzz\n");
        TextCorpus text = new TextCorpus(List.of(f), new WhitespaceTokenizer(false));
        Word2VecVocab v = Word2VecVocab.scan(text, 2, 0, 1000);
        assertEquals(List.of("a", "b"), v.words());
        assertEquals(3, v.count(0));
        assertEquals(2, v.count(1));
        assertEquals(5, v.trainWords());
        assertEquals(8, v.corpusTokens());
        Word2VecVocab.Encoded e = v.cached();
        assertArrayEquals(new int[]{1, 0, 0, 1, 0}, e.ids());
        assertArrayEquals(new int[]{3, 5}, e.ends());    // "zz" left nothing: dropped
        assertEquals(List.of("a"), Word2VecVocab.scan(text, 1, 1, 1000).words());
        assertNull(Word2VecVocab.scan(text, 1, 0, 7).cached());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> Word2VecVocab.scan(text, 9, 0, 10));
        assertTrue(none.getMessage().contains("lower minCount"), none.getMessage());
    }

    /** Huffman codes as the C tool builds them: prefix-free and optimal (counts 5,3,2,1 give lengths 1,2,3,3). */
    @Test
    void huffmanCodesArePrefixFreeAndOptimal(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("h.txt");
        Files.writeString(f, "a a a a a b b b c c d\n");
        Word2VecVocab v = Word2VecVocab.scan(new TextCorpus(List.of(f), new WhitespaceTokenizer(false)), 1, 0, 100);
        byte[][] codes = new byte[4][];
        int[][] points = new int[4][];
        Word2VecTrainer.Weights.huffman(v, codes, points);
        int[] lengths = new int[4];
        for (int i = 0; i < 4; i++) lengths[i] = codes[i].length;
        assertArrayEquals(new int[]{1, 2, 3, 3}, lengths);
        for (int i = 0; i < 4; i++) {
            assertEquals(2, points[i][0], "every path starts at the root (inner node vocab - 2)");
            for (int p : points[i]) assertTrue(p >= 0 && p < 3, "inner nodes are rows 0..vocab-2");
            for (int j = 0; j < 4; j++) {
                if (i != j && codes[i].length <= codes[j].length) {
                    assertFalse(java.util.Arrays.equals(codes[i], java.util.Arrays.copyOf(codes[j], codes[i].length)), i + " prefixes " + j);
                }
            }
        }
    }

    @Test
    void subSamplingKeepsWordsWithTheWord2VecProbability(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.txt");
        Files.writeString(f, "a ".repeat(90) + "b ".repeat(10) + "\n");
        Word2VecVocab v = Word2VecVocab.scan(new TextCorpus(List.of(f), new WhitespaceTokenizer(false)), 1, 0, 1000);
        Word2VecTrainer.Weights w = new Word2VecTrainer.Weights(v, small("skipgram", "negative").with("sample", "0.2"));
        double t = 0.2 * 100;
        assertEquals((Math.sqrt(90 / t) + 1) * t / 90, w.keep[0], 1e-6);
        assertEquals(1f, w.keep[1], 0f, "rare words are always kept");
    }

    @Test
    void simdAndScalarLoopsAgree() {
        VectorMath simd = VectorMath.best();
        assertEquals("SimdVectorMath", simd.getClass().getSimpleName(), "tests run with --add-modules jdk.incubator.vector");
        VectorMath scalar = new VectorMath.Scalar();
        java.util.Random r = new java.util.Random(3);
        for (int n : new int[]{1, 7, 8, 100, 301}) {
            float[] a = new float[n + 5];
            float[] b = new float[n + 9];
            for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() - 0.5f;
            for (int i = 0; i < b.length; i++) b[i] = r.nextFloat() - 0.5f;
            assertEquals(scalar.dot(a, 5, b, 9, n), simd.dot(a, 5, b, 9, n), 1e-5);
            float[] y1 = b.clone();
            float[] y2 = b.clone();
            scalar.axpy(0.3f, a, 2, y1, 4, n);
            simd.axpy(0.3f, a, 2, y2, 4, n);
            assertArrayEquals(y1, y2, 1e-6f);
        }
    }

    @Test
    void settingsAreValidatedByName() {
        Word2VecConfig d = Word2VecConfig.defaults();
        assertEquals(Word2VecConfig.Model.SKIP_GRAM, d.model());
        assertEquals(100, d.dimensions());
        assertEquals(5, d.window());
        assertEquals(5, d.negative());
        assertEquals(5, d.minCount());
        assertEquals(1e-4, d.sample());
        assertEquals(5, d.epochs());
        assertEquals(d, Word2VecConfig.fromMap(d.toMap()));
        assertEquals(Word2VecConfig.Model.CBOW, d.with("model", "cbow").model());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.with("window", "0")).getMessage().contains("window"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.with("epochs", "x")).getMessage().contains("epochs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.with("model", "glove")).getMessage().contains("skipgram"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.with("size", "3")).getMessage().contains("unknown setting 'size'"));
    }

    @Test
    void corpusFoldersAreReadInNameOrderAndLongLinesAreCut(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("c/sub"));
        Files.writeString(dir.resolve("c/b.txt"), "two\n");
        Files.writeString(dir.resolve("c/a.txt"), "one\n");
        Files.writeString(dir.resolve("c/sub/c.txt"), "x ".repeat(TextCorpus.MAX_SENTENCE + 3) + "\n");
        Files.writeString(dir.resolve("c/.hidden"), "no\n");
        List<Integer> sizes = new ArrayList<>();
        List<String> first = new ArrayList<>();
        new TextCorpus(List.of(dir.resolve("c")), new WhitespaceTokenizer(false)).forEachSentence(s -> {
            sizes.add(s.size());
            first.add(s.get(0));
        });
        assertEquals(List.of("one", "two", "x", "x"), first);
        assertEquals(List.of(1, 1, TextCorpus.MAX_SENTENCE, 3), sizes);
        var missing = assertThrows(io.seq4j.core.data.InputFormatException.class,
                () -> new TextCorpus(List.of(dir.resolve("nope.txt")), new WhitespaceTokenizer(false)));
        assertTrue(missing.getMessage().contains("nope.txt"), missing.getMessage());
    }
}
