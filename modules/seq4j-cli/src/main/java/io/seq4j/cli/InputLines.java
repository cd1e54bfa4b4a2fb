package io.seq4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The non-blank lines (stripped) of a {@code --input} file, or of stdin when it is null. */
final class InputLines {
    private InputLines() {
    }

    static List<String> read(Path input) throws IOException {
        if (input != null && !Files.isRegularFile(input)) throw new UsageException("--input: no such file " + input);
        List<String> out = new ArrayList<>();
        try (BufferedReader r = input == null ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) out.add(line.strip());
            }
        }
        return out;
    }
}
