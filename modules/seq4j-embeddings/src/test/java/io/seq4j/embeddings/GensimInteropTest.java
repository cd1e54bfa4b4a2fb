package io.seq4j.embeddings;

import io.seq4j.embeddings.word2vec.AnalogyCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Files written by gensim 4 read here, and files written here read by gensim, when
 * /usr/bin/python3 has gensim (Debian python3-gensim); skipped otherwise (WordVectorsTest covers
 * gensim's layouts with hand-made fixtures).
 */
class GensimInteropTest {
    private static boolean gensim() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import gensim").redirectErrorStream(true).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void readsWhatGensimWritesAndGensimReadsWhatSeq4jWrites(@TempDir Path dir) throws Exception {
        assumeTrue(gensim(), "python3-gensim not installed");
        Path corpus = dir.resolve("corpus.txt");
        Files.write(corpus, AnalogyCorpus.generate(300, 3));
        WordVectors mine = WordVectors.of(List.of("king", "queen", "über"), new float[][]{{0.5f, -1.25f, 3}, {1, 2, 3}, {-0.125f, 0, 7}});
        mine.write(dir.resolve("mine.bin"), WordVectors.Format.WORD2VEC_BINARY);
        mine.write(dir.resolve("mine.txt"), WordVectors.Format.WORD2VEC_TEXT);
        Path script = Path.of(getClass().getResource("/gensim_interop.py").toURI());
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), corpus.toString(), dir.resolve("g.bin").toString(),
                dir.resolve("g.txt").toString(), dir.resolve("mine.bin").toString(), dir.resolve("mine.txt").toString())
                .redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        String expected = String.format(Locale.ROOT, "3 king 0.500000 -1.250000 3.000000%n").repeat(2);
        assertEquals(expected, out);

        WordVectors bin = WordVectors.read(dir.resolve("g.bin"));
        WordVectors txt = WordVectors.read(dir.resolve("g.txt"));
        assertEquals(WordVectors.Format.WORD2VEC_BINARY, WordVectors.detect(dir.resolve("g.bin")));
        assertEquals(16, bin.dim());
        assertEquals(bin.words(), txt.words());
        assertEquals("the", bin.words().get(0), "gensim writes the most frequent word first");
        for (String w : bin.words()) assertArrayEquals(bin.vector(w), txt.vector(w), 1e-6f, w);
    }
}
