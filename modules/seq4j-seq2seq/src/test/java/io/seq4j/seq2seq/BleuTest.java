package io.seq4j.seq2seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tests of {@link Bleu} against hand-worked examples and against sacreBLEU itself.
 *
 * <p>Every expected score, precision, brevity penalty, length and printed line below marked
 * "sacreBLEU" was produced by sacreBLEU 2.6.0 (CPython 3.11.7, installed from the sacrebleu-2.6.0
 * wheel; Debian bookworm has no {@code python3-sacrebleu} package) as
 * {@code sacrebleu.corpus_bleu(hyps, [refs], lowercase=...)} (a list of several streams where
 * there are several references), with the floats copied as Python's {@code repr}, and the
 * tokenizer cases as {@code Tokenizer13a()(line)}. Scores agree to 1e-9 relative; the printed
 * lines ({@code BLEUScore.format()}) and lengths agree exactly.
 */
class BleuTest {

    private static final double REL = 1e-9;

    /** Asserts a score against sacreBLEU's values. */
    private static void expect(Bleu.Score s, double score, double[] precisions, double bp,
                               long sysLen, long refLen, String printed) {
        assertClose(score, s.score(), "score");
        double[] p = s.precisions();
        assertEquals(4, p.length);
        for (int i = 0; i < 4; i++) {
            assertClose(precisions[i], p[i], "precision " + (i + 1));
        }
        assertClose(bp, s.brevityPenalty(), "brevity penalty");
        assertEquals(sysLen, s.sysLen(), "sys_len");
        assertEquals(refLen, s.refLen(), "ref_len");
        assertEquals(printed, s.toString());
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, Math.max(Math.abs(expected) * REL, 1e-300), what);
    }

    private static Bleu.Score one(String hyp, String ref) {
        return Bleu.corpus(List.of(hyp), List.of(ref), false);
    }

    // ---------------------------------------------------------------- hand-worked examples

    @Test
    void catOnTheMat() {
        // hyp "the cat sat on the mat" vs ref "the cat is on the mat"
        // 1-grams: the x2, cat, on, mat match; sat does not        -> 5/6
        // 2-grams: the cat, on the, the mat (not cat sat, sat on)   -> 3/5
        // 3-grams: on the mat                                       -> 1/4
        // 4-grams: none of 3 -> exp smoothing: 1 / (2 * 3)          -> 1/6
        // lengths 6 and 6 -> BP 1
        // BLEU = 100 * exp((ln 5/6 + ln 3/5 + ln 1/4 + ln 1/6) / 4) = 100 * (1/48)^(1/4) = 37.99
        Bleu.Score s = one("the cat sat on the mat", "the cat is on the mat");
        double byHand = 100 * Math.exp((Math.log(5.0 / 6) + Math.log(3.0 / 5) + Math.log(1.0 / 4)
                + Math.log(1.0 / 6)) / 4);
        assertEquals(byHand, s.score(), 1e-9);
        assertEquals(100 * Math.pow(1.0 / 48, 0.25), s.score(), 1e-9);
        // sacreBLEU
        expect(s, 37.99178428257963,
                new double[] {83.33333333333333, 60.0, 25.0, 16.666666666666668}, 1.0, 6, 6,
                "BLEU = 37.99 83.3/60.0/25.0/16.7 (BP = 1.000 ratio = 1.000 hyp_len = 6 ref_len = 6)");
    }

    @Test
    void brevityPenalty() {
        // hyp "the cat sat on the" (5) is a prefix of ref "the cat sat on the mat" (6):
        // every precision is 100 (5/5, 4/4, 3/3, 2/2), BP = exp(1 - 6/5) = exp(-0.2) = 0.8187
        // BLEU = 100 * 0.8187 = 81.87
        Bleu.Score s = one("the cat sat on the", "the cat sat on the mat");
        assertEquals(Math.exp(-0.2), s.brevityPenalty(), 1e-12);
        assertEquals(100 * Math.exp(-0.2), s.score(), 1e-9);
        // sacreBLEU
        expect(s, 81.87307530779823, new double[] {100.0, 100.0, 100.0, 100.0},
                0.8187307530779819, 5, 6,
                "BLEU = 81.87 100.0/100.0/100.0/100.0 (BP = 0.819 ratio = 0.833 hyp_len = 5 ref_len = 6)");
    }

    @Test
    void hypothesisWithoutTrigramsScoresZero() {
        // hyp "the cat" has no 3-gram: the loop breaks at n = 3, p3 = p4 = 0 and
        // my_log(0) = -9999999999, so BLEU = exp(-5e9) * ... = 0 although p1 = p2 = 100.
        // BP = exp(1 - 6/2) = exp(-2)
        Bleu.Score s = one("the cat", "the cat sat on the mat");
        assertEquals(0.0, s.score());
        // sacreBLEU
        expect(s, 0.0, new double[] {100.0, 100.0, 0.0, 0.0}, 0.1353352832366127, 2, 6,
                "BLEU = 0.00 100.0/100.0/0.0/0.0 (BP = 0.135 ratio = 0.333 hyp_len = 2 ref_len = 6)");
    }

    @Test
    void perfectMatchIsOneHundred() {
        // every precision 100, BP 1 -> 100 (exp(ln 100) rounds to 100.00000000000004 in both)
        Bleu.Score s = one("the cat sat on the mat", "the cat sat on the mat");
        assertEquals(100.0, s.score(), 1e-9);
        // sacreBLEU
        expect(s, 100.00000000000004, new double[] {100.0, 100.0, 100.0, 100.0}, 1.0, 6, 6,
                "BLEU = 100.00 100.0/100.0/100.0/100.0 (BP = 1.000 ratio = 1.000 hyp_len = 6 ref_len = 6)");
    }

    @Test
    void emptyHypothesisIsZero() {
        // no hypothesis n-gram, nothing correct -> sacreBLEU's early stop: score 0, precisions 0;
        // sys_len 0 < ref_len 2 with sys_len 0 -> BP 0
        Bleu.Score s = one("", "the cat");
        // sacreBLEU
        expect(s, 0.0, new double[] {0.0, 0.0, 0.0, 0.0}, 0.0, 0, 2,
                "BLEU = 0.00 0.0/0.0/0.0/0.0 (BP = 0.000 ratio = 0.000 hyp_len = 0 ref_len = 2)");
    }

    @Test
    void nothingMatchingIsZeroWithZeroPrecisions() {
        // no 1-gram matches -> early stop, even though every order has hypothesis n-grams
        Bleu.Score s = one("a b c d e", "v w x y z");
        assertEquals(0.0, s.score());
        assertArrayEquals(new double[4], s.precisions());
        assertEquals(1.0, s.brevityPenalty());
    }

    @Test
    void matchesAreClippedToTheReferenceCount() {
        // hyp "the the the the" vs ref "the cat":
        // 1-grams: "the" x4 in hyp, x1 in ref -> clipped 1/4
        // 2-grams: "the the" x3, none in ref -> 1/(2*3) = 1/6
        // 3-grams: 0/2 -> 1/(4*2) = 1/8;  4-grams: 0/1 -> 1/(8*1) = 1/8
        // sys_len 4 >= ref_len 2 -> BP 1;  BLEU = 100 * (1/4 * 1/6 * 1/8 * 1/8)^(1/4) = 15.97
        Bleu.Score s = one("the the the the", "the cat");
        assertEquals(100 * Math.pow(1.0 / 1536, 0.25), s.score(), 1e-9);
        // sacreBLEU
        expect(s, 15.97357760615681, new double[] {25.0, 16.666666666666668, 12.5, 12.5}, 1.0, 4, 2,
                "BLEU = 15.97 25.0/16.7/12.5/12.5 (BP = 1.000 ratio = 2.000 hyp_len = 4 ref_len = 2)");
    }

    @Test
    void lowercaseAgainstCased() {
        // cased: "The" != "the": 1-grams 5/6, 2-grams 4/5, 3-grams 3/4, 4-grams 2/3 -> BP 1,
        // BLEU = 100 * (5/6 * 4/5 * 3/4 * 2/3)^(1/4) = 100 * (1/3)^(1/4) = 75.98; lowercased: 100
        List<String> hyp = List.of("The cat sat on the mat");
        List<String> ref = List.of("the cat sat on the mat");
        Bleu.Score cased = Bleu.corpus(hyp, ref, false);
        Bleu.Score lower = Bleu.corpus(hyp, ref, true);
        assertEquals(100 * Math.pow(1.0 / 3, 0.25), cased.score(), 1e-9);
        // sacreBLEU
        expect(cased, 75.98356856515926,
                new double[] {83.33333333333333, 80.0, 75.0, 66.66666666666667}, 1.0, 6, 6,
                "BLEU = 75.98 83.3/80.0/75.0/66.7 (BP = 1.000 ratio = 1.000 hyp_len = 6 ref_len = 6)");
        expect(lower, 100.00000000000004, new double[] {100.0, 100.0, 100.0, 100.0}, 1.0, 6, 6,
                "BLEU = 100.00 100.0/100.0/100.0/100.0 (BP = 1.000 ratio = 1.000 hyp_len = 6 ref_len = 6)");
    }

    @Test
    void corpusStatisticsAreSummedNotAveraged() {
        // sentence 1 (cat on the mat): 5/6, 3/5, 1/4, 0/3, lengths 6/6  -> alone 37.99
        // sentence 2 (brevity example): 5/5, 4/4, 3/3, 2/2, lengths 5/6 -> alone 81.87
        // corpus: 10/11, 7/9, 4/7, 2/5, sys_len 11, ref_len 12, BP = exp(1 - 12/11)
        // BLEU = 100 * exp(1 - 12/11) * (10/11 * 7/9 * 4/7 * 2/5)^(1/4) = 57.89,
        // not the mean of the sentence scores (59.93)
        List<String> hyps = List.of("the cat sat on the mat", "the cat sat on the");
        List<String> refs = List.of("the cat is on the mat", "the cat sat on the mat");
        Bleu.Score s = Bleu.corpus(hyps, refs, false);
        double byHand = 100 * Math.exp(1 - 12.0 / 11)
                * Math.pow(10.0 / 11 * 7.0 / 9 * 4.0 / 7 * 2.0 / 5, 0.25);
        assertEquals(byHand, s.score(), 1e-9);
        double mean = (one(hyps.get(0), refs.get(0)).score() + one(hyps.get(1), refs.get(1)).score()) / 2;
        assertTrue(Math.abs(mean - s.score()) > 1, "corpus BLEU is not a sentence average");
        // sacreBLEU
        expect(s, 57.8948429913502,
                new double[] {90.9090909090909, 77.77777777777777, 57.142857142857146, 40.0},
                0.9131007162822624, 11, 12,
                "BLEU = 57.89 90.9/77.8/57.1/40.0 (BP = 0.913 ratio = 0.917 hyp_len = 11 ref_len = 12)");
    }

    @Test
    void mismatchedSizesAreRejectedNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bleu.corpus(List.of("a", "b", "c"), List.of("a", "b"), false));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("2"), e.getMessage());
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> Bleu.corpusMultiReference(List.of("a", "b"),
                        List.of(List.of("a", "b"), List.of("a", "b", "c")), false));
        assertTrue(m.getMessage().contains("2") && m.getMessage().contains("3"), m.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Bleu.corpusMultiReference(List.of("a"), List.of(), false));
    }

    @Test
    void nullLinesAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Bleu.corpus(Arrays.asList((String) null), List.of("a"), false));
        assertThrows(IllegalArgumentException.class,
                () -> Bleu.corpus(List.of("a"), Arrays.asList((String) null), false));
        // a segment whose every reference stream has null there has no reference at all
        assertThrows(IllegalArgumentException.class,
                () -> Bleu.corpusMultiReference(List.of("a"),
                        List.of(Arrays.asList((String) null), Arrays.asList((String) null)), false));
    }

    // ---------------------------------------------------------------- several references

    @Test
    void severalReferencesClipToTheBestAndUseTheClosestLength() {
        // segment 1: hyp 6 tokens, refs 6 and 7 -> ref_len 6; segment 2: hyp 8, refs 6 and 9 -> 9
        List<String> hyps = List.of("the cat sat on the mat", "a dog ran in the big park today");
        List<List<String>> refs = List.of(
                List.of("the cat is on the mat", "the dog ran in the park"),
                List.of("a cat sat on a mat here", "a dog ran in a big park today now"));
        // sacreBLEU
        expect(Bleu.corpusMultiReference(hyps, refs, false), 56.69628986372903,
                new double[] {100.0, 91.66666666666667, 60.0, 25.0}, 0.9310627797040228, 14, 15,
                "BLEU = 56.70 100.0/91.7/60.0/25.0 (BP = 0.931 ratio = 0.933 hyp_len = 14 ref_len = 15)");
    }

    @Test
    void referenceLengthTiesGoToTheShorter() {
        // hyp 7 tokens, refs 8 and 6 tokens: both 1 away -> ref_len 6 (so BP 1, not exp(1 - 8/7))
        Bleu.Score s = Bleu.corpusMultiReference(List.of("a b c d e f g"),
                List.of(List.of("a b c d e f g h"), List.of("a b c d e f")), false);
        // sacreBLEU
        expect(s, 100.00000000000004, new double[] {100.0, 100.0, 100.0, 100.0}, 1.0, 7, 6,
                "BLEU = 100.00 100.0/100.0/100.0/100.0 (BP = 1.000 ratio = 1.167 hyp_len = 7 ref_len = 6)");
    }

    @Test
    void nullReferenceSegmentsMeanFewerReferences() {
        List<String> hyps = List.of("the cat sat on the mat", "a dog ran in the big park today");
        List<List<String>> refs = List.of(
                Arrays.asList("the cat is on the mat", null),
                Arrays.asList(null, "a dog ran in a big park today now"));
        // sacreBLEU
        expect(Bleu.corpusMultiReference(hyps, refs, false), 38.27912081811666,
                new double[] {85.71428571428571, 66.66666666666667, 40.0, 12.5},
                0.9310627797040228, 14, 15,
                "BLEU = 38.28 85.7/66.7/40.0/12.5 (BP = 0.931 ratio = 0.933 hyp_len = 14 ref_len = 15)");
    }

    @Test
    void singleReferenceOverloadEqualsOneStream() {
        List<String> hyps = List.of("the cat sat on the mat", "the cat sat on the");
        List<String> refs = List.of("the cat is on the mat", "the cat sat on the mat");
        assertEquals(Bleu.corpus(hyps, refs, false),
                Bleu.corpusMultiReference(hyps, List.of(refs), false));
    }

    // ---------------------------------------------------------------- 13a tokenizer

    @Test
    void tokenizer13a() {
        // sacreBLEU Tokenizer13a
        assertEquals("Hello , World !", Bleu.tokenize13a("Hello, World!"));
        assertEquals("It costs 3.5 dollars .", Bleu.tokenize13a("It costs 3.5 dollars."));
        assertEquals("a , b", Bleu.tokenize13a("a,b"));
        assertEquals("1 - 2", Bleu.tokenize13a("1-2"));
        assertEquals("AT & T < b > \" q \"", Bleu.tokenize13a("AT&amp;T &lt;b&gt; &quot;q&quot;"));
        assertEquals("well-known", Bleu.tokenize13a("well-known"));
        assertEquals("1,000.50", Bleu.tokenize13a("1,000.50"));
        assertEquals("end .", Bleu.tokenize13a("end."));
        assertEquals("x . y", Bleu.tokenize13a("x.y"));
        assertEquals("( a ) [ b ] { c }", Bleu.tokenize13a("(a) [b] {c}"));
        assertEquals("many spaces here", Bleu.tokenize13a("  many   spaces\there  "));
        assertEquals("linebreak", Bleu.tokenize13a("line-\nbreak"));
        assertEquals("gone", Bleu.tokenize13a("<skipped>gone"));
        assertEquals("e-mail : a @ b . c", Bleu.tokenize13a("e-mail: a@b.c"));
        assertEquals("3 . x , 4", Bleu.tokenize13a("3.x ,4"));
        // "&amp;" is unescaped after "&lt;", so "&amp;lt;" stays "&lt;" ... then "&lt;" -> "<"
        assertEquals("<", Bleu.tokenize13a("&amp;lt;"));
        assertEquals("", Bleu.tokenize13a(""));
    }

    // ---------------------------------------------------------------- tricky corpus

    /** 23 segments: punctuation, numbers, entities, case, empty and padded lines, Unicode. */
    private static final List<String> TRICKY_HYPS = List.of(
            "Hello, World!",
            "The price is $3.50, not 3,000.",
            "",
            "Pages 10-20 were missing.",
            "It's a well-known fact.",
            "AT&amp;T &lt;rocks&gt; &quot;hard&quot;",
            "the the the the the",
            "U.S.A. e.g. i.e.",
            "Numbers: 1,234.56 and -7.5% or 3-4",
            "CAPS LOCK IS ON",
            "Mixed Case Words Here",
            "trailing spaces   \t",
            "  leading and  multiple   spaces",
            "\u00DCber caf\u00E9 na\u00EFve fa\u00E7ade \u0130stanbul",
            "line-\nbreak and\nnewline",
            "<skipped> skip this",
            "(parens) [brackets] {braces} ~tilde~ `tick` ^caret^ _under_ |pipe|",
            "email@example.com / path/to/file:80?q=1#frag",
            "repeated repeated repeated words words",
            "\u03A3\u039F\u03A6\u039F\u03A3 \u039F\u0394\u039F\u03A3",
            "non\u00A0breaking\u2009thin space",
            "A sentence ending in a tokenized period .",
            "1.5. 2.5, 3.x ,4 Great \uD83D\uDC4D.");

    private static final List<String> TRICKY_REFS = List.of(
            "Hello world!",
            "The price is $ 3.50 , not 3,000 .",
            "An empty hypothesis .",
            "Pages 10 - 20 were missing.",
            "It is a well-known fact.",
            "AT&T <rocks> \"hard\"",
            "the cat and the dog",
            "U.S.A., e.g., i.e.",
            "numbers: 1,234.56 and -7.5 % or 3 - 4",
            "caps lock is on",
            "mixed case words here",
            "trailing spaces",
            "leading and multiple spaces",
            "\u00FCber Caf\u00E9 naive fa\u00E7ade istanbul",
            "linebreak and newline",
            "skip this",
            "(parens) [brackets] {braces} ~tilde~ `tick` ^caret^ _under_ |pipe|!",
            "email@example.com/path/to/file:80?q=1#frag",
            "repeated words repeated words",
            "\u03C3\u03BF\u03C6\u03BF\u03C2 \u03BF\u03B4\u03BF\u03C2",
            "non breaking thin space",
            "A sentence ending in a tokenized period.",
            "1.5 . 2.5 , 3.x , 4 great \uD83D\uDC4D .");

    @Test
    void trickyCorpusCased() {
        // sacreBLEU
        expect(Bleu.corpus(TRICKY_HYPS, TRICKY_REFS, false), 78.32864686418985,
                new double[] {85.71428571428571, 80.57553956834532, 79.48717948717949, 79.59183673469387},
                0.9634187903760297, 161, 167,
                "BLEU = 78.33 85.7/80.6/79.5/79.6 (BP = 0.963 ratio = 0.964 hyp_len = 161 ref_len = 167)");
    }

    @Test
    void trickyCorpusLowercased() {
        // sacreBLEU, lowercase=True
        expect(Bleu.corpus(TRICKY_HYPS, TRICKY_REFS, true), 85.73939269266059,
                new double[] {95.03105590062111, 89.20863309352518, 86.32478632478633, 85.71428571428571},
                0.9634187903760297, 161, 167,
                "BLEU = 85.74 95.0/89.2/86.3/85.7 (BP = 0.963 ratio = 0.964 hyp_len = 161 ref_len = 167)");
    }

    // ---------------------------------------------------------------- Score

    @Test
    void scoreIsImmutableAndPrintsLikeSacreBleu() {
        double[] p = {50.0, 25.0, 12.5, 6.25};
        Bleu.Score s = new Bleu.Score(10.0, p, 1.0, 4, 4);
        p[0] = 0;
        assertEquals(50.0, s.precisions()[0]);
        s.precisions()[1] = 0;
        assertEquals(25.0, s.precisions()[1]);
        // Python rounds the exact binary value half to even: 0.125 -> "0.12", 6.25 -> "6.2";
        // the line is sacreBLEU's BLEUScore(0.125, ..., [0.0, 25.0, 12.5, 6.25], 0.0625, 0, 0).format()
        Bleu.Score r = new Bleu.Score(0.125, p, 0.0625, 0, 0);
        assertEquals("BLEU = 0.12 0.0/25.0/12.5/6.2 (BP = 0.062 ratio = 0.000 hyp_len = 0 ref_len = 0)",
                r.toString());
        assertNotEquals(s, r);
    }

    @Test
    void fromStatisticsMatchesCorpus() {
        Bleu.Score s = Bleu.fromStatistics(new long[] {5, 3, 1, 0}, new long[] {6, 5, 4, 3}, 6, 6);
        assertEquals(one("the cat sat on the mat", "the cat is on the mat"), s);
    }
}
