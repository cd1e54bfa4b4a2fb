package io.seq4j.lm.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.seq4j.core.data.InputFormatException;
import io.seq4j.lm.LmConfig;
import io.seq4j.lm.LmDocuments;
import io.seq4j.lm.abc.AbcSyntaxException;
import io.seq4j.lm.abc.AbcTune;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fuzz targets for plain-text corpora (every sample layout) and the ABC parser: results, or documented errors. */
class LmReadersFuzzTest {
    @FuzzTest
    void corpus(byte[] data) throws Exception {
        Path f = Files.createTempFile("fuzz", ".txt");
        try {
            Files.write(f, data);
            for (LmConfig.Samples s : LmConfig.Samples.values()) {
                try {
                    LmDocuments.read(f, s);
                } catch (InputFormatException expected) {
                    // documented
                }
            }
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @FuzzTest
    void abc(byte[] data) {
        try {
            AbcTune.parse(new String(data, StandardCharsets.UTF_8));
        } catch (AbcSyntaxException expected) {
            // documented: the line and column of what is wrong
        }
    }
}
