package io.seq4j.embeddings.word2vec;

import io.seq4j.core.data.InputFormatException;
import io.seq4j.core.data.LineReader;
import io.seq4j.core.text.Tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Plain text for word2vec, streamed from disk on every pass (a corpus larger than memory trains):
 * files (gzipped when named .gz) and folders (every regular file below them, in name order; hidden
 * files skipped). Each non-blank line is one sentence; a line of more than {@link #MAX_SENTENCE}
 * tokens is cut into pieces of that length (as gensim's LineSentence does), so context windows
 * never cross a line.
 */
public final class TextCorpus {
    /** The longest sentence a context window sees. */
    public static final int MAX_SENTENCE = 10_000;

    /** Receives the sentences of one pass. */
    @FunctionalInterface
    public interface SentenceVisitor {
        void visit(List<String> tokens) throws IOException;
    }

    private final List<Path> files;
    private final Tokenizer tokenizer;

    /**
     * @param paths     files or folders; a missing path is an InputFormatException naming it
     * @param tokenizer splits each line into tokens
     */
    public TextCorpus(List<Path> paths, Tokenizer tokenizer) throws IOException {
        if (paths.isEmpty()) throw new IllegalArgumentException("no corpus files given");
        List<Path> all = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) throw new InputFormatException(p.toString(), 0, "no such file or folder");
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted().forEach(all::add);
                }
            } else {
                all.add(p);
            }
        }
        if (all.isEmpty()) throw new InputFormatException(paths.get(0).toString(), 0, "no text files in the corpus folder");
        this.files = List.copyOf(all);
        this.tokenizer = tokenizer;
    }

    public List<Path> files() {
        return files;
    }

    /** One pass over the corpus, in file and line order. */
    public void forEachSentence(SentenceVisitor visitor) throws IOException {
        for (Path f : files) {
            try (LineReader lines = new LineReader(f)) {
                for (String line; (line = lines.next()) != null; ) {
                    if (line.isBlank()) continue;
                    List<String> tokens = tokenizer.tokenize(line);
                    for (int from = 0; from < tokens.size(); from += MAX_SENTENCE) {
                        visitor.visit(tokens.subList(from, Math.min(tokens.size(), from + MAX_SENTENCE)));
                    }
                }
            }
        }
    }
}
