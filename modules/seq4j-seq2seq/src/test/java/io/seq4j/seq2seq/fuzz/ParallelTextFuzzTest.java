package io.seq4j.seq2seq.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.seq4j.core.data.InputFormatException;
import io.seq4j.seq2seq.ParallelText;
import io.seq4j.seq2seq.SentencePair;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz targets for parallel text: any bytes give stripped, non-empty sentence pairs or a documented
 * InputFormatException; any other exception is a finding. {@code mvn test} runs the stored inputs
 * under ParallelTextFuzzTestInputs; bench/fuzz.sh fuzzes.
 */
class ParallelTextFuzzTest {
    private static void check(List<SentencePair> pairs) {
        for (SentencePair p : pairs) {
            if (p.source().isEmpty() || !p.source().equals(p.source().strip())
                    || p.target().isEmpty() || !p.target().equals(p.target().strip())) {
                throw new AssertionError("empty or unstripped sentence in " + p);
            }
        }
        if (!ParallelText.reversed(ParallelText.reversed(pairs)).equals(pairs)) throw new AssertionError("reversed twice is not the same");
    }

    /** The bytes up to the first 0x00 are the source file, the rest the target file. */
    @FuzzTest
    void aligned(byte[] data) throws Exception {
        int zero = 0;
        while (zero < data.length && data[zero] != 0) zero++;
        Path dir = Files.createTempDirectory("fuzz");
        Path src = dir.resolve("p.src");
        Path tgt = dir.resolve("p.tgt");
        try {
            Files.write(src, Arrays.copyOfRange(data, 0, zero));
            Files.write(tgt, Arrays.copyOfRange(data, Math.min(zero + 1, data.length), data.length));
            try {
                check(ParallelText.read(dir.resolve("p"), "src", "tgt"));
            } catch (InputFormatException expected) {
                // documented: different line counts, a one-sided empty sentence, bad UTF-8, no pairs
            }
        } finally {
            Files.deleteIfExists(src);
            Files.deleteIfExists(tgt);
            Files.deleteIfExists(dir);
        }
    }

    @FuzzTest
    void tsv(byte[] data) throws Exception {
        Path f = Files.createTempFile("fuzz", ".tsv");
        try {
            Files.write(f, data);
            for (int[] columns : new int[][]{{0, 1}, {1, 0}, {2, 0}}) {
                try {
                    check(ParallelText.readTsv(f, columns[0], columns[1]));
                } catch (InputFormatException expected) {
                    // documented: too few columns, an empty side, bad UTF-8, no pairs
                }
            }
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
