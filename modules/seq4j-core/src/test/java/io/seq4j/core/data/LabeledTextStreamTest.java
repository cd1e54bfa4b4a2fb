package io.seq4j.core.data;

import io.seq4j.core.text.LabelSet;
import io.seq4j.core.text.Vocabulary;
import io.seq4j.core.text.WordTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LabeledTextStreamTest {
    static final Vocabulary VOCAB = Vocabulary.of(List.of("good", "bad", "movie"));
    static final LabelSet LABELS = LabelSet.of(List.of("neg", "pos"));

    static LabeledTextStream open(Path f) throws Exception {
        return new LabeledTextStream(f, new WordTokenizer(true), VOCAB, LABELS);
    }

    @Test
    void readsRowsSkipsCommentsAndBlanksAndResets(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("d.tsv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write("# comment\npos\tGood movie!\n\nneg\tbad\n".getBytes(StandardCharsets.UTF_8));
        }
        try (LabeledTextStream s = open(f)) {
            LabeledSequence a = s.read();
            assertArrayEquals(new int[]{4, 6, Vocabulary.UNK}, a.tokens());   // "!" is unknown
            assertEquals(1, a.label());
            assertEquals(0, s.read().label());
            assertNull(s.read());
            s.reset();
            assertEquals(1, s.read().label());
        }
    }

    @Test
    void badRowsNameFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.tsv");
        Files.writeString(f, "pos\tgood\nneutral\tmeh\n");
        try (LabeledTextStream s = open(f)) {
            s.read();
            InputFormatException e = assertThrows(InputFormatException.class, s::read);
            assertEquals(f + ":2: unknown label 'neutral' (known: [neg, pos])", e.getMessage());
        }
        Files.writeString(f, "pos good\n");
        try (LabeledTextStream s = open(f)) {
            assertEquals(f + ":1: expected 'label<TAB>text', found no tab", assertThrows(InputFormatException.class, s::read).getMessage());
        }
        Files.write(f, new byte[]{'p', 'o', 's', '\t', (byte) 0xff, '\n'});
        try (LabeledTextStream s = open(f)) {
            assertEquals(f + ":1: not valid UTF-8 text", assertThrows(InputFormatException.class, s::read).getMessage());
        }
        assertEquals(dir.resolve("none.tsv") + ": no such file",
                assertThrows(InputFormatException.class, () -> open(dir.resolve("none.tsv"))).getMessage());
    }
}
