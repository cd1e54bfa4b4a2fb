package io.seq4j.sentiment;

import io.seq4j.core.data.InputFormatException;
import io.seq4j.core.data.LabeledTextStream.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BagOfWordsClassifierTest {
    private static final List<Row> TRAIN = List.of(new Row("pos", "good film"), new Row("pos", "good good fun"),
            new Row("neg", "bad film"), new Row("neg", "bad plot"), new Row("pos", "fun plot"));

    /**
     * Features seen in >= 2 documents, unigrams: bad(2), film(2), fun(2), good(2), plot(2).
     * Binary counts per class: pos: good 2, film 1, fun 2, plot 1 (6); neg: bad 2, film 1, plot 1 (4).
     * P(good|pos) = (2+1)/(6+5), P(good|neg) = (0+1)/(4+5); priors 3/5, 2/5.
     * "good" -> log-odds pos:neg = ln(3/5 * 3/11) - ln(2/5 * 1/9).
     */
    @Test
    void naiveBayesMatchesTheHandWorkedNumbers() {
        BagOfWordsClassifier nb = BagOfWordsClassifier.train(TRAIN, BagOfWordsClassifier.Kind.NAIVE_BAYES, 1, true, 1);
        assertEquals(5, nb.featureCount());
        double[] p = nb.probabilities("good unknownword");
        double odds = Math.exp(Math.log(3.0 / 5 * 3.0 / 11) - Math.log(2.0 / 5 * 1.0 / 9));
        int pos = nb.labels().indexOf("pos");
        assertEquals(odds / (1 + odds), p[pos], 1e-12);
        assertEquals("neg", nb.predict("bad plot"));
    }

    @Test
    void logisticRegressionLearnsTheTrainingSetAndBothKindsSurviveSaveLoad(@TempDir Path dir) throws Exception {
        for (BagOfWordsClassifier.Kind kind : BagOfWordsClassifier.Kind.values()) {
            for (int ngrams = 1; ngrams <= 2; ngrams++) {
                BagOfWordsClassifier c = BagOfWordsClassifier.train(TRAIN, kind, ngrams, true, 3);
                if (kind == BagOfWordsClassifier.Kind.LOGISTIC_REGRESSION && ngrams == 1) {
                    assertEquals(1.0, c.evaluate(TRAIN).accuracy(), 0.0);
                }
                Path f = dir.resolve(kind + "-" + ngrams + ".txt");
                c.save(f);
                BagOfWordsClassifier back = BagOfWordsClassifier.load(f);
                assertEquals(c.kind(), back.kind());
                assertEquals(c.ngrams(), back.ngrams());
                for (Row r : TRAIN) assertArrayEquals(c.probabilities(r.text()), back.probabilities(r.text()), 0.0);
            }
        }
        // same seed, same model
        assertArrayEquals(BagOfWordsClassifier.train(TRAIN, BagOfWordsClassifier.Kind.LOGISTIC_REGRESSION, 2, true, 9).probabilities("good plot"),
                BagOfWordsClassifier.train(TRAIN, BagOfWordsClassifier.Kind.LOGISTIC_REGRESSION, 2, true, 9).probabilities("good plot"), 0.0);
    }

    @Test
    void foreignOrTruncatedFilesAreNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.txt");
        BagOfWordsClassifier.train(TRAIN, BagOfWordsClassifier.Kind.NAIVE_BAYES, 2, true, 1).save(f);
        List<String> lines = Files.readAllLines(f);
        Files.write(f, lines.subList(0, lines.size() - 1));
        InputFormatException e = assertThrows(InputFormatException.class, () -> BagOfWordsClassifier.load(f));
        assertTrue(e.getMessage().contains("ends early"), e.getMessage());
        Path other = dir.resolve("other.txt");
        Files.writeString(other, "hello\n");
        e = assertThrows(InputFormatException.class, () -> BagOfWordsClassifier.load(other));
        assertTrue(e.getMessage().startsWith(other + ":1: not a seq4j bag-of-words model"), e.getMessage());
    }
}
