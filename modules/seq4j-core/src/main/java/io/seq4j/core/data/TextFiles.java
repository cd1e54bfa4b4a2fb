package io.seq4j.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens UTF-8 text files, gunzipping {@code .gz} files transparently; malformed UTF-8 is an error, not mojibake. */
public final class TextFiles {
    private TextFiles() {
    }

    /** A reader over the file; a missing file or directory is an {@link InputFormatException}. */
    public static BufferedReader open(Path file) throws IOException {
        if (!Files.exists(file)) throw new InputFormatException(file.toString(), 0, "no such file");
        if (Files.isDirectory(file)) throw new InputFormatException(file.toString(), 0, "is a directory, expected a file");
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new InputFormatException(file.toString(), 0, "no such file");
        }
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new InputStreamReader(in, dec), 1 << 16);
    }
}
