package io.seq4j.ner;

import io.seq4j.embeddings.WordVectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Small taggers trained on NerSampleData: they must learn it, decode spans with offsets, and survive a round trip. */
class NerModelTest {
    static final List<ConllReader.Sentence> TRAIN = NerSampleData.generate(600, 1), DEV = NerSampleData.generate(100, 2),
            TEST = NerSampleData.generate(200, 3);
    static NerModel crf;

    static NerConfig small() {
        return NerConfig.defaults().with("units", "24").with("wordDim", "16").with("charDim", "8").with("filters", "12")
                .with("epochs", "8").with("patience", "0").with("learningRate", "0.01").with("dropout", "0.2");
    }

    @BeforeAll
    static void trainCrf() throws Exception {
        crf = new NerTrainer(small(), null, null).train(TRAIN, DEV);
    }

    @Test
    void crfTaggerLearnsTheSampleAndTheTeddyCase() {
        ConllEval e = crf.evaluate(TEST);
        assertTrue(e.overall().f1() > 0.95, e.report());
        assertEquals(List.of("S-PER"), crf.tag(List.of("Teddy", "Roosevelt", "was", "a", "great", "President", "."))
                .stream().map(x -> x.type().equals("PER") && x.start() == 0 && x.end() == 2 ? "S-PER" : x.toString()).toList());
        assertTrue(crf.tag(List.of("Teddy", "bears", "are", "on", "sale", "in", "Paris", ".")).stream()
                .noneMatch(x -> x.type().equals("PER")), "Teddy bears are not people");
    }

    @Test
    void tagFindsCharacterOffsetsAndConfidence() {
        String text = "Harry Potter and Hermione Granger invented a new spell.";
        List<NerModel.Entity> found = crf.tag(text);
        assertEquals(2, found.size(), found.toString());
        NerModel.Entity harry = found.get(0);
        assertEquals("PER", harry.type());
        assertEquals("Harry Potter", harry.text());
        assertEquals(0, harry.charStart());
        assertEquals(12, harry.charEnd());
        assertEquals("Hermione Granger", text.substring(found.get(1).charStart(), found.get(1).charEnd()));
        assertTrue(harry.confidence() > 0.5 && harry.confidence() <= 1.0, "confidence " + harry.confidence());
        assertEquals(List.of(), crf.tag(""));
    }

    @Test
    void saveLoadRoundTripKeepsEveryPrediction(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ner.zip");
        crf.withMetric("test_f1", 0.5).save(file);
        NerModel back = NerModel.load(file);
        List<List<String>> words = TEST.stream().map(ConllReader.Sentence::words).toList();
        assertEquals(crf.predictTags(words), back.predictTags(words));
        assertEquals(crf.config(), back.config());
        assertEquals(0.5, back.metrics().get("test_f1"));
        assertEquals(crf.network().params(), back.network().params());
    }

    @Test
    void softmaxOutputAndFrozenPretrainedVectors(@TempDir Path dir) throws Exception {
        List<String> vocab = List.of("harry", "potter", "london", "paris", "met", "in");
        float[][] v = new float[vocab.size()][8];
        for (int i = 0; i < v.length; i++) v[i][i] = 1;
        Path vectors = dir.resolve("v.txt");
        WordVectors.of(vocab, v).write(vectors, WordVectors.Format.WORD2VEC_TEXT);
        NerConfig c = small().with("output", "SOFTMAX").with("scheme", "IOB2").with("pretrained", vectors.toString()).with("fineTune", "false");
        NerModel m = new NerTrainer(c, null, null).train(TRAIN, DEV);
        assertEquals(8, m.config().wordDim(), "the vectors' size wins");
        assertTrue(m.evaluate(TEST).overall().f1() > 0.9, m.evaluate(TEST).report());
        int row = m.encoder().encode(List.of("Harry"), null).tokens()[0];
        float[] harry = m.network().getLayer(0).getParam("words").getRow(row).toFloatVector();
        assertEquals(1f, harry[0], 0f, "frozen: the pretrained row of 'harry' is unchanged");
    }
}
