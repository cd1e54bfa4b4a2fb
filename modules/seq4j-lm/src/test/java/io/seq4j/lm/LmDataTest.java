package io.seq4j.lm;

import io.seq4j.core.batch.EpochSource;
import io.seq4j.core.data.InputFormatException;
import io.seq4j.core.data.TaggedSequence;
import io.seq4j.core.text.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LmDataTest {
    private static final LmConfig CHAR = LmConfig.defaults(LmConfig.Level.CHAR);
    private static final LmConfig WORD = LmConfig.defaults(LmConfig.Level.WORD).with("minCount", "1").with("tokenizer", "space");

    @Test
    void windowsPredictTheNextTokenAndCoverTheStream() {
        int[] stream = {10, 11, 12, 13, 14, 15, 16};
        List<TaggedSequence> w = LmSamples.windows(stream, 3, 0);
        assertEquals(2, w.size());
        assertArrayEquals(new int[]{10, 11, 12}, w.get(0).tokens());
        assertArrayEquals(new int[]{11, 12, 13}, w.get(0).tags());
        assertArrayEquals(new int[]{13, 14, 15}, w.get(1).tokens());
        assertArrayEquals(new int[]{14, 15, 16}, w.get(1).tags());
        List<TaggedSequence> shifted = LmSamples.windows(stream, 3, 2);
        assertArrayEquals(new int[]{12, 13, 14}, shifted.get(0).tokens());
        assertArrayEquals(new int[]{15}, shifted.get(1).tokens());          // the shorter last window
        assertArrayEquals(new int[]{16}, shifted.get(1).tags());
    }

    @Test
    void sequencesAreBoundedByStartAndEnd() {
        TaggedSequence s = LmSamples.sequences(List.<int[]>of(new int[]{7, 8}), 10).get(0);
        assertArrayEquals(new int[]{Vocabulary.BOS, 7, 8}, s.tokens());
        assertArrayEquals(new int[]{7, 8, Vocabulary.EOS}, s.tags());
        TaggedSequence cut = LmSamples.sequences(List.<int[]>of(new int[]{7, 8, 9, 10}), 3).get(0);
        assertArrayEquals(new int[]{Vocabulary.BOS, 7, 8}, cut.tokens());
        assertArrayEquals(new int[]{7, 8, 9}, cut.tags());
    }

    @Test
    void streamEpochsAreDeterministicAndMoveTheirWindows() {
        int[] stream = new int[1000];
        for (int i = 0; i < stream.length; i++) stream[i] = 4 + i % 50;
        var batcher = LanguageModel.batcher(CHAR.with("batchSize", "4"), 60);
        EpochSource e = LmSamples.streamEpochs(stream, 16, batcher, 42);
        assertEquals(first(e.epoch(3)), first(e.epoch(3)));
        assertNotEquals(first(e.epoch(1)).getFeatures(), first(e.epoch(2)).getFeatures());
        int batches = 0;
        for (Iterator<DataSet> it = e.epoch(0); it.hasNext(); it.next()) batches++;
        assertEquals(e.batchesPerEpoch(), batches);
    }

    private static DataSet first(Iterator<DataSet> it) {
        return it.next();
    }

    @Test
    void charCodecKeepsWhiteSpaceAndRoundTripsTheVocabulary() throws Exception {
        Vocabulary v = LmCodec.vocabulary(List.of("to be,\nor not\t\\ to be\n"), CHAR);
        assertTrue(v.contains("\n") && v.contains(" ") && v.contains("\t") && v.contains("\\"));
        LmCodec c = new LmCodec(CHAR, v);
        assertEquals("or not", c.decode(c.encode("or not")));
        assertEquals(v.indexOf("\n"), c.start());
        assertEquals(v.indexOf("\n"), c.end());
        String text = v.toEscapedText();
        assertEquals(v.size(), text.split("\n").length, "one escaped token per line");
        assertEquals(v, Vocabulary.readEscaped(text, "vocab.txt"));
        assertTrue(assertThrows(InputFormatException.class, () -> Vocabulary.readEscaped("<pad>\n<unk>\n", "x!vocab.txt"))
                .getMessage().startsWith("x!vocab.txt:"));
    }

    @Test
    void wordTextEndsEveryLineWithEos() {
        Vocabulary v = LmCodec.vocabulary(List.of("a b\nb c\n"), WORD);
        LmCodec c = new LmCodec(WORD, v);
        int[] ids = c.encodeDocument("a b\n\nb c\n");
        assertArrayEquals(new int[]{v.indexOf("a"), v.indexOf("b"), Vocabulary.EOS, v.indexOf("b"), v.indexOf("c"), Vocabulary.EOS}, ids);
        assertEquals("a b\nb c\n", c.decode(ids));
        assertEquals(Vocabulary.EOS, c.start());
        assertEquals(Vocabulary.UNK, c.encode("zebra")[0]);
        LmCodec lines = new LmCodec(WORD.with("samples", "lines"), v);
        assertEquals(Vocabulary.BOS, lines.start());
        assertEquals(Vocabulary.EOS, lines.end());
    }

    @Test
    void documentsPerModeAndHeldOutSplits(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.txt");
        Files.writeString(f, "first line\n\nsecond line\n");
        assertEquals(List.of("first line\n\nsecond line\n"), LmDocuments.read(f, LmConfig.Samples.TEXT));
        assertEquals(List.of("first line", "second line"), LmDocuments.read(f, LmConfig.Samples.LINES));
        Files.writeString(dir.resolve("tunes.abc"), "X:1\nK:G\nab|\nX:2\nK:D\ncd|\n");
        assertEquals(2, LmDocuments.read(dir.resolve("tunes.abc"), LmConfig.Samples.ABC).size());
        assertEquals("no ABC tunes (a tune starts with an 'X:' line)", message(() -> LmDocuments.read(f, LmConfig.Samples.ABC), f));
        assertEquals("no such file or directory", message(() -> LmDocuments.read(dir.resolve("nope"), LmConfig.Samples.TEXT), dir.resolve("nope")));
        Files.write(dir.resolve("bad.txt"), new byte[]{'o', 'k', '\n', (byte) 0xC3, '(', '\n'});
        assertTrue(assertThrows(InputFormatException.class, () -> LmDocuments.read(dir.resolve("bad.txt"), LmConfig.Samples.TEXT))
                .getMessage().endsWith("bad.txt:2: not valid UTF-8 text"));

        LmDocuments.Split s = LmDocuments.holdOut(List.of("0123456789"), 0.1, LmConfig.Samples.TEXT, 1);
        assertEquals(List.of("012345678"), s.train());
        assertEquals(List.of("9"), s.heldOut());
        LmDocuments.Split seq = LmDocuments.holdOut(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), 0.2, LmConfig.Samples.LINES, 1);
        assertEquals(8, seq.train().size());
        assertEquals(2, seq.heldOut().size());
        assertTrue(seq.train().stream().noneMatch(seq.heldOut()::contains));
    }

    private static String message(org.junit.jupiter.api.function.Executable e, Path p) {
        String m = assertThrows(InputFormatException.class, e).getMessage();
        assertTrue(m.startsWith(p.toString() + ": "), m);
        return m.substring(p.toString().length() + 2);
    }

    @Test
    void settingsRoundTripAndBadValuesNameTheKey() {
        assertEquals(CHAR, LmConfig.fromMap(CHAR.toMap()));
        assertEquals(LmConfig.Samples.ABC, CHAR.with("samples", "abc").samples());
        assertEquals("cell: 'cnn' is not lstm, gru or rnn", assertThrows(IllegalArgumentException.class, () -> CHAR.with("cell", "cnn")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CHAR.with("colour", "red")).getMessage().startsWith("unknown setting 'colour'"));
        assertEquals("window must be at least 2, got 1", assertThrows(IllegalArgumentException.class, () -> CHAR.with("window", "1")).getMessage());
    }

    @Test
    void shippedSampleIsTheGeneratorsOutput() throws Exception {
        assertEquals(LmSampleData.sentences(3000, 7), Files.readAllLines(Path.of("../../data/lm/sample.txt")));
    }
}
