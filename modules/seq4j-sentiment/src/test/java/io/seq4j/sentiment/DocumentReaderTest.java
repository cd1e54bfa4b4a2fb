package io.seq4j.sentiment;

import io.seq4j.core.data.InputFormatException;
import io.seq4j.core.data.LabeledTextStream.Row;
import io.seq4j.sentiment.DocumentReader.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocumentReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void detectsAndReadsEveryLayout() throws Exception {
        List<Row> expected = List.of(new Row("pos", "a fine film ."), new Row("neg", "no good"));
        DocumentReader auto = DocumentReader.auto();
        assertEquals(expected, auto.read(write("lt.tsv", "pos\ta fine film .\n\nneg\tno good\n")));
        assertEquals(expected, auto.read(write("tl.tsv", "a fine film .\tpos\nno good \tneg\n")));
        assertEquals(expected, auto.read(write("sst.txt", "pos a fine film .\nneg no good\n")));
        assertEquals(expected, auto.read(write("h.tsv", "id\tlabel\tsentence\n1\tpos\ta fine film .\n2\tneg\tno good\n")));
        assertEquals(Format.TEXT_TAB_LABEL, auto.detect(dir.resolve("tl.tsv")));
        assertEquals(Format.SST, auto.detect(dir.resolve("sst.txt")));
        assertEquals(Format.HEADER_TSV, auto.detect(dir.resolve("h.tsv")));
        // columns by name, as IMDB's tsv.gz needs, gzipped
        Path gz = dir.resolve("imdb.tsv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("split_label_id\trating\tlabel\ttext\npos/0_9.txt\t9\tpos\ta fine film .\nneg/1_2.txt\t2\tneg\tno good\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(expected, new DocumentReader(Format.AUTO, "text", "label").read(gz));
        // folders, one per class
        Files.createDirectories(dir.resolve("f/pos"));
        Files.createDirectories(dir.resolve("f/neg"));
        Files.writeString(dir.resolve("f/pos/1.txt"), "a fine film .");
        Files.writeString(dir.resolve("f/neg/1.txt"), "no good\n");
        assertEquals(List.of(new Row("neg", "no good"), new Row("pos", "a fine film .")), auto.read(dir.resolve("f")));
    }

    @Test
    void badRowsNameFileAndLine() throws Exception {
        Path p = write("bad.tsv", "pos\tfine\nneg\tbad\textra\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> new DocumentReader(Format.LABEL_TAB_TEXT, null, null).read(p));
        assertEquals(p + ":2: expected 2 tab-separated columns (label, text), found 3", e.getMessage());

        Path empty = write("empty.tsv", "pos\tfine\nneg\t  \n");
        e = assertThrows(InputFormatException.class, () -> DocumentReader.auto().read(empty));
        assertEquals(empty + ":2: empty text", e.getMessage());

        Path h = write("h.tsv", "id\tlabel\ttext\n1\tpos\tfine\n2\tneg\n");
        e = assertThrows(InputFormatException.class, () -> DocumentReader.auto().read(h));
        assertEquals(h + ":3: expected 3 tab-separated columns as in the header, found 2", e.getMessage());

        e = assertThrows(InputFormatException.class, () -> new DocumentReader(Format.AUTO, "review", "label").read(h));
        assertTrue(e.getMessage().startsWith(h + ":1: header has no column 'review'"), e.getMessage());

        Path one = write("one.txt", "positive\n");
        e = assertThrows(InputFormatException.class, () -> DocumentReader.auto().read(one));
        assertEquals(one + ":1: expected 'label text', found a single word", e.getMessage());

        // a first line without a tab (a title) makes the layout SST; tab-separated rows then fail loudly, not as labels "pos\tfine"
        Path titled = write("titled.tsv", "my reviews: label then text\npos\tfine film\n");
        e = assertThrows(InputFormatException.class, () -> DocumentReader.auto().read(titled));
        assertTrue(e.getMessage().startsWith(titled + ":2: a tab in a 'label text' (SST) line"), e.getMessage());

        e = assertThrows(InputFormatException.class, () -> DocumentReader.auto().read(dir.resolve("missing.tsv")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());

        Path latin1 = dir.resolve("latin1.tsv");
        Files.write(latin1, new byte[]{'p', 'o', 's', '\t', 'c', 'a', 'f', (byte) 0xe9, '\n'});
        e = assertThrows(InputFormatException.class, () -> DocumentReader.auto().read(latin1));
        assertEquals(latin1 + ":1: not valid UTF-8 text", e.getMessage());

        assertThrows(IllegalArgumentException.class, () -> Format.parse("csv"));
    }
}
