package io.seq4j.embeddings;

import io.seq4j.core.data.InputFormatException;
import io.seq4j.core.data.LineReader;
import io.seq4j.core.data.TextFiles;
import io.seq4j.core.io.AtomicFiles;
import io.seq4j.core.text.Vocabulary;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * An immutable table of word vectors: {@code size()} words, each a {@code float[dim()]}.
 *
 * <p>Files: the word2vec text format (header {@code "N D"}, then {@code word v1 ... vD} per line),
 * the word2vec binary format (the same header, then per word its UTF-8 bytes, a space and D
 * little-endian float32s, optionally followed by a newline: what the C tool and gensim write), and
 * GloVe's text format (no header). {@link #read(Path)} detects the format. A malformed line (wrong
 * number of values, a value that is not a number, a duplicate word) is an
 * {@link InputFormatException} naming file and line (for binary files: the word's ordinal).
 */
public final class WordVectors {
    /** On-disk formats. */
    public enum Format { WORD2VEC_TEXT, WORD2VEC_BINARY, GLOVE_TEXT }

    private final List<String> words;
    private final Map<String, Integer> index;
    private final float[] data;     // row-major [size, dim]
    private final int dim;

    private WordVectors(List<String> words, float[] data, int dim, String source) throws InputFormatException {
        this.words = List.copyOf(words);
        this.data = data;
        this.dim = dim;
        this.index = new HashMap<>(words.size() * 2);
        for (int i = 0; i < words.size(); i++) {
            if (index.put(words.get(i), i) != null) {
                throw new InputFormatException(source, i + 1, "duplicate word '" + words.get(i) + "'");
            }
        }
    }

    /**
     * Vectors from memory.
     *
     * @param words   distinct words, in order
     * @param vectors {@code vectors[i]} is the vector of {@code words.get(i)}; all of one length
     */
    public static WordVectors of(List<String> words, float[][] vectors) {
        if (words.size() != vectors.length) {
            throw new IllegalArgumentException(words.size() + " words but " + vectors.length + " vectors");
        }
        if (vectors.length == 0) throw new IllegalArgumentException("no vectors");
        int dim = vectors[0].length;
        float[] data = new float[words.size() * dim];
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i].length != dim) {
                throw new IllegalArgumentException("vector " + i + " has " + vectors[i].length + " values, expected " + dim);
            }
            System.arraycopy(vectors[i], 0, data, i * dim, dim);
        }
        try {
            return new WordVectors(words, data, dim, "vectors");
        } catch (InputFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Vectors from a row-major matrix {@code data[words.size(), dim]} (not copied: the caller hands
     * it over).
     */
    public static WordVectors of(List<String> words, float[] data, int dim) {
        if (words.isEmpty()) throw new IllegalArgumentException("no vectors");
        if (dim < 1 || data.length != (long) words.size() * dim) {
            throw new IllegalArgumentException(data.length + " values do not make " + words.size() + " vectors of " + dim);
        }
        try {
            return new WordVectors(words, data, dim, "vectors");
        } catch (InputFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public int size() {
        return words.size();
    }

    public int dim() {
        return dim;
    }

    public List<String> words() {
        return words;
    }

    public boolean contains(String word) {
        return index.containsKey(word);
    }

    /** The row of {@code word}, or -1 when it has none. */
    public int indexOf(String word) {
        Integer i = index.get(word);
        return i == null ? -1 : i;
    }

    /** A copy of the vector of {@code word}, or null when it has none. */
    public float[] vector(String word) {
        Integer i = index.get(word);
        return i == null ? null : Arrays.copyOfRange(data, i * dim, (i + 1) * dim);
    }

    /**
     * An embedding matrix {@code [vocab.size(), dim()]} for a vocabulary: row i is the vector of
     * {@code vocab.token(i)}; when the word itself is missing, its lower-cased form is tried; rows
     * of words still without a vector (and UNK, BOS, EOS) are drawn uniformly from
     * {@code [-scale, scale]} with {@code scale} the mean absolute value of the file's vectors;
     * PAD's row is zero.
     *
     * @return the matrix (row-major) and how many vocabulary words were found
     */
    public Lookup lookup(Vocabulary vocab, long seed) {
        double abs = 0;
        for (float v : data) abs += Math.abs(v);
        float scale = (float) (abs / data.length);
        Random rnd = new Random(seed);
        float[] m = new float[vocab.size() * dim];
        int found = 0;
        for (int i = 0; i < vocab.size(); i++) {
            if (i == Vocabulary.PAD) continue;
            String w = vocab.token(i);
            Integer row = index.get(w);
            if (row == null) row = index.get(w.toLowerCase(Locale.ROOT));
            if (row != null && i > Vocabulary.EOS) {
                System.arraycopy(data, row * dim, m, i * dim, dim);
                found++;
            } else {
                for (int d = 0; d < dim; d++) m[i * dim + d] = (rnd.nextFloat() * 2 - 1) * scale;
            }
        }
        return new Lookup(m, vocab.size(), dim, found);
    }

    /**
     * An embedding matrix for a vocabulary.
     *
     * @param matrix row-major {@code [rows, dim]}
     * @param found  vocabulary words (reserved tokens excluded) that had a vector
     */
    public record Lookup(float[] matrix, int rows, int dim, int found) {
    }

    /** Reads a file, detecting its format ({@link #detect}); {@code .gz} files are gunzipped. */
    public static WordVectors read(Path file) throws IOException {
        return read(file, detect(file));
    }

    public static WordVectors read(Path file, Format format) throws IOException {
        return format == Format.WORD2VEC_BINARY ? readBinary(file) : readText(file, format == Format.WORD2VEC_TEXT);
    }

    /**
     * The format of a file: binary when the bytes after the header line are not text, word2vec
     * text when the first line is {@code "N D"}, GloVe otherwise.
     */
    public static Format detect(Path file) throws IOException {
        try (InputStream in = TextFiles.open(file)) {
            byte[] head = in.readNBytes(8192);
            int nl = indexOf(head, (byte) '\n');
            String first = new String(head, 0, nl < 0 ? head.length : nl, StandardCharsets.UTF_8).trim();
            if (!first.matches("\\d+\\s+\\d+")) return Format.GLOVE_TEXT;
            for (int i = nl + 1; i < head.length; i++) {
                int b = head[i] & 0xff;
                if (b < 0x09 || (b > 0x0d && b < 0x20)) return Format.WORD2VEC_BINARY;
            }
            return Format.WORD2VEC_TEXT;
        }
    }

    private static WordVectors readText(Path file, boolean header) throws IOException {
        List<String> words = new ArrayList<>();
        FloatList values = new FloatList();
        int dim = -1;
        int expected = -1;
        try (LineReader lines = new LineReader(file)) {
            String line;
            if (header) {
                int[] nd = parseHeader(lines.next(), lines);
                expected = nd[0];
                dim = nd[1];
            }
            while ((line = lines.next()) != null) {
                if (line.isBlank()) continue;
                String[] f = line.trim().split("[ \t]+");
                if (dim < 0) {
                    dim = f.length - 1;
                    if (dim < 1) throw lines.error("expected a word and its vector values, found one field");
                }
                if (f.length != dim + 1) {
                    throw lines.error("expected a word and " + dim + " values, found " + (f.length - 1) + " values");
                }
                words.add(f[0]);
                for (int d = 1; d <= dim; d++) {
                    try {
                        values.add(Float.parseFloat(f[d]));
                    } catch (NumberFormatException e) {
                        throw lines.error("value " + d + " of '" + f[0] + "' is not a number: '" + f[d] + "'");
                    }
                }
            }
            if (words.isEmpty()) throw new InputFormatException(file.toString(), 0, "holds no vectors");
            if (expected >= 0 && expected != words.size()) {
                throw new InputFormatException(file.toString(), 1, "header announces " + expected + " words, the file holds " + words.size());
            }
        }
        return new WordVectors(words, values.toArray(), dim, file.toString());
    }

    private static int[] parseHeader(String line, LineReader lines) throws InputFormatException {
        if (line == null) throw lines.error("empty file, expected the header 'words dimensions'");
        String[] f = line.trim().split("\\s+");
        try {
            if (f.length == 2) {
                int n = Integer.parseInt(f[0]), d = Integer.parseInt(f[1]);
                if (n > 0 && d > 0) return new int[]{n, d};
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw lines.error("expected the header 'words dimensions' (two positive numbers), found '" + line + "'");
    }

    private static WordVectors readBinary(Path file) throws IOException {
        String source = file.toString();
        try (DataInputStream in = new DataInputStream(TextFiles.open(file))) {
            String header = readToken(in, (byte) '\n', source, 0);
            String[] f = header.trim().split("\\s+");
            int n, dim;
            try {
                n = Integer.parseInt(f[0]);
                dim = Integer.parseInt(f[1]);
            } catch (RuntimeException e) {
                throw new InputFormatException(source, 1, "expected the header 'words dimensions', found '" + header + "'");
            }
            if (n <= 0 || dim <= 0) throw new InputFormatException(source, 1, "header needs positive counts, found '" + header + "'");
            List<String> words = new ArrayList<>(n);
            float[] data = new float[Math.multiplyExact(n, dim)];
            byte[] buf = new byte[4 * dim];
            ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                String w = readToken(in, (byte) ' ', source, i + 1);
                try {
                    in.readFully(buf);
                } catch (EOFException e) {
                    throw new InputFormatException(source, 0, "ends inside the vector of word " + (i + 1) + " ('" + w + "'); the header announces " + n);
                }
                bb.rewind();
                bb.asFloatBuffer().get(data, i * dim, dim);
                words.add(w);
            }
            return new WordVectors(words, data, dim, source);
        }
    }

    /** Bytes up to {@code stop} as UTF-8, skipping leading newlines (the C tool ends vectors with one). */
    private static String readToken(DataInputStream in, byte stop, String source, int ordinal) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        int b;
        while ((b = in.read()) == '\n' && stop != '\n') {
            // separator after the previous vector
        }
        for (; b != -1 && b != stop; b = in.read()) {
            out.write(b);
            if (out.size() > 1 << 16) throw new InputFormatException(source, ordinal, "word longer than 64 KiB: not a word2vec binary file");
        }
        if (b == -1) {
            throw new InputFormatException(source, ordinal, ordinal == 0 ? "has no header line" : "ends before word " + ordinal + "; the header announces more");
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Writes the vectors atomically in {@code format}. */
    public void write(Path file, Format format) throws IOException {
        AtomicFiles.write(file, out -> {
            if (format != Format.GLOVE_TEXT) out.write((size() + " " + dim + "\n").getBytes(StandardCharsets.UTF_8));
            ByteBuffer bb = ByteBuffer.allocate(4 * dim).order(ByteOrder.LITTLE_ENDIAN);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < size(); i++) {
                if (format == Format.WORD2VEC_BINARY) {
                    out.write((words.get(i) + " ").getBytes(StandardCharsets.UTF_8));
                    bb.clear();
                    bb.asFloatBuffer().put(data, i * dim, dim);
                    out.write(bb.array());
                    out.write('\n');
                } else {
                    sb.setLength(0);
                    sb.append(words.get(i));
                    for (int d = 0; d < dim; d++) sb.append(' ').append(data[i * dim + d]);
                    sb.append('\n');
                    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
        });
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) if (a[i] == b) return i;
        return -1;
    }

    /** A growable float array. */
    private static final class FloatList {
        private float[] a = new float[1024];
        private int n;

        void add(float v) {
            if (n == a.length) a = Arrays.copyOf(a, a.length * 2);
            a[n++] = v;
        }

        float[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
