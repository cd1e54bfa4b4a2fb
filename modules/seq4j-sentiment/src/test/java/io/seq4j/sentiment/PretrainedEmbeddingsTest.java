package io.seq4j.sentiment;

import io.seq4j.core.data.LabeledTextStream.Row;
import io.seq4j.core.nn.RecurrentSpec.Cell;
import io.seq4j.embeddings.WordVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Transfer: vectors from a word2vec file start the embedding layer, frozen or fine-tuned. */
class PretrainedEmbeddingsTest {
    private static final List<Row> TRAIN = WordOrderData.generate(120, 21);

    @Test
    void vectorsAreLoadedAndFrozenOrFineTuned(@TempDir Path dir) throws Exception {
        List<String> words = List.of("great", "awful", "not", "the");
        Random rnd = new Random(1);
        float[][] v = new float[words.size()][6];
        for (float[] row : v) for (int d = 0; d < 6; d++) row[d] = rnd.nextFloat() - 0.5f;
        Path file = dir.resolve("vectors.bin");
        WordVectors.of(words, v).write(file, WordVectors.Format.WORD2VEC_BINARY);
        for (boolean fineTune : new boolean[]{false, true}) {
            SentimentConfig c = SentimentConfig.builder().optPretrained(file).optFineTune(fineTune).optCell(Cell.GRU)
                    .optUnits(4).optMinCount(1).optEpochs(1).optBatchSize(8).build();
            SentimentModel m = new SentimentTrainer(c, null, null).train(TRAIN, WordOrderData.generate(10, 22));
            assertEquals(6, m.config().embedding());
            INDArray emb = m.network().getLayer(0).getParam("W");
            List<Float> changed = new ArrayList<>();
            for (int i = 0; i < words.size(); i++) {
                float[] row = emb.getRow(m.vocabulary().indexOf(words.get(i))).toFloatVector();
                if (fineTune) {
                    if (!java.util.Arrays.equals(row, v[i])) changed.add(1f);
                } else {
                    assertArrayEquals(v[i], row, 0f, words.get(i) + " must stay as loaded when frozen");
                }
            }
            if (fineTune) assertFalse(changed.isEmpty(), "fine-tuning must move the loaded vectors");
        }
    }
}
