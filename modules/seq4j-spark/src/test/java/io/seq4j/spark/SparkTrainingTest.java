package io.seq4j.spark;

import io.seq4j.core.data.LabeledTextStream.Row;
import io.seq4j.ner.ConllEval;
import io.seq4j.ner.NerConfig;
import io.seq4j.ner.NerModel;
import io.seq4j.ner.NerSampleData;
import io.seq4j.ner.NerTrainer;
import io.seq4j.sentiment.SentimentConfig;
import io.seq4j.sentiment.SentimentModel;
import io.seq4j.sentiment.SentimentTrainer;
import io.seq4j.sentiment.WordOrderData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real Spark local[2] trainings (two executor threads, DL4J parameter averaging) of a sentiment model
 * on the word-order reviews, which a bag of words cannot separate, and of a CRF tagger on the NER
 * sample: each bundle loads like a single-machine one and predicts held-out data far above chance.
 */
class SparkTrainingTest {
    @Test
    void trainsANerTaggerOnLocalSparkIntoAnOrdinaryBundle(@TempDir Path dir) throws Exception {
        NerConfig c = NerConfig.defaults().with("units", "24").with("wordDim", "16").with("charDim", "8").with("filters", "12")
                .with("epochs", "8").with("patience", "0").with("learningRate", "0.01").with("dropout", "0.2");
        NerModel trained;
        try (SparkEpochEngine spark = SparkEpochEngine.start(new SparkSettings("local[2]", dir.resolve("scratch"), 4, 2, 42))) {
            trained = new NerTrainer(c, null, null).withEngine(spark).train(NerSampleData.generate(600, 1), NerSampleData.generate(100, 2));
        }
        Path bundle = dir.resolve("ner.zip");
        trained.save(bundle);
        ConllEval e = NerModel.load(bundle).evaluate(NerSampleData.generate(200, 3));
        assertTrue(e.overall().f1() > 0.8, "held-out entity F1 of the Spark-trained tagger\n" + e.report());
    }

    @Test
    void trainsASentimentModelOnLocalSparkIntoAnOrdinaryBundle(@TempDir Path dir) throws Exception {
        List<Row> train = WordOrderData.generate(800, 1), dev = WordOrderData.generate(100, 2), test = WordOrderData.generate(200, 3);
        SentimentConfig c = SentimentConfig.builder().optUnits(24).optEmbedding(16).optMinCount(1).optEpochs(8)
                .optBatchSize(16).optLearningRate(0.01).build();
        SentimentModel trained;
        try (SparkEpochEngine spark = SparkEpochEngine.start(new SparkSettings("local[2]", dir.resolve("scratch"), 4, 2, 42))) {
            assertEquals("local[2]", spark.master());
            trained = new SentimentTrainer(c, null, null).withEngine(spark).train(train, dev);
        }
        Path bundle = dir.resolve("spark.zip");
        trained.save(bundle);
        SentimentModel loaded = SentimentModel.load(bundle);
        int right = 0;
        for (Row r : test) {
            SentimentModel.Prediction p = loaded.predict(r.text());
            if (p.label().equals(r.label())) right++;
            assertEquals(trained.predict(r.text()).probability(), p.probability(), 1e-6, r.text());
        }
        double accuracy = right / (double) test.size();
        assertTrue(accuracy > 0.8, "held-out accuracy of the Spark-trained model " + accuracy + " (chance 0.5)");
    }
}
