package io.seq4j.sentiment;

import io.seq4j.core.data.LabeledTextStream.Row;
import io.seq4j.core.eval.ClassificationEvaluation;
import io.seq4j.core.nn.RecurrentSpec.Cell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lectures' claim, tested: on reviews whose label depends on word order only, a bag of words is
 * at chance by construction and the recurrent classifier is not.
 */
class WordOrderProbeTest {
    private static final List<Row> TRAIN = WordOrderData.generate(1600, 1);
    private static final List<Row> DEV = WordOrderData.generate(200, 2);
    private static final List<Row> TEST = WordOrderData.generate(400, 3);

    @Test
    void bagOfWordsCannotSeparateTheReadingsOfAPair() {
        for (BagOfWordsClassifier.Kind kind : BagOfWordsClassifier.Kind.values()) {
            BagOfWordsClassifier bow = BagOfWordsClassifier.train(TRAIN, kind, 1, true, 7);
            for (int i = 0; i < TEST.size(); i += 2) {
                assertEquals(bow.predict(TEST.get(i).text()), bow.predict(TEST.get(i + 1).text()), TEST.get(i).text());
            }
            assertEquals(0.5, bow.evaluate(TEST).accuracy(), 0.0, kind.name());
        }
    }

    @Test
    void recurrentClassifierLearnsWordOrderAndSurvivesSaveLoad(@TempDir Path dir) throws Exception {
        SentimentConfig config = SentimentConfig.builder().optCell(Cell.GRU).optUnits(24).optEmbedding(16)
                .optMinCount(1).optEpochs(6).optPatience(0).optLearningRate(0.01).optSeed(3).build();
        SentimentModel model = new SentimentTrainer(config, null, null).train(TRAIN, DEV);
        ClassificationEvaluation e = SentimentEvaluator.evaluate(model, TEST);
        assertTrue(e.accuracy() >= 0.95, "word-order test accuracy " + e.accuracy());

        Path file = dir.resolve("m.zip");
        model.save(file);
        SentimentModel loaded = SentimentModel.load(file);
        List<String> texts = TEST.stream().map(Row::text).toList();
        List<SentimentModel.Prediction> a = model.predict(texts), b = loaded.predict(texts);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).label(), b.get(i).label());
            assertEquals(a.get(i).probability(), b.get(i).probability(), 1e-6);
        }
        assertEquals(model.config(), loaded.config());
        assertEquals(e.accuracy(), SentimentEvaluator.evaluate(loaded, TEST).accuracy(), 0.0);
    }
}
