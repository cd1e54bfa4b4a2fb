package io.seq4j.lm;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Word-level models on the project's sample: the lectures' "pear salad" example, in both sample modes. */
class WordModelTest {
    private static final LmConfig SMALL = LmConfig.defaults(LmConfig.Level.WORD).with("tokenizer", "space").with("minCount", "1")
            .with("units", "48").with("embedding", "24").with("epochs", "4").with("learningRate", "0.01").with("outputDropout", "0");

    @Test
    void textModelPrefersPearSalad() throws Exception {
        LanguageModel m = new LmTrainer(SMALL.with("window", "20"), null, null)
                .train(List.of(String.join("\n", LmSampleData.sentences(1500, 7)) + "\n"), List.of(String.join("\n", LmSampleData.sentences(100, 8)) + "\n"));
        List<LanguageModel.Score> s = m.score(List.of("we made an apple and pear salad for lunch .", "we made an apple and pair salad for lunch ."));
        assertTrue(s.get(0).logProb() > s.get(1).logProb() + 3, s.toString());
        assertEquals(11, s.get(0).tokens());              // ten words and the end of the line
        assertTrue(m.evaluate(List.of(String.join("\n", LmSampleData.sentences(100, 9)) + "\n")).perplexity() < 8);
    }

    @Test
    void sequenceModelGeneratesWholeSentences() throws Exception {
        LmConfig c = SMALL.with("samples", "lines");
        LanguageModel m = new LmTrainer(c, null, null).train(LmSampleData.sentences(1500, 7), LmSampleData.sentences(100, 8));
        assertTrue(m.score("the pear was ripe .").logProb() > m.score("the pair was ripe .").logProb() + 3);
        for (long seed = 1; seed <= 5; seed++) {
            String s = m.sample(new LanguageModel.Sampling("", 0.7, 0, seed, 50, true));
            assertTrue(s.endsWith(" ."), "a sentence ends at </s> after its full stop: '" + s + "'");
        }
        String primed = m.sample(new LanguageModel.Sampling("she bought a pair", 0.5, 0, 3, 50, true));
        assertTrue(primed.startsWith("of "), primed);
    }
}
