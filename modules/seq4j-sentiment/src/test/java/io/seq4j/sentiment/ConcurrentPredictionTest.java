package io.seq4j.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.seq4j.core.data.LabeledTextStream.Row;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** 8 threads x 400 predictions on one model give exactly what one thread gets, one text at a time. */
class ConcurrentPredictionTest {
    @Test
    void concurrentCallersGetTheSingleThreadedResults() throws Exception {
        SentimentConfig c = SentimentConfig.builder().optUnits(8).optEmbedding(8).optMinCount(1).optEpochs(1).optBatchSize(16).build();
        SentimentModel m = new SentimentTrainer(c, null, null).train(WordOrderData.generate(200, 1), WordOrderData.generate(20, 2));
        List<String> texts = WordOrderData.generate(400, 3).stream().map(Row::text).toList();
        List<SentimentModel.Prediction> expected = new ArrayList<>();
        for (String t : texts) expected.add(m.predict(t));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < texts.size(); i++) order.add(i);
                Collections.shuffle(order, new Random(thread));
                jobs.add(pool.submit(() -> {
                    for (int i : order) {
                        SentimentModel.Prediction p = m.predict(texts.get(i));
                        assertEquals(expected.get(i).label(), p.label(), texts.get(i));
                        // batched with other threads' texts (padding, masks): equal up to float rounding
                        assertEquals(expected.get(i).probability(), p.probability(), 1e-5, texts.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> j : jobs) j.get();
        } finally {
            pool.shutdownNow();
        }
    }
}
