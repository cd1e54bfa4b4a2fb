package io.seq4j.lm;

import static io.seq4j.core.data.SettingValues.integer;
import static io.seq4j.core.data.SettingValues.real;
import static io.seq4j.core.data.SettingValues.whole;

import io.seq4j.core.nn.RecurrentSpec;
import io.seq4j.core.nn.RecurrentSpec.Cell;
import io.seq4j.core.text.Tokenizer;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of a recurrent language model, immutable. {@link #defaults(Level)} are the settings
 * bench/lm.sh measures: a user who changes nothing gets that model.
 *
 * <p>Character level ({@code tokenizer} char): an LSTM of {@code units} = 512, {@code depth} 1, over
 * {@code embedding} = 64-dimensional character embeddings; long text is cut into windows of
 * {@code window} = 128 characters (truncated BPTT: the gradient flows back at most one window);
 * Adam at 0.002, batches of 32 windows, gradient-norm clipping 5, {@code outputDropout} 0.2 before
 * the softmax, at most 20 epochs with early stopping after 2 epochs without a lower validation loss.
 * Word level ({@code tokenizer} word-lower, or word / space / space-lower): LSTM 256 over 128-dim
 * embeddings, windows of 35 words, words seen at least twice, at most 30,000 entries.
 *
 * @param tokenizer     {@code char} for a character model, else a word tokenizer name
 *                      ({@link Tokenizer#forName})
 * @param samples       TEXT (one long text: windows), LINES (every line a sequence) or ABC (every
 *                      tune a sequence)
 * @param dropout       drop probability on every recurrent layer's input
 * @param outputDropout drop probability on the softmax layer's input
 * @param window        truncated-BPTT length for TEXT samples (also the evaluation window)
 * @param maxLength     LINES/ABC samples keep their first maxLength tokens (start token included)
 */
public record LmConfig(String tokenizer, Samples samples, Cell cell, int units, int depth, int embedding, double dropout,
                       double outputDropout, int window, int maxLength, int batchSize, double learningRate, int epochs,
                       int patience, int minCount, int maxVocab, long seed) {

    /** Character or word tokens. */
    public enum Level { CHAR, WORD }

    /** How training files become samples. */
    public enum Samples { TEXT, LINES, ABC }

    public LmConfig {
        Tokenizer.forName(tokenizer);      // names a known tokenizer
        require(samples != null && cell != null, "samples and cell must be set");
        require(units >= 1 && depth >= 1 && embedding >= 1, "units, depth and embedding must be positive");
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
        require(outputDropout >= 0 && outputDropout < 1, "outputDropout must be in [0, 1), got " + outputDropout);
        require(window >= 2, "window must be at least 2, got " + window);
        require(maxLength >= 2, "maxLength must be at least 2, got " + maxLength);
        require(batchSize >= 1, "batchSize must be positive, got " + batchSize);
        require(learningRate > 0, "learningRate must be positive, got " + learningRate);
        require(epochs >= 1, "epochs must be at least 1, got " + epochs);
        require(patience >= 0, "patience must be >= 0, got " + patience);
        require(minCount >= 1, "minCount must be at least 1, got " + minCount);
        require(maxVocab >= 0, "maxVocab must be >= 0 (0 = no limit), got " + maxVocab);
    }

    /** The measured defaults for a level (see the class comment). */
    public static LmConfig defaults(Level level) {
        return level == Level.CHAR
                ? new LmConfig("char", Samples.TEXT, Cell.LSTM, 512, 1, 64, 0.0, 0.2, 128, 2000, 32, 0.002, 20, 2, 1, 0, 42)
                : new LmConfig("word-lower", Samples.TEXT, Cell.LSTM, 256, 1, 128, 0.0, 0.2, 35, 200, 32, 0.001, 10, 2, 2, 30_000, 42);
    }

    public Level level() {
        return tokenizer.equals("char") ? Level.CHAR : Level.WORD;
    }

    /** The recurrent encoder (sequences out). */
    public RecurrentSpec encoder() {
        return RecurrentSpec.builder(cell, units).optDepth(depth).optDropout(dropout).optReturnSequences(true).build();
    }

    /**
     * A copy with one setting changed, by its name in {@link #toMap()} (samples: text|lines|abc;
     * cell: lstm|gru|rnn). IllegalArgumentException names the key for a bad value.
     */
    public LmConfig with(String key, String value) {
        Map<String, String> m = toMap();
        if (!m.containsKey(key)) {
            throw new IllegalArgumentException("unknown setting '" + key + "' (known: " + String.join(", ", m.keySet()) + ")");
        }
        m.put(key, value);
        return fromMap(m);
    }

    /** Settings from the map {@link #toMap()} writes (every key present). */
    public static LmConfig fromMap(Map<String, String> m) {
        for (String k : defaults(Level.CHAR).toMap().keySet()) {
            if (!m.containsKey(k)) throw new IllegalArgumentException("language-model settings: missing '" + k + "'");
        }
        return new LmConfig(m.get("tokenizer"), parse(Samples.class, "samples", m.get("samples")), RecurrentSpec.parseCell(m.get("cell")),
                integer(m, "units"), integer(m, "depth"), integer(m, "embedding"), real(m, "dropout"), real(m, "outputDropout"),
                integer(m, "window"), integer(m, "maxLength"), integer(m, "batchSize"), real(m, "learningRate"),
                integer(m, "epochs"), integer(m, "patience"), integer(m, "minCount"), integer(m, "maxVocab"), whole(m, "seed"));
    }

    /** The settings by name, in the spelling {@link #with} reads. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("tokenizer", tokenizer);
        m.put("samples", samples.name().toLowerCase(Locale.ROOT));
        m.put("cell", RecurrentSpec.cellName(cell));
        m.put("units", Integer.toString(units));
        m.put("depth", Integer.toString(depth));
        m.put("embedding", Integer.toString(embedding));
        m.put("dropout", Double.toString(dropout));
        m.put("outputDropout", Double.toString(outputDropout));
        m.put("window", Integer.toString(window));
        m.put("maxLength", Integer.toString(maxLength));
        m.put("batchSize", Integer.toString(batchSize));
        m.put("learningRate", Double.toString(learningRate));
        m.put("epochs", Integer.toString(epochs));
        m.put("patience", Integer.toString(patience));
        m.put("minCount", Integer.toString(minCount));
        m.put("maxVocab", Integer.toString(maxVocab));
        m.put("seed", Long.toString(seed));
        return m;
    }


    /** "char" or "word" (any case). */
    public static Level parseLevel(String v) {
        return parse(Level.class, "level", v);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String key, String v) {
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": '" + v + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
