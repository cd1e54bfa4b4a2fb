package io.seq4j.embeddings.word2vec;

import static io.seq4j.core.data.SettingValues.integer;
import static io.seq4j.core.data.SettingValues.real;
import static io.seq4j.core.data.SettingValues.whole;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of a word2vec run, immutable. {@link #defaults()} are the settings bench/word2vec.sh
 * compares with gensim: skip-gram, {@code dimensions} 100, {@code window} 5, negative sampling with
 * {@code negative} 5 noise words, {@code minCount} 5, {@code sample} 1e-4, {@code epochs} 5,
 * learning rate {@code alpha} 0.025 decaying linearly to {@code minAlpha} 0.0001 over the whole run,
 * {@code threads} = the machine's cores, {@code seed} 1, tokenizer {@code word-lower} (seq4j's word
 * tokenizer, lower-cased; {@code space} for text that is already tokenized).
 *
 * @param model      SKIP_GRAM (predict the words around a word) or CBOW (predict a word from the
 *                   mean of its context vectors)
 * @param objective  NEGATIVE sampling or HIERARCHICAL softmax over a Huffman tree of the vocabulary
 * @param negative   noise words per positive pair (NEGATIVE only)
 * @param window     the largest distance to a context word; each position draws its own window
 *                   uniformly from 1..window, which weights near words more (as word2vec does)
 * @param sample     sub-sampling threshold: a word of corpus frequency f is kept with probability
 *                   (sqrt(f / sample) + 1) * sample / f; 0 keeps every word
 * @param maxVocab   keep only the most frequent words (0 = no limit)
 */
public record Word2VecConfig(Model model, Objective objective, int dimensions, int window, int negative, int minCount,
                             int maxVocab, double sample, int epochs, double alpha, double minAlpha, int threads, long seed,
                             String tokenizer) {
    public enum Model { SKIP_GRAM, CBOW }

    public enum Objective { NEGATIVE, HIERARCHICAL }

    public Word2VecConfig {
        require(dimensions >= 1, "dimensions must be at least 1, got " + dimensions);
        require(window >= 1, "window must be at least 1, got " + window);
        require(objective != Objective.NEGATIVE || negative >= 1, "negative sampling needs negative >= 1, got " + negative);
        require(minCount >= 1, "minCount must be at least 1, got " + minCount);
        require(maxVocab >= 0, "maxVocab must be >= 0 (0 = no limit), got " + maxVocab);
        require(sample >= 0 && sample < 1, "sample must be in [0, 1), got " + sample);
        require(epochs >= 1, "epochs must be at least 1, got " + epochs);
        require(alpha > 0 && minAlpha >= 0 && minAlpha <= alpha, "need 0 <= minAlpha <= alpha and alpha > 0, got alpha " + alpha
                + ", minAlpha " + minAlpha);
        require(threads >= 1, "threads must be at least 1, got " + threads);
        require(tokenizer != null && !tokenizer.isBlank(), "tokenizer must be named");
    }

    public static Word2VecConfig defaults() {
        return new Word2VecConfig(Model.SKIP_GRAM, Objective.NEGATIVE, 100, 5, 5, 5, 0, 1e-4, 5, 0.025, 0.0001,
                Runtime.getRuntime().availableProcessors(), 1, "word-lower");
    }

    /**
     * A copy with one setting changed, by its name in {@link #toMap()} (model: skipgram|cbow,
     * objective: negative|hs). IllegalArgumentException names the key for a bad value.
     */
    public Word2VecConfig with(String key, String value) {
        Map<String, String> m = toMap();
        if (!m.containsKey(key)) {
            throw new IllegalArgumentException("unknown setting '" + key + "' (known: " + String.join(", ", m.keySet()) + ")");
        }
        m.put(key, value);
        return fromMap(m);
    }

    /** Settings from the map {@link #toMap()} writes (every key present). */
    public static Word2VecConfig fromMap(Map<String, String> m) {
        return new Word2VecConfig(parseModel(m.get("model")), parseObjective(m.get("objective")), integer(m, "dimensions"),
                integer(m, "window"), integer(m, "negative"), integer(m, "minCount"), integer(m, "maxVocab"), real(m, "sample"),
                integer(m, "epochs"), real(m, "alpha"), real(m, "minAlpha"), integer(m, "threads"), whole(m, "seed"), m.get("tokenizer"));
    }

    /** The settings by name, in the spelling {@link #with} reads. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", model == Model.SKIP_GRAM ? "skipgram" : "cbow");
        m.put("objective", objective == Objective.NEGATIVE ? "negative" : "hs");
        m.put("dimensions", Integer.toString(dimensions));
        m.put("window", Integer.toString(window));
        m.put("negative", Integer.toString(negative));
        m.put("minCount", Integer.toString(minCount));
        m.put("maxVocab", Integer.toString(maxVocab));
        m.put("sample", Double.toString(sample));
        m.put("epochs", Integer.toString(epochs));
        m.put("alpha", Double.toString(alpha));
        m.put("minAlpha", Double.toString(minAlpha));
        m.put("threads", Integer.toString(threads));
        m.put("seed", Long.toString(seed));
        m.put("tokenizer", tokenizer);
        return m;
    }

    private static Model parseModel(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "skipgram", "skip-gram", "sg" -> Model.SKIP_GRAM;
            case "cbow" -> Model.CBOW;
            default -> throw new IllegalArgumentException("model: '" + v + "' is not skipgram or cbow");
        };
    }

    private static Objective parseObjective(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "negative", "ns" -> Objective.NEGATIVE;
            case "hs", "hierarchical" -> Objective.HIERARCHICAL;
            default -> throw new IllegalArgumentException("objective: '" + v + "' is not negative or hs");
        };
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
