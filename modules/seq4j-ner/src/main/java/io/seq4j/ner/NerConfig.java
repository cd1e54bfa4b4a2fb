package io.seq4j.ner;

import static io.seq4j.core.data.SettingValues.bool;
import static io.seq4j.core.data.SettingValues.integer;
import static io.seq4j.core.data.SettingValues.real;
import static io.seq4j.core.data.SettingValues.whole;

import io.seq4j.core.nn.RecurrentSpec;
import io.seq4j.core.nn.RecurrentSpec.Cell;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of a named-entity tagger, immutable. {@link #defaults()} are the settings
 * bench/ner.sh measures on CoNLL-2003 (a user who changes nothing gets that model):
 * <ul>
 *   <li>words: lower-cased with digits as 0 for the lookup ({@code lowercase}), a vocabulary of
 *       every training word plus, with {@code pretrained} vectors, the file's first {@code maxVocab}
 *       words; {@code wordDim} 100 (the file's size with pretrained vectors), fine-tuned unless
 *       {@code fineTune} is false;</li>
 *   <li>characters: the original spelling, the first {@code maxChars} = 20 of each word,
 *       {@code charDim} 25, a width-3 CNN with {@code filters} = 50 and max pooling
 *       ({@link io.seq4j.ner.nn.CharWordEmbedding});</li>
 *   <li>encoder: {@code cell} LSTM, {@code units} 128 per direction, {@code depth} 1, bidirectional,
 *       {@code dropout} 0.5 on its input and on the output layer's;</li>
 *   <li>output: {@code output} CRF (linear-chain, Viterbi decoding) or SOFTMAX, over tags in
 *       {@code scheme} BIOES;</li>
 *   <li>training: Adam at {@code learningRate} 0.001, {@code batchSize} 32, gradient-norm
 *       clipping 5, at most {@code epochs} 30 with early stopping after {@code patience} 5 epochs
 *       without dev F1 gain, the best dev epoch kept, {@code seed} 42.</li>
 * </ul>
 */
public record NerConfig(TagScheme scheme, Output output, Cell cell, int units, int depth, int wordDim, Path pretrained,
                        boolean fineTune, int maxVocab, boolean lowercase, int charDim, int filters, int maxChars, double dropout,
                        int batchSize, int epochs, int patience, double learningRate, long seed) {
    /** The output layer. */
    public enum Output { CRF, SOFTMAX }

    public NerConfig {
        require(units >= 1 && depth >= 1 && wordDim >= 1 && charDim >= 1 && filters >= 1 && maxChars >= 1,
                "units, depth, wordDim, charDim, filters and maxChars must be positive");
        require(maxVocab >= 0, "maxVocab must be >= 0, got " + maxVocab);
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
        require(batchSize >= 1 && epochs >= 1 && patience >= 0, "batchSize and epochs must be positive, patience >= 0");
        require(learningRate > 0, "learningRate must be positive, got " + learningRate);
    }

    public static NerConfig defaults() {
        return new NerConfig(TagScheme.BIOES, Output.CRF, Cell.LSTM, 128, 1, 100, null, true, 100_000, true, 25, 50, 20, 0.5, 32, 30, 5,
                0.001, 42);
    }

    /** The encoder: stacked bidirectional (CONCAT) recurrent layers returning every step. */
    public RecurrentSpec encoder() {
        return RecurrentSpec.builder(cell, units).optDepth(depth).optBidirectional(RecurrentSpec.Merge.CONCAT).optDropout(dropout)
                .optReturnSequences(true).build();
    }

    /** A copy with one setting changed by its {@link #toMap()} name; IllegalArgumentException names a bad key or value. */
    public NerConfig with(String key, String value) {
        Map<String, String> m = toMap();
        if (!m.containsKey(key)) throw new IllegalArgumentException("unknown setting '" + key + "' (known: " + String.join(", ", m.keySet()) + ")");
        m.put(key, value);
        return fromMap(m);
    }

    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("scheme", scheme.name());
        m.put("output", output.name());
        m.put("cell", cell.name());
        m.put("units", Integer.toString(units));
        m.put("depth", Integer.toString(depth));
        m.put("wordDim", Integer.toString(wordDim));
        m.put("pretrained", pretrained == null ? "" : pretrained.toString());
        m.put("fineTune", Boolean.toString(fineTune));
        m.put("maxVocab", Integer.toString(maxVocab));
        m.put("lowercase", Boolean.toString(lowercase));
        m.put("charDim", Integer.toString(charDim));
        m.put("filters", Integer.toString(filters));
        m.put("maxChars", Integer.toString(maxChars));
        m.put("dropout", Double.toString(dropout));
        m.put("batchSize", Integer.toString(batchSize));
        m.put("epochs", Integer.toString(epochs));
        m.put("patience", Integer.toString(patience));
        m.put("learningRate", Double.toString(learningRate));
        m.put("seed", Long.toString(seed));
        return m;
    }

    /** Settings from a map of {@link #toMap()} keys (missing keys keep their defaults). */
    public static NerConfig fromMap(Map<String, String> given) {
        Map<String, String> m = defaults().toMap();
        for (var e : given.entrySet()) {
            if (!m.containsKey(e.getKey())) throw new IllegalArgumentException("unknown setting '" + e.getKey() + "'");
            m.put(e.getKey(), e.getValue());
        }
        return new NerConfig(TagScheme.parse(m.get("scheme")), choice(m, "output", Output.class),
                    choice(m, "cell", Cell.class), integer(m, "units"), integer(m, "depth"), integer(m, "wordDim"),
                    m.get("pretrained").isEmpty() ? null : Path.of(m.get("pretrained")), bool(m, "fineTune"), integer(m, "maxVocab"),
                    bool(m, "lowercase"), integer(m, "charDim"), integer(m, "filters"), integer(m, "maxChars"), real(m, "dropout"),
                    integer(m, "batchSize"), integer(m, "epochs"), integer(m, "patience"), real(m, "learningRate"),
                    whole(m, "seed"));
    }

    private static <E extends Enum<E>> E choice(Map<String, String> m, String key, Class<E> type) {
        try {
            return Enum.valueOf(type, m.get(key).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": '" + m.get(key) + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
