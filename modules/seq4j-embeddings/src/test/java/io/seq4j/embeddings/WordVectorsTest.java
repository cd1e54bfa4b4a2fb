package io.seq4j.embeddings;

import io.seq4j.core.data.InputFormatException;
import io.seq4j.core.text.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WordVectorsTest {
    private static final WordVectors V = WordVectors.of(List.of("king", "queen", "Zürich"),
            new float[][]{{0.5f, -1.25f, 3f}, {0.25f, 2f, -0.125f}, {1e-3f, 7f, -2.5f}});

    @Test
    void roundTripsInEveryFormatAndDetectsIt(@TempDir Path dir) throws Exception {
        for (WordVectors.Format f : WordVectors.Format.values()) {
            Path file = dir.resolve("v-" + f);
            V.write(file, f);
            assertEquals(f, WordVectors.detect(file), f.name());
            WordVectors back = WordVectors.read(file);
            assertEquals(V.words(), back.words());
            for (String w : V.words()) assertArrayEquals(V.vector(w), back.vector(w), f + " " + w);
        }
    }

    /** The binary layout gensim 4 writes: header, then word, space, float32 LE, no newline between records. */
    @Test
    void readsGensimStyleBinaryWithoutNewlines(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("2 2\n".getBytes(StandardCharsets.UTF_8));
        for (Object[] r : new Object[][]{{"a", new float[]{1f, 2f}}, {"b", new float[]{-3f, 0.5f}}}) {
            out.write(((String) r[0] + " ").getBytes(StandardCharsets.UTF_8));
            ByteBuffer bb = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : (float[]) r[1]) bb.putFloat(v);
            out.write(bb.array());
        }
        Path file = dir.resolve("g.bin");
        Files.write(file, out.toByteArray());
        WordVectors v = WordVectors.read(file);
        assertArrayEquals(new float[]{-3f, 0.5f}, v.vector("b"));
        assertNull(v.vector("c"));
    }

    @Test
    void malformedFilesNameFileAndLine(@TempDir Path dir) throws Exception {
        Path ragged = dir.resolve("ragged.txt");
        Files.writeString(ragged, "a 1 2 3\nb 1 2\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> WordVectors.read(ragged));
        assertTrue(e.getMessage().startsWith(ragged + ":2: expected a word and 3 values, found 2"), e.getMessage());

        Path nan = dir.resolve("nan.txt");
        Files.writeString(nan, "2 2\na 1 2\nb 1 x\n");
        e = assertThrows(InputFormatException.class, () -> WordVectors.read(nan));
        assertTrue(e.getMessage().startsWith(nan + ":3: value 2 of 'b' is not a number"), e.getMessage());

        Path count = dir.resolve("count.txt");
        Files.writeString(count, "3 2\na 1 2\nb 1 2\n");
        e = assertThrows(InputFormatException.class, () -> WordVectors.read(count));
        assertTrue(e.getMessage().contains("header announces 3 words, the file holds 2"), e.getMessage());

        Path dup = dir.resolve("dup.txt");
        Files.writeString(dup, "a 1 2\na 3 4\n");
        e = assertThrows(InputFormatException.class, () -> WordVectors.read(dup));
        assertTrue(e.getMessage().contains("duplicate word 'a'"), e.getMessage());

        Path cut = dir.resolve("cut.bin");
        V.write(cut, WordVectors.Format.WORD2VEC_BINARY);
        byte[] all = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(all, all.length - 6));
        e = assertThrows(InputFormatException.class, () -> WordVectors.read(cut));
        assertTrue(e.getMessage().contains("ends inside the vector of word 3"), e.getMessage());
    }

    @Test
    void lookupFillsKnownRowsFallsBackToLowerCaseAndKeepsPadZero() {
        Vocabulary vocab = Vocabulary.of(List.of("queen", "KING", "unseen"));
        WordVectors.Lookup l = V.lookup(vocab, 1);
        assertEquals(2, l.found());
        assertEquals(vocab.size(), l.rows());
        float[] m = l.matrix();
        int q = vocab.indexOf("queen"), k = vocab.indexOf("KING"), u = vocab.indexOf("unseen");
        assertArrayEquals(V.vector("queen"), java.util.Arrays.copyOfRange(m, q * 3, q * 3 + 3));
        assertArrayEquals(V.vector("king"), java.util.Arrays.copyOfRange(m, k * 3, k * 3 + 3));
        assertArrayEquals(new float[3], java.util.Arrays.copyOfRange(m, 0, 3));
        for (int d = 0; d < 3; d++) assertTrue(m[u * 3 + d] != 0 && Math.abs(m[u * 3 + d]) <= 2.0f);
    }
}
