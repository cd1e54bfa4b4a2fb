package io.seq4j.examples.splice;

import io.seq4j.core.data.InputFormatException;
import io.seq4j.core.data.LabeledTextStream.Row;
import io.seq4j.series.SeriesConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpliceJunctionsTest {
    @Test
    void readsUciLinesAndTheCsvHeader(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("splice.data");
        Files.write(data, List.of("EI,    ATRINS-DONOR-521,               CCAGCTGCAT", "N,     X-NEG-1,    acgtnDRS"));
        List<Row> rows = SpliceData.read(dir);
        assertEquals(List.of(new Row("EI", "CCAGCTGCAT"), new Row("N", "ACGTNDRS")), rows);
        Path csv = dir.resolve("splice.csv");
        Files.write(csv, List.of("Class, Donor,                          Sequence", "IE, Y-ACCEPTOR-2, GGAT"));
        assertEquals(List.of(new Row("IE", "GGAT")), SpliceData.read(csv));
    }

    @Test
    void badLinesNameFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.data");
        Files.write(f, List.of("EI, A, ACGT", "N, B, AC1T"));
        assertEquals(f + ":2: '1' at position 3 is not a base (A, C, G, T or an IUPAC code)",
                assertThrows(InputFormatException.class, () -> SpliceData.read(f)).getMessage());
        Files.write(f, List.of("EI, A ACGT"));
        assertEquals(f + ":1: expected 3 comma-separated fields (class, name, sequence), found 2",
                assertThrows(InputFormatException.class, () -> SpliceData.read(f)).getMessage());
        assertTrue(assertThrows(InputFormatException.class, () -> SpliceData.read(dir.resolve("none")))
                .getMessage().contains("no such file"));
    }

    /**
     * Sequences whose class is the order of a motif (GT: donor-like EI, TG: IE, none: N) in a
     * background of A and C: a bag of characters cannot tell EI from IE, a recurrent model can.
     */
    static List<Row> planted(int n, long seed) {
        Random r = new Random(seed);
        List<Row> rows = new ArrayList<>();
        String[] classes = {"EI", "IE", "N"};
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < 20; j++) sb.append("AC".charAt(r.nextInt(2)));
            String c = classes[i % 3];
            int at = 4 + r.nextInt(12);
            if (c.equals("EI")) sb.replace(at, at + 2, "GT");
            if (c.equals("IE")) sb.replace(at, at + 2, "TG");
            rows.add(new Row(c, sb.toString()));
        }
        return rows;
    }

    @Test
    void crossValidationLearnsAPlantedMotifAndSavesAClassifier(@TempDir Path dir) throws Exception {
        SeriesConfig fast = SpliceJunctions.config(1).with(Map.of("units", "16", "epochs", "15", "patience", "0", "learningRate", "0.005"));
        Path model = dir.resolve("splice.zip");
        SpliceJunctions.Result r = SpliceJunctions.run(planted(300, 1), 3, 1, fast, model, null);
        assertEquals(3, r.foldAccuracies().size());
        assertTrue(r.accuracy() > 0.8, SpliceJunctions.report(r));     // an order-blind model stays at 2/3
        assertEquals(300, r.pooled().total());
        assertTrue(SpliceJunctions.report(r).startsWith("3-fold cross-validation: accuracy "));
        SpliceClassifier m = SpliceClassifier.load(model);
        assertEquals("EI", m.classify("ACCAACGTACACCACAACCA").label());
        assertEquals("IE", m.classify("ACCAACTGACACCACAACCA").label());
        assertEquals("N", m.classify("ACCAACCAACACCACAACCA").label());
        assertEquals("a sequence of 21 bases; this model reads at most 20",
                assertThrows(IllegalArgumentException.class, () -> m.classify("ACCAACCAACACCACAACCAA")).getMessage());
    }

    @Test
    void basesAreOneHotWithAmbiguityCodesSpreadAndPositionsMarked() {
        DnaEncoding e = new DnaEncoding(3);
        float[][] f = e.frames("aR");
        assertEquals(7, f[0].length);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[]{1, 0, 0, 0, 1, 0, 0}, f[0]);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[]{0.5f, 0, 0.5f, 0, 0, 1, 0}, f[1]);     // R = A or G
        assertEquals("'X' at position 2 is not a base (A, C, G, T or an IUPAC code)",
                assertThrows(IllegalArgumentException.class, () -> e.frames("AX")).getMessage());
    }
}
