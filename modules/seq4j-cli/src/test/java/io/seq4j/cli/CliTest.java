package io.seq4j.cli;

import io.seq4j.cli.quickstart.AgreementData;
import io.seq4j.core.bundle.ModelBundle;
import io.seq4j.core.data.LabeledTextStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {
    record Run(int status, String out, String err) {
    }

    static synchronized Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int status = Main.run(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void infoPrintsBackendAndThreads() {
        Run r = run("info", "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().matches("(?s)\\{\"seq4j\": \"[^\"]+\", \"dl4j\": \"1.0.0-M2.1\", \"backend\": \"CPU\", \"platform\": \"linux-x86_64\".*"
                + "\"blas.threads\": \"1\".*\\}\\s*"), r.out());
    }

    @Test
    void usageErrorsExitTwoWithOneMessage() {
        Run bogus = run("bogus");
        assertEquals(2, bogus.status());
        assertTrue(bogus.err().contains("Unmatched argument at index 0: 'bogus'"), bogus.err());
        Run bad = run("quickstart", "--epochs", "0");
        assertEquals(2, bad.status());
        assertEquals("seq4j: --epochs must be at least 1, got 0", bad.err().strip());
        Run notInt = run("quickstart", "--units", "many");
        assertEquals(2, notInt.status());
        assertTrue(notInt.err().contains("--units"), notInt.err());
    }

    @Test
    void quickstartTrainsEvaluatesAndSavesBundles(@TempDir Path dir) throws Exception {
        Run r = run("quickstart", "--lengths", "2", "--cells", "GRU,LSTM", "--train", "500", "--epochs", "5",
                "--units", "16", "--out", dir.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("seq4j quickstart on CPU"), r.err());
        assertTrue(r.err().contains("epoch 5/5  done in"), r.err());
        assertTrue(r.out().matches("(?s).*cell\\s+N=2\\ngru\\s+[01]\\.\\d{3}\\nlstm\\s+[01]\\.\\d{3}\\n\\nAt N=2 the subject was carried .*"), r.out());
        ModelBundle b = ModelBundle.load(dir.resolve("gru-n2.zip"));
        assertEquals("quickstart", b.task());
        assertEquals("GRU", b.setting("cell"));
        double acc = Double.parseDouble(b.metrics().get("test_accuracy"));
        assertTrue(acc > 0.9, "a 2-filler gap is easy: " + acc);

        Run inspect = run("inspect", "--model", dir.resolve("gru-n2.zip").toString());
        assertEquals(0, inspect.status(), inspect.err());
        assertTrue(inspect.out().contains("task        quickstart"), inspect.out());
    }

    @Test
    void corruptOrForeignBundlesExitTwoNamingTheFile(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.zip");
        Files.writeString(junk, "not a model");
        Run r = run("inspect", "--model", junk.toString());
        assertEquals(2, r.status());
        assertEquals("seq4j: " + junk + ": is not a seq4j model bundle: not a zip file, or truncated (zip END header not found)",
                r.err().strip());
        Run missing = run("inspect", "--model", dir.resolve("nope.zip").toString());
        assertEquals(2, missing.status());
        assertEquals("seq4j: " + dir.resolve("nope.zip") + ": no such file", missing.err().strip());
    }

    @Test
    void benchRnnPrintsTheDocumentedJsonKeys() {
        for (String cell : new String[]{"lstm", "gru", "rnn"}) {
            Run r = run("bench", "rnn", "--cell", cell, "--input", "4", "--hidden", "8", "--batch", "2", "--steps", "3",
                    "--warmup", "0", "--iterations", "2", "--json");
            assertEquals(0, r.status(), r.err());
            for (String key : List.of("\"train_ms\": ", "\"infer_ms\": ", "\"train_tokens_per_s\": ", "\"train_gflops\": ",
                    "\"peak_rss_mib\": ", "\"kernel\": \"onednn")) {
                assertTrue(r.out().contains(key), key + " in " + r.out());
            }
        }
        Run bad = run("bench", "rnn", "--hidden", "0");
        assertEquals(2, bad.status());
    }

    /** The shipped sample is what the generator makes, so the data the quickstart uses is reproducible. */
    @Test
    void shippedSampleMatchesTheGenerator() throws Exception {
        Path sample = Path.of("../../data/long-memory/sample-n5.tsv");
        List<String> lines = Files.readAllLines(sample).stream().filter(l -> !l.startsWith("#")).toList();
        List<LabeledTextStream.Row> rows = AgreementData.generate(lines.size(), 5, 1);
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(rows.get(i).label() + "\t" + rows.get(i).text(), lines.get(i));
        }
    }
}
