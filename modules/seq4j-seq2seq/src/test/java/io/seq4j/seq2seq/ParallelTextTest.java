package io.seq4j.seq2seq;

import io.seq4j.core.data.InputFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParallelTextTest {
    private static void gzip(Path f, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String error(Path prefix, String src, String tgt) {
        return assertThrows(InputFormatException.class, () -> ParallelText.read(prefix, src, tgt)).getMessage();
    }

    private static String tsvError(Path file) {
        return assertThrows(InputFormatException.class, () -> ParallelText.readTsv(file)).getMessage();
    }

    @Test
    void readsAlignedFilesTrimmedSkippingLinesBlankOnBothSides(@TempDir Path dir) throws Exception {
        Path prefix = dir.resolve("train.lc.norm.tok");
        Files.writeString(dir.resolve("train.lc.norm.tok.de"), "  ein hund läuft .\r\n\n \t\nzwei männer .\n");
        Files.writeString(dir.resolve("train.lc.norm.tok.en"), "a dog runs .  \r\n  \n\n\ttwo men .");
        assertEquals(List.of(new SentencePair("ein hund läuft .", "a dog runs ."), new SentencePair("zwei männer .", "two men .")),
                ParallelText.read(prefix, "de", "en"));
        assertEquals(List.of(new SentencePair("a dog runs .", "ein hund läuft ."), new SentencePair("two men .", "zwei männer .")),
                ParallelText.read(prefix, "en", "de"));
    }

    @Test
    void readsGzipWhenOnlyTheGzipExists(@TempDir Path dir) throws Exception {
        gzip(dir.resolve("val.de.gz"), "hallo\nwelt\n");
        Files.writeString(dir.resolve("val.en"), "hello\nworld\n");
        assertEquals(List.of(new SentencePair("hallo", "hello"), new SentencePair("welt", "world")),
                ParallelText.read(dir.resolve("val"), "de", "en"));
        Files.writeString(dir.resolve("val.de"), "servus\nerde\n");     // the plain file wins over its .gz
        assertEquals("servus", ParallelText.read(dir.resolve("val"), "de", "en").get(0).source());
    }

    @Test
    void aMissingFileSaysWhatIsRead(@TempDir Path dir) throws Exception {
        Path prefix = dir.resolve("train");
        Files.writeString(dir.resolve("train.de"), "hallo\n");
        assertEquals(dir.resolve("train.en") + ": no such file (nor train.en.gz): --data " + prefix + " --src de --tgt en reads "
                + prefix + ".de and " + prefix + ".en", error(prefix, "de", "en"));
        Files.writeString(dir.resolve("train.en"), "hello\n");
        assertTrue(error(dir.resolve("train.de"), "de", "en")
                .startsWith(dir.resolve("train.de.de") + ": no such file (nor train.de.de.gz): --data " + prefix + ".de --src de"));
        assertTrue(error(dir.resolve("train.de"), "de", "en").endsWith("(give the prefix without its language suffix)"));
    }

    @Test
    void differentLineCountsNameBothFilesAndWhereOneEnds(@TempDir Path dir) throws Exception {
        Path prefix = dir.resolve("t");
        Files.writeString(dir.resolve("t.de"), "a\nb\nc\nd\n");
        Files.writeString(dir.resolve("t.en"), "A\nB\n");
        assertEquals(dir.resolve("t.de") + ":3: " + dir.resolve("t.en") + " ends after 2 lines but this file has 4;"
                + " aligned files must have the same number of lines, line i of one the translation of line i of the other",
                error(prefix, "de", "en"));
        assertTrue(error(prefix, "en", "de").startsWith(dir.resolve("t.de") + ":3: " + dir.resolve("t.en") + " ends after 2 lines"));
    }

    @Test
    void aSentenceEmptyOnOneSideOnlyIsAnError(@TempDir Path dir) throws Exception {
        Path prefix = dir.resolve("t");
        Files.writeString(dir.resolve("t.de"), "a\n  \nc\n");
        Files.writeString(dir.resolve("t.en"), "A\nB\nC\n");
        assertEquals(dir.resolve("t.de") + ":2: empty source sentence (line 2 of " + dir.resolve("t.en") + " is not empty)",
                error(prefix, "de", "en"));
        assertEquals(dir.resolve("t.de") + ":2: empty target sentence (line 2 of " + dir.resolve("t.en") + " is not empty)",
                error(prefix, "en", "de"));
    }

    @Test
    void noPairsAndBadUtf8AreErrors(@TempDir Path dir) throws Exception {
        Path prefix = dir.resolve("t");
        Files.writeString(dir.resolve("t.de"), "\n \n");
        Files.writeString(dir.resolve("t.en"), "\n\t\n");
        assertEquals(dir.resolve("t.de") + " and " + dir.resolve("t.en") + ": no sentence pairs", error(prefix, "de", "en"));
        Files.writeString(dir.resolve("t.de"), "");
        Files.writeString(dir.resolve("t.en"), "");
        assertEquals(dir.resolve("t.de") + " and " + dir.resolve("t.en") + ": no sentence pairs", error(prefix, "de", "en"));
        Files.writeString(dir.resolve("t.de"), "a\nb\n");
        Files.write(dir.resolve("t.en"), new byte[]{'A', '\n', 'B', (byte) 0xc3, '\n'});
        assertEquals(dir.resolve("t.en") + ":2: not valid UTF-8 text", error(prefix, "de", "en"));
    }

    @Test
    void readsTatoebaTsvIgnoringExtraColumnsAndBlankLines(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("fra.txt.gz");
        gzip(f, "Go.\tVa !\tCC-BY 2.0 (France) Attribution: tatoeba.org #2877272 (CM) & #1158250 (Wittydev)\n\n"
                + " Hi. \tSalut !\tCC-BY 2.0 (France) Attribution: tatoeba.org #538123 (CM) & #509819 (Aiji)\r\n");
        List<SentencePair> enFr = ParallelText.readTsv(f);
        assertEquals(List.of(new SentencePair("Go.", "Va !"), new SentencePair("Hi.", "Salut !")), enFr);
        assertEquals(List.of(new SentencePair("Va !", "Go."), new SentencePair("Salut !", "Hi.")), ParallelText.reversed(enFr));
        assertEquals(ParallelText.reversed(enFr), ParallelText.readTsv(f, 1, 0));
        assertEquals(new SentencePair("Va !", "CC-BY 2.0 (France) Attribution: tatoeba.org #2877272 (CM) & #1158250 (Wittydev)"),
                ParallelText.readTsv(f, 1, 2).get(0));
    }

    @Test
    void badTsvLinesNameFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("pairs.tsv");
        Files.writeString(f, "Go.\tVa !\nHi. Salut !\n");
        assertEquals(f + ":2: found 1 column, expected at least 2 separated by tabs (source in column 0, target in column 1,"
                + " counting from 0)", tsvError(f));
        assertEquals(f + ":1: found 2 columns, expected at least 3 separated by tabs (source in column 2, target in column 0,"
                + " counting from 0)", assertThrows(InputFormatException.class, () -> ParallelText.readTsv(f, 2, 0)).getMessage());
        Files.writeString(f, "Go.\tVa !\n \tSalut !\n");
        assertEquals(f + ":2: empty source sentence (column 0)", tsvError(f));
        Files.writeString(f, "\nGo.\t \tCC-BY\n");
        assertEquals(f + ":2: empty target sentence (column 1)", tsvError(f));
        Files.writeString(f, "\n  \n\r\n");
        assertEquals(f + ": no sentence pairs", tsvError(f));
        assertEquals(dir.resolve("none.tsv") + ": no such file", tsvError(dir.resolve("none.tsv")));
        assertThrows(IllegalArgumentException.class, () -> ParallelText.readTsv(f, -1, 0));
    }

    @Test
    void reversedSwapsEachPair() {
        assertEquals(List.of(new SentencePair("b", "a")), ParallelText.reversed(List.of(new SentencePair("a", "b"))));
        assertThrows(NullPointerException.class, () -> new SentencePair(null, "b"));
    }
}
