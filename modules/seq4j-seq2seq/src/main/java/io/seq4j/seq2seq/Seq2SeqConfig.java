package io.seq4j.seq2seq;

import static io.seq4j.core.data.SettingValues.bool;
import static io.seq4j.core.data.SettingValues.integer;
import static io.seq4j.core.data.SettingValues.real;
import static io.seq4j.core.data.SettingValues.whole;

import io.seq4j.core.nn.RecurrentSpec;
import io.seq4j.core.nn.RecurrentSpec.Cell;
import io.seq4j.core.text.Tokenizer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of an attention encoder-decoder, immutable. {@link #defaults()} are the settings
 * bench/translate.sh measures on Multi30k: a user who changes nothing gets that model.
 *
 * <p>Defaults: word tokens, lowercased ({@code word-lower}) on both sides, words seen at least twice
 * ({@code minCount}); source and target embeddings of 256; a bidirectional GRU encoder of 256 units
 * per direction; a GRU decoder of 512 units fed the previous target word and the encoder summary;
 * multiplicative (Luong "general") attention over the encoder states; dropout 0.3 on the recurrent
 * inputs and on the attentional layer; Adam at 0.001, batches of 64 pairs, gradient-norm
 * clipping at 1; at most 12 epochs with early stopping on the validation loss (patience 2); training
 * pairs keep their first {@code maxLength} tokens per side; beam search of width 5 with length
 * normalisation 1.0; translations at most {@code 2 * source length + 10} tokens.
 *
 * @param sourceTokenizer  tokenizer name for the source side ({@link Tokenizer#forName}: word,
 *                         word-lower, char, space, space-lower)
 * @param targetTokenizer  tokenizer name for the target side
 * @param units            encoder units per direction
 * @param bidirectional    a bidirectional encoder (outputs concatenated: 2 * units)
 * @param decoderUnits     decoder recurrent units
 * @param dropout          drop probability on every recurrent layer's input
 * @param outputDropout    drop probability on the attentional layer's input
 * @param clip             gradient L2-norm clipping threshold per layer (0 = none)
 * @param maxLength        training pairs keep their first maxLength tokens per side (EOS included)
 * @param beam             beam width for translation (1 = greedy)
 * @param lengthPenalty    hypotheses are ranked by log P / length^lengthPenalty (0 = raw log P)
 */
public record Seq2SeqConfig(String sourceTokenizer, String targetTokenizer, Cell cell, int units, int depth,
                            boolean bidirectional, int embedding, int decoderUnits, int decoderDepth, double dropout,
                            double outputDropout, int batchSize, double learningRate, double clip, int epochs, int patience,
                            int minCount, int maxVocab, int maxLength, int beam, double lengthPenalty, long seed) {

    public Seq2SeqConfig {
        Tokenizer.forName(sourceTokenizer);
        Tokenizer.forName(targetTokenizer);
        require(cell != null, "cell must be set");
        require(units >= 1 && depth >= 1 && embedding >= 1 && decoderUnits >= 1 && decoderDepth >= 1,
                "units, depth, embedding, decoderUnits and decoderDepth must be positive");
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
        require(outputDropout >= 0 && outputDropout < 1, "outputDropout must be in [0, 1), got " + outputDropout);
        require(batchSize >= 1, "batchSize must be positive, got " + batchSize);
        require(learningRate > 0, "learningRate must be positive, got " + learningRate);
        require(clip >= 0, "clip must be >= 0 (0 = none), got " + clip);
        require(epochs >= 1, "epochs must be at least 1, got " + epochs);
        require(patience >= 0, "patience must be >= 0, got " + patience);
        require(minCount >= 1, "minCount must be at least 1, got " + minCount);
        require(maxVocab >= 0, "maxVocab must be >= 0 (0 = no limit), got " + maxVocab);
        require(maxLength >= 2, "maxLength must be at least 2, got " + maxLength);
        require(beam >= 1, "beam must be at least 1, got " + beam);
        require(lengthPenalty >= 0, "lengthPenalty must be >= 0, got " + lengthPenalty);
    }

    /** The measured defaults (see the class comment). */
    public static Seq2SeqConfig defaults() {
        return new Seq2SeqConfig("word-lower", "word-lower", Cell.GRU, 256, 1, true, 256, 512, 1, 0.3, 0.3,
                64, 0.001, 1.0, 12, 2, 2, 0, 50, 5, 1.0, 42);
    }

    /** The encoder: sequences out, {@link #encoderSize()} features per step. */
    public RecurrentSpec encoder() {
        RecurrentSpec.Builder b = RecurrentSpec.builder(cell, units).optDepth(depth).optDropout(dropout).optReturnSequences(true);
        if (bidirectional) b.optBidirectional(RecurrentSpec.Merge.CONCAT);
        return b.build();
    }

    /** The decoder's recurrent layers (unidirectional: it runs one step at a time when translating). */
    public RecurrentSpec decoder() {
        return RecurrentSpec.builder(cell, decoderUnits).optDepth(decoderDepth).optDropout(dropout).optReturnSequences(true).build();
    }

    /** Features per encoder step (the attention keys and values). */
    public int encoderSize() {
        return encoder().outputSize();
    }

    /**
     * A copy with one setting changed, by its name in {@link #toMap()} (cell: lstm|gru|rnn).
     * IllegalArgumentException names the key for a bad value.
     */
    public Seq2SeqConfig with(String key, String value) {
        Map<String, String> m = toMap();
        if (!m.containsKey(key)) {
            throw new IllegalArgumentException("unknown setting '" + key + "' (known: " + String.join(", ", m.keySet()) + ")");
        }
        m.put(key, value);
        return fromMap(m);
    }

    /** Settings from the map {@link #toMap()} writes (every key present). */
    public static Seq2SeqConfig fromMap(Map<String, String> m) {
        for (String k : defaults().toMap().keySet()) {
            if (!m.containsKey(k)) throw new IllegalArgumentException("translation settings: missing '" + k + "'");
        }
        return new Seq2SeqConfig(m.get("sourceTokenizer"), m.get("targetTokenizer"), RecurrentSpec.parseCell(m.get("cell")),
                integer(m, "units"), integer(m, "depth"), bool(m, "bidirectional"), integer(m, "embedding"),
                integer(m, "decoderUnits"), integer(m, "decoderDepth"), real(m, "dropout"), real(m, "outputDropout"),
                integer(m, "batchSize"), real(m, "learningRate"), real(m, "clip"), integer(m, "epochs"), integer(m, "patience"),
                integer(m, "minCount"), integer(m, "maxVocab"), integer(m, "maxLength"), integer(m, "beam"),
                real(m, "lengthPenalty"), whole(m, "seed"));
    }

    /** The settings by name, in the spelling {@link #with} reads. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sourceTokenizer", sourceTokenizer);
        m.put("targetTokenizer", targetTokenizer);
        m.put("cell", RecurrentSpec.cellName(cell));
        m.put("units", Integer.toString(units));
        m.put("depth", Integer.toString(depth));
        m.put("bidirectional", Boolean.toString(bidirectional));
        m.put("embedding", Integer.toString(embedding));
        m.put("decoderUnits", Integer.toString(decoderUnits));
        m.put("decoderDepth", Integer.toString(decoderDepth));
        m.put("dropout", Double.toString(dropout));
        m.put("outputDropout", Double.toString(outputDropout));
        m.put("batchSize", Integer.toString(batchSize));
        m.put("learningRate", Double.toString(learningRate));
        m.put("clip", Double.toString(clip));
        m.put("epochs", Integer.toString(epochs));
        m.put("patience", Integer.toString(patience));
        m.put("minCount", Integer.toString(minCount));
        m.put("maxVocab", Integer.toString(maxVocab));
        m.put("maxLength", Integer.toString(maxLength));
        m.put("beam", Integer.toString(beam));
        m.put("lengthPenalty", Double.toString(lengthPenalty));
        m.put("seed", Long.toString(seed));
        return m;
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
