package io.seq4j.lm;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LanguageModelTest {
    private static LanguageModel charModel;
    private static List<String> dev;

    /** Text with structure a small model learns in seconds: counting words in order, one line each. */
    static String countingText(int lines, long seed) {
        String[] words = {"one", "two", "three", "four", "five", "six"};
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            int start = r.nextInt(3), len = 2 + r.nextInt(4);
            for (int w = start; w < Math.min(words.length, start + len); w++) sb.append(w > start ? " " : "").append(words[w]);
            sb.append(".\n");
        }
        return sb.toString();
    }

    @BeforeAll
    static void train() throws Exception {
        LmConfig c = LmConfig.defaults(LmConfig.Level.CHAR).with("units", "48").with("embedding", "16").with("window", "32")
                .with("epochs", "6").with("learningRate", "0.01").with("outputDropout", "0");
        dev = List.of(countingText(40, 2));
        charModel = new LmTrainer(c, null, null).train(List.of(countingText(400, 1)), dev);
    }

    @Test
    void learnsTheTextFarBelowUniform() {
        LanguageModel.Evaluation e = charModel.evaluate(dev);
        double uniform = Math.log(charModel.vocabulary().size());
        assertTrue(e.lossNats() < 0.5 * uniform, "dev loss " + e.lossNats() + " vs uniform " + uniform);
        assertEquals(e.lossNats() / Math.log(2), e.bitsPerToken(), 1e-12);
        assertEquals(charModel.metrics().get("dev_loss_nats"), e.lossNats(), 1e-6);
        assertEquals(e.tokens(), charModel.metrics().get("dev_tokens").longValue());
        // the structure is learned: an ordered line beats the same words shuffled
        assertTrue(charModel.score("two three four.").logProb() > charModel.score("four two three.").logProb() + 2);
    }

    /** 8 threads x 60 single-text scores (scored together in batches, padded) equal the one-at-a-time scores. */
    @Test
    void concurrentScoresEqualTheSingleThreadedOnes() throws Exception {
        List<String> texts = List.of(countingText(60, 9).split("\n"));
        List<Double> expected = new ArrayList<>();
        for (String t : texts) expected.add(charModel.score(List.of(t)).get(0).logProb());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> jobs = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < texts.size(); i++) order.add(i);
                java.util.Collections.shuffle(order, new Random(thread));
                jobs.add(pool.submit(() -> {
                    for (int i : order) assertEquals(expected.get(i), charModel.score(texts.get(i)).logProb(), 1e-4, texts.get(i));
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> j : jobs) j.get();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void scoreEqualsStepByStepProbabilities() {
        String text = "three four five.";
        LanguageModel.Score s = charModel.score(text);
        assertEquals(text.length() + 1, s.tokens());       // the characters and the line break after them
        MultiLayerNetwork net = charModel.network();
        LmCodec codec = new LmCodec(charModel.config(), charModel.vocabulary());
        int[] ids = codec.encode(text);
        net.rnnClearPreviousState();
        double sum = 0;
        int prev = codec.start();
        for (int i = 0; i <= ids.length; i++) {
            INDArray out = net.rnnTimeStep(Nd4j.create(new float[]{prev}, new long[]{1, 1, 1}, 'c'));
            int next = i < ids.length ? ids[i] : codec.end();
            sum += Math.log(out.reshape(out.length()).getDouble(next));
            if (i < ids.length) prev = ids[i];
        }
        net.rnnClearPreviousState();
        assertEquals(sum, s.logProb(), 1e-4);
        assertEquals(-s.logProb() / s.tokens(), s.crossEntropy(), 1e-12);
        assertEquals(Math.exp(s.crossEntropy()), s.perplexity(), 1e-9);
    }

    @Test
    void samplingIsSeededAndFollowsTheText() {
        LanguageModel.Sampling a = new LanguageModel.Sampling("two", 0.5, 0, 7, 200, true);
        String x = charModel.sample(a), y = charModel.sample(a);
        assertEquals(x, y);
        assertNotEquals(x, charModel.sample(new LanguageModel.Sampling("", 1.5, 0, 8, 200, false)));
        assertTrue(x.startsWith(" three"), x);             // "two" is followed by " three" in every line
        assertTrue(!x.contains("\n"), "stopped at the line break: " + x);
        String greedy = charModel.sample(new LanguageModel.Sampling("one two", 1.0, 1, 1, 200, true));
        assertEquals(greedy, charModel.sample(new LanguageModel.Sampling("one two", 1.0, 1, 99, 200, true)), "top-1 is greedy");
    }

    @Test
    void saveLoadRoundTrip(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("lm.zip");
        charModel.save(f);
        LanguageModel back = LanguageModel.load(f);
        assertEquals(charModel.vocabulary(), back.vocabulary());
        assertEquals(charModel.config(), back.config());
        assertEquals(charModel.score("one two three.").logProb(), back.score("one two three.").logProb(), 1e-6);
        LanguageModel.Sampling s = new LanguageModel.Sampling("one", 0.8, 5, 3, 100, true);
        assertEquals(charModel.sample(s), back.sample(s));
    }

    @Test
    void drawHonoursTopKAndTemperature() {
        float[] p = {0f, 0f, 0f, 0.1f, 0.2f, 0.3f, 0.4f};      // PAD, UNK, BOS never drawn
        Random r = new Random(1);
        for (int i = 0; i < 200; i++) {
            int k2 = LanguageModel.draw(p, 1.0, 2, r);
            assertTrue(k2 == 5 || k2 == 6, "top-2 drew " + k2);
            assertEquals(6, LanguageModel.draw(p, 1e-3, 0, r), "near-zero temperature is greedy");
        }
        int[] counts = new int[7];
        for (int i = 0; i < 20_000; i++) counts[LanguageModel.draw(p, 1.0, 0, r)]++;
        assertEquals(0.4, counts[6] / 20_000.0, 0.015);
        assertEquals(0.1, counts[3] / 20_000.0, 0.01);
        List<Integer> none = new ArrayList<>();
        for (int i = 0; i < 3; i++) if (counts[i] > 0) none.add(i);
        assertTrue(none.isEmpty());
    }
}
