package io.seq4j.sentiment.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.seq4j.core.data.InputFormatException;
import io.seq4j.sentiment.DocumentReader;

import java.nio.file.Files;
import java.nio.file.Path;

/** Fuzz target for sentiment files (format detected as users get it): rows, or a documented InputFormatException. */
class DocumentReaderFuzzTest {
    @FuzzTest
    void documents(byte[] data) throws Exception {
        Path f = Files.createTempFile("fuzz", ".tsv");
        try {
            Files.write(f, data);
            DocumentReader.auto().read(f);
        } catch (InputFormatException expected) {
            // documented
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
