package io.seq4j.sentiment;

import io.seq4j.core.nn.Pooling;
import io.seq4j.core.data.LabeledTextStream.Row;
import io.seq4j.core.nn.RecurrentSpec.Cell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every pooling and cell builds, trains, predicts the same after save/load, and a padded batch predicts like its rows alone. */
class PoolingTest {
    private static final List<Row> TRAIN = WordOrderData.generate(200, 11);

    @Test
    void everyPoolingTrainsAndRoundTrips(@TempDir Path dir) throws Exception {
        List<String> texts = List.of("the phone is great , not awful", "this film is not superb but dull", "the food is good");
        for (Pooling pooling : Pooling.values()) {
            Cell cell = Cell.values()[pooling.ordinal() % Cell.values().length];
            SentimentConfig c = SentimentConfig.builder().optPooling(pooling).optCell(cell).optUnits(6).optEmbedding(5)
                    .optMinCount(1).optEpochs(1).optBatchSize(16).build();
            SentimentModel m = new SentimentTrainer(c, null, null).train(TRAIN, WordOrderData.generate(20, 12));
            Path f = dir.resolve(pooling + ".zip");
            m.save(f);
            SentimentModel back = SentimentModel.load(f);
            List<SentimentModel.Prediction> a = m.predict(texts), b = back.predict(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertEquals(a.get(i).probabilities().get("pos"), b.get(i).probabilities().get("pos"), 1e-6, pooling + " " + i);
                // batched with padding = alone
                assertEquals(m.predict(texts.get(i)).probabilities().get("pos"), a.get(i).probabilities().get("pos"), 1e-5, pooling + " alone " + i);
                double sum = a.get(i).probabilities().values().stream().mapToDouble(Double::doubleValue).sum();
                assertTrue(Math.abs(sum - 1) < 1e-5);
            }
        }
    }
}
