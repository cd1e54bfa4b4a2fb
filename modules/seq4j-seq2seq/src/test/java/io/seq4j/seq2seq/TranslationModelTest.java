package io.seq4j.seq2seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seq4j.core.batch.PairBatcher;
import io.seq4j.core.batch.PairBatcher.EncodedPair;
import io.seq4j.core.bundle.BundleFormatException;
import io.seq4j.core.nn.RecurrentKernels;
import io.seq4j.core.text.Vocabulary;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

class TranslationModelTest {
    private static final List<SentencePair> PAIRS = List.of(
            new SentencePair("a b c", "x y"),
            new SentencePair("b a", "y x z z"),
            new SentencePair("c c b a a", "z"),
            new SentencePair("a", "x x y"));

    /** A small reversal-and-relabel task: source "a b c" -> target "C B A". */
    static List<SentencePair> reversal(int n, long seed) {
        Random r = new Random(seed);
        String[] letters = {"a", "b", "c", "d", "e", "f"};
        List<SentencePair> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = 2 + r.nextInt(5);
            List<String> src = new ArrayList<>(), tgt = new ArrayList<>();
            for (int k = 0; k < len; k++) src.add(letters[r.nextInt(letters.length)]);
            for (int k = len - 1; k >= 0; k--) tgt.add(src.get(k).toUpperCase(java.util.Locale.ROOT));
            out.add(new SentencePair(String.join(" ", src), String.join(" ", tgt)));
        }
        return out;
    }

    private static Seq2SeqConfig small(String cell) {
        return Seq2SeqConfig.defaults().with("units", "6").with("embedding", "5").with("decoderUnits", "7")
                .with("dropout", "0").with("outputDropout", "0").with("minCount", "1").with("cell", cell)
                .with("targetTokenizer", "space").with("sourceTokenizer", "space");
    }

    private static TranslationModel trained;

    @BeforeAll
    static void train() throws Exception {
        Seq2SeqConfig c = Seq2SeqConfig.defaults().with("units", "32").with("embedding", "16").with("decoderUnits", "48")
                .with("dropout", "0").with("outputDropout", "0").with("minCount", "1").with("batchSize", "32")
                .with("learningRate", "0.01").with("epochs", "10").with("patience", "10")
                .with("sourceTokenizer", "space").with("targetTokenizer", "space");
        trained = new Seq2SeqTrainer(c, null, null).train(reversal(800, 1), reversal(100, 2));
    }

    @Test
    void stepDecoderEqualsTheTeacherForcedGraph() {
        for (String cell : List.of("gru", "lstm")) {
            Seq2SeqConfig c = small(cell);
            Seq2SeqCodec codec = Seq2SeqCodec.fit(PAIRS, c);
            ComputationGraph g = Seq2SeqNetwork.build(c, codec.sourceVocabulary().size(), codec.targetVocabulary().size());
            RecurrentKernels.install(g);
            List<EncodedPair> enc = codec.encode(PAIRS, 0);
            MultiDataSet batch = new PairBatcher(8, Vocabulary.BOS, 1).batch(enc);
            g.clearLayerMaskArrays();
            INDArray probs = g.output(false, batch.getFeatures(), batch.getFeaturesMaskArrays(), batch.getLabelsMaskArrays())[0];
            g.clearLayerMaskArrays();

            StepDecoder d = new StepDecoder(g, c);
            d.start(d.encode(enc.stream().map(EncodedPair::source).toList()), new int[]{0, 1, 2, 3});
            int tt = (int) probs.size(2);
            double nats = 0;
            long tokens = 0;
            for (int t = 0; t < tt; t++) {
                int[] prev = new int[enc.size()];
                for (int i = 0; i < prev.length; i++) {
                    int[] y = enc.get(i).target();
                    prev[i] = t == 0 ? Vocabulary.BOS : y[Math.min(t - 1, y.length - 1)];
                }
                StepDecoder.Step s = d.step(prev);
                for (int i = 0; i < prev.length; i++) {
                    int[] y = enc.get(i).target();
                    if (t >= y.length) continue;
                    for (int v = 0; v < probs.size(1); v++) {
                        assertEquals(probs.getDouble(i, v, t), Math.exp(s.logProbs()[i][v]), 1e-4, cell + " pair " + i + " step " + t + " token " + v);
                    }
                    float sum = 0;
                    for (float a : s.attention()[i]) sum += a;
                    assertEquals(1f, sum, 1e-5);
                    for (int j = enc.get(i).source().length; j < s.attention()[i].length; j++) assertEquals(0f, s.attention()[i][j], "padding gets no attention");
                    nats -= s.logProbs()[i][y[t]];
                    tokens++;
                }
            }
            assertEquals(nats / tokens, TranslationModel.loss(g, codec, c, PAIRS), 1e-4, cell + ": loss = mean nats per target token");
        }
    }

    @Test
    void wideBeamFindsTheBestSequenceByBruteForce() {
        Seq2SeqConfig c = small("gru");
        List<SentencePair> pairs = List.of(new SentencePair("a b", "x y"));
        Seq2SeqCodec codec = Seq2SeqCodec.fit(pairs, c);        // target vocabulary: 4 reserved + x, y
        ComputationGraph g = Seq2SeqNetwork.build(c, codec.sourceVocabulary().size(), codec.targetVocabulary().size());
        RecurrentKernels.install(g);
        StepDecoder d = new StepDecoder(g, c);
        int maxLen = 4;
        for (double alpha : new double[]{0, 1}) {
            BeamSearch.Result r = BeamSearch.search(d, d.encode(List.of(codec.source("a b", 0))), 200, alpha, new int[]{maxLen}).get(0);
            double[] best = {Double.NEGATIVE_INFINITY};
            int[][] bestSeq = {null};
            bruteForce(d, codec.source("a b", 0), new ArrayList<>(), 0, maxLen, alpha, best, bestSeq);
            assertArrayEquals(bestSeq[0], r.tokens(), "alpha " + alpha);
        }
    }

    /** Scores every target sequence (EOS-ended up to maxLen tokens, or maxLen tokens without EOS) by re-decoding its prefix. */
    private static void bruteForce(StepDecoder d, int[] src, List<Integer> prefix, double logP, int maxLen, double alpha,
                                   double[] best, int[][] bestSeq) {
        d.start(d.encode(List.of(src)), new int[]{0});
        float[] lp = null;
        for (int t = 0; t <= prefix.size(); t++) {
            lp = d.step(new int[]{t == 0 ? Vocabulary.BOS : prefix.get(t - 1)}).logProbs()[0];
        }
        for (int v = Vocabulary.UNK; v < lp.length; v++) {
            if (v == Vocabulary.BOS) continue;
            double p = logP + lp[v];
            int len = prefix.size() + 1;
            if (v == Vocabulary.EOS || len == maxLen) {
                double score = p / Math.pow(len, alpha);
                if (score > best[0]) {
                    best[0] = score;
                    List<Integer> seq = new ArrayList<>(prefix);
                    if (v != Vocabulary.EOS) seq.add(v);
                    bestSeq[0] = seq.stream().mapToInt(Integer::intValue).toArray();
                }
            } else {
                List<Integer> next = new ArrayList<>(prefix);
                next.add(v);
                bruteForce(d, src, next, p, maxLen, alpha, best, bestSeq);
            }
        }
    }

    @Test
    void learnsToReverseAndBeamIsNoWorseThanGreedy() {
        List<SentencePair> test = reversal(100, 3);
        TranslationModel.Evaluation greedy = trained.evaluate(test, 1);
        TranslationModel.Evaluation beam = trained.evaluate(test, 5);
        assertTrue(greedy.bleu() > 90, "greedy BLEU " + greedy.bleu());
        assertTrue(beam.bleu() > 90, "beam BLEU " + beam.bleu());
        assertTrue(greedy.perplexity() < 1.5, "perplexity " + greedy.perplexity());
        assertEquals(greedy.perplexity(), beam.perplexity(), 1e-9, "perplexity does not depend on decoding");
        Translation t = trained.translate("a b c");
        assertEquals("C B A", t.text());
        assertTrue(t.complete());
        assertEquals(List.of("a", "b", "c"), t.sourceTokens());
        assertEquals(4, t.attention().length, "three tokens and EOS");
        assertEquals(4, t.attention()[0].length, "three source tokens and EOS");
        // reversal: the first target token attends most to the last source token
        float[] first = t.attention()[0];
        assertTrue(first[2] > first[0], "attention of 'C' on 'c' " + first[2] + " vs on 'a' " + first[0]);
    }

    /** 8 threads x 40 single-sentence calls (decoded together in batches) give the one-at-a-time results. */
    @Test
    void concurrentCallersGetTheSingleThreadedTranslations() throws Exception {
        List<String> src = reversal(40, 5).stream().map(SentencePair::source).toList();
        List<Translation> expected = new ArrayList<>();
        for (String s : src) expected.add(trained.translate(List.of(s)).get(0));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < src.size(); i++) order.add(i);
                Collections.shuffle(order, new Random(thread));
                jobs.add(pool.submit(() -> {
                    for (int i : order) {
                        Translation t = trained.translate(src.get(i));
                        assertEquals(expected.get(i).text(), t.text(), src.get(i));
                        // decoded beside other threads' sentences (padding, masks): equal up to float rounding
                        assertEquals(expected.get(i).logProbability(), t.logProbability(), 1e-4, src.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> j : jobs) j.get();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void saveLoadRoundTripTranslatesTheSame(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.zip");
        trained.save(f);
        TranslationModel back = TranslationModel.load(f);
        List<String> src = reversal(20, 4).stream().map(SentencePair::source).toList();
        List<Translation> a = trained.translate(src), b = back.translate(src);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).text(), b.get(i).text());
            assertEquals(a.get(i).logProbability(), b.get(i).logProbability(), 1e-5);
        }
        assertEquals(trained.config(), back.config());
        assertEquals(trained.metrics(), back.metrics());
        assertTrue(assertThrows(BundleFormatException.class, () -> TranslationModel.load(notATranslationModel(dir)))
                .getMessage().contains("not a translation model"));
    }

    private static Path notATranslationModel(Path dir) throws Exception {
        Path f = dir.resolve("other.zip");
        io.seq4j.core.bundle.ModelBundle.builder("lm", trained.network()).build().save(f, false);
        return f;
    }

    @Test
    void settingsRoundTripAndErrors() {
        Seq2SeqConfig d = Seq2SeqConfig.defaults();
        assertEquals(d, Seq2SeqConfig.fromMap(d.toMap()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.with("beam", "0")).getMessage().contains("beam"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.with("nope", "1")).getMessage().contains("unknown setting 'nope'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.with("bidirectional", "maybe")).getMessage().contains("bidirectional"));
    }
}
