package io.seq4j.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/** Damaged .gz files are InputFormatExceptions naming the file (and the line the damage is on), not bare zip errors. */
class TextFilesTest {
    @Test
    void gzipFilesReadAndDamagedOnesAreNamed(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            for (int i = 0; i < 2000; i++) gz.write(("line " + i + " with some words to compress\n").getBytes(StandardCharsets.UTF_8));
        }
        Path ok = dir.resolve("ok.txt.gz");
        Files.write(ok, bytes.toByteArray());
        try (LineReader r = new LineReader(ok)) {
            assertEquals("line 0 with some words to compress", r.next());
        }

        Path cut = dir.resolve("cut.txt.gz");
        Files.write(cut, Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2));
        InputFormatException e = assertThrows(InputFormatException.class, () -> {
            try (LineReader r = new LineReader(cut)) {
                while (r.next() != null) {
                    // read to the damage
                }
            }
        });
        assertTrue(e.getMessage().startsWith(cut + ":") && e.getMessage().contains("gzip data is damaged or cut short"), e.getMessage());
        assertTrue(e.line() > 1, "the line where the data ends: " + e.line());

        Path plain = dir.resolve("plain.txt.gz");
        Files.writeString(plain, "not compressed\n");
        InputFormatException notGzip = assertThrows(InputFormatException.class, () -> new LineReader(plain).close());
        assertTrue(notGzip.getMessage().startsWith(plain.toString()) && notGzip.getMessage().contains("not a gzip file"), notGzip.getMessage());
    }
}
