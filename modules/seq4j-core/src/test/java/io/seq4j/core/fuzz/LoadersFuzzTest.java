package io.seq4j.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.seq4j.core.bundle.BundleFormatException;
import io.seq4j.core.bundle.ModelBundle;
import io.seq4j.core.data.InputFormatException;
import io.seq4j.core.data.LineReader;
import io.seq4j.core.text.LabelSet;
import io.seq4j.core.text.Vocabulary;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz targets for core's loaders: any bytes give a loaded object or a documented
 * InputFormatException (BundleFormatException for bundles); any other exception is a finding.
 * {@code mvn test} runs the stored inputs under LoadersFuzzTestInputs; bench/fuzz.sh fuzzes.
 */
class LoadersFuzzTest {
    private static BufferedReader reader(byte[] data) {
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(data), StandardCharsets.UTF_8));
    }

    @FuzzTest
    void vocabulary(byte[] data) throws Exception {
        try {
            Vocabulary v = Vocabulary.read(reader(data), "fuzz.vocab");
            for (int i = 0; i < v.size(); i++) {
                if (v.indexOf(v.token(i)) != i) throw new AssertionError("token " + i + " does not map back to its index");
            }
        } catch (InputFormatException expected) {
            // documented: a malformed vocabulary file
        }
    }

    @FuzzTest
    void labels(byte[] data) throws Exception {
        try {
            LabelSet.read(reader(data), "fuzz.labels");
        } catch (InputFormatException expected) {
            // documented
        }
    }

    @FuzzTest
    void bundle(byte[] data) throws Exception {
        Path f = Files.createTempFile("fuzz", ".zip");
        try {
            Files.write(f, data);
            ModelBundle.load(f);
        } catch (BundleFormatException expected) {
            // documented: not a bundle, truncated, corrupt, foreign, newer
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @FuzzTest
    void lines(byte[] data) throws Exception {
        Path f = Files.createTempFile("fuzz", ".txt");
        try {
            Files.write(f, data);
            try (LineReader r = new LineReader(f)) {
                while (r.next() != null) {
                    // every line decodes or the reader says which one does not
                }
            }
        } catch (InputFormatException expected) {
            // documented: malformed UTF-8 on a named line
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
