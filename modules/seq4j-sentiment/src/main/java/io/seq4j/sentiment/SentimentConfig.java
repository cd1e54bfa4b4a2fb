package io.seq4j.sentiment;

import io.seq4j.core.nn.Pooling;
import io.seq4j.core.nn.RecurrentSpec;
import io.seq4j.core.nn.RecurrentSpec.Cell;
import io.seq4j.core.nn.RecurrentSpec.Merge;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * Settings of a recurrent text classifier, immutable. {@code SentimentConfig.builder()} starts from
 * the defaults, which are the settings measured in bench/sentiment.sh (a user who changes nothing
 * gets that model):
 * <ul>
 *   <li>input: lower-cased word tokens, vocabulary of training words seen at least {@code minCount}
 *       = 2 times, at most {@code maxVocab} = 50,000 entries; embeddings of {@code embedding} = 128
 *       dimensions, random or from {@code pretrained} (word2vec text/binary or GloVe), trained on
 *       unless {@code fineTune} is false;</li>
 *   <li>long documents: at most {@code maxLength} = 400 tokens; a longer one keeps its first
 *       {@code headTokens} = 100 and its last {@code maxLength - headTokens} tokens (reviews put
 *       their verdict at the end; see {@link DocumentEncoder});</li>
 *   <li>encoder: bidirectional (CONCAT) {@code cell} = LSTM with {@code units} = 128 per direction,
 *       {@code depth} = 1; {@code embeddingDropout} = 0.25 on its input;</li>
 *   <li>{@code pooling} = ATTENTION over time (additive, one learned query, masked; on IMDB it beat
 *       MAX, see docs/sentiment.md), {@code outputDropout} = 0.5, softmax;</li>
 *   <li>training: Adam at {@code learningRate} = 0.001, batches of {@code batchSize} = 32 (length
 *       bucketed), gradient-norm clipping 5, at most {@code epochs} = 8 with early stopping after
 *       {@code patience} = 2 epochs without dev-accuracy gain, best dev epoch kept, {@code seed} = 42.</li>
 * </ul>
 * {@link #fromProperties} reads the same keys {@link #toMap} writes (a bundle's settings).
 */
public final class SentimentConfig {
    private static final Set<String> KEYS = Set.of("cell", "units", "depth", "bidirectional", "pooling", "embedding", "pretrained",
            "fineTune", "embeddingDropout", "outputDropout", "maxLength", "headTokens", "minCount", "maxVocab", "lowercase", "tokenizer",
            "batchSize", "epochs", "patience", "learningRate", "seed");

    private final Cell cell;
    private final int units;
    private final int depth;
    private final boolean bidirectional;
    private final Pooling pooling;
    private final int embedding;
    private final Path pretrained;
    private final boolean fineTune;
    private final double embeddingDropout;
    private final double outputDropout;
    private final int maxLength;
    private final int headTokens;
    private final int minCount;
    private final int maxVocab;
    private final boolean lowercase;
    private final String tokenizer;
    private final int batchSize;
    private final int epochs;
    private final int patience;
    private final double learningRate;
    private final long seed;

    private SentimentConfig(Builder b) {
        cell = b.cell;
        units = b.units;
        depth = b.depth;
        bidirectional = b.bidirectional;
        pooling = b.pooling;
        embedding = b.embedding;
        pretrained = b.pretrained;
        fineTune = b.fineTune;
        embeddingDropout = b.embeddingDropout;
        outputDropout = b.outputDropout;
        maxLength = b.maxLength;
        headTokens = b.headTokens;
        minCount = b.minCount;
        maxVocab = b.maxVocab;
        lowercase = b.lowercase;
        tokenizer = b.tokenizer;
        batchSize = b.batchSize;
        epochs = b.epochs;
        patience = b.patience;
        learningRate = b.learningRate;
        seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's settings, to change some of them. */
    public Builder toBuilder() {
        return builder().apply(toMap());
    }

    public Cell cell() { return cell; }
    public int units() { return units; }
    public int depth() { return depth; }
    public boolean bidirectional() { return bidirectional; }
    public Pooling pooling() { return pooling; }
    public int embedding() { return embedding; }
    /** Pretrained vectors file, or null for random embeddings. */
    public Path pretrained() { return pretrained; }
    public boolean fineTune() { return fineTune; }
    public double embeddingDropout() { return embeddingDropout; }
    public double outputDropout() { return outputDropout; }
    public int maxLength() { return maxLength; }
    public int headTokens() { return headTokens; }
    public int minCount() { return minCount; }
    public int maxVocab() { return maxVocab; }
    public boolean lowercase() { return lowercase; }
    /** "word" (seq4j's word tokenizer, the default) or "char" (one token per character: DNA, protein and other symbol sequences). */
    public String tokenizer() { return tokenizer; }
    public int batchSize() { return batchSize; }
    public int epochs() { return epochs; }
    public int patience() { return patience; }
    public double learningRate() { return learningRate; }
    public long seed() { return seed; }

    /** The encoder these settings describe (sequences out unless pooling is LAST). */
    public RecurrentSpec encoder() {
        RecurrentSpec.Builder b = RecurrentSpec.builder(cell, units).optDepth(depth).optDropout(embeddingDropout)
                .optReturnSequences(pooling.needsSequences());
        if (bidirectional) b.optBidirectional(Merge.CONCAT);
        return b.build();
    }

    /** All settings as strings, keyed as in a .properties file. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cell", cell.name());
        m.put("units", Integer.toString(units));
        m.put("depth", Integer.toString(depth));
        m.put("bidirectional", Boolean.toString(bidirectional));
        m.put("pooling", pooling.name());
        m.put("embedding", Integer.toString(embedding));
        m.put("pretrained", pretrained == null ? "" : pretrained.toString());
        m.put("fineTune", Boolean.toString(fineTune));
        m.put("embeddingDropout", Double.toString(embeddingDropout));
        m.put("outputDropout", Double.toString(outputDropout));
        m.put("maxLength", Integer.toString(maxLength));
        m.put("headTokens", Integer.toString(headTokens));
        m.put("minCount", Integer.toString(minCount));
        m.put("maxVocab", Integer.toString(maxVocab));
        m.put("lowercase", Boolean.toString(lowercase));
        m.put("tokenizer", tokenizer);
        m.put("batchSize", Integer.toString(batchSize));
        m.put("epochs", Integer.toString(epochs));
        m.put("patience", Integer.toString(patience));
        m.put("learningRate", Double.toString(learningRate));
        m.put("seed", Long.toString(seed));
        return m;
    }

    /** Defaults overridden by the given properties; an unknown key or a bad value is an IllegalArgumentException naming it. */
    public static SentimentConfig fromProperties(Properties p) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) m.put(k, p.getProperty(k));
        return builder().apply(m).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SentimentConfig c && c.toMap().equals(toMap());
    }

    @Override
    public int hashCode() {
        return Objects.hash(toMap());
    }

    @Override
    public String toString() {
        return toMap().toString();
    }

    /** Builder with the documented defaults; {@code optX} setters, validated in {@link #build()}. */
    public static final class Builder {
        private Cell cell = Cell.LSTM;
        private int units = 128;
        private int depth = 1;
        private boolean bidirectional = true;
        private Pooling pooling = Pooling.ATTENTION;
        private int embedding = 128;
        private Path pretrained;
        private boolean fineTune = true;
        private double embeddingDropout = 0.25;
        private double outputDropout = 0.5;
        private int maxLength = 400;
        private int headTokens = 100;
        private int minCount = 2;
        private int maxVocab = 50_000;
        private boolean lowercase = true;
        private String tokenizer = "word";
        private int batchSize = 32;
        private int epochs = 8;
        private int patience = 2;
        private double learningRate = 1e-3;
        private long seed = 42;

        private Builder() {
        }

        public Builder optCell(Cell v) { cell = Objects.requireNonNull(v, "cell"); return this; }
        public Builder optUnits(int v) { units = v; return this; }
        public Builder optDepth(int v) { depth = v; return this; }
        public Builder optBidirectional(boolean v) { bidirectional = v; return this; }
        public Builder optPooling(Pooling v) { pooling = Objects.requireNonNull(v, "pooling"); return this; }
        public Builder optEmbedding(int v) { embedding = v; return this; }
        /** Pretrained vectors (null: random); their dimension replaces {@code embedding}. */
        public Builder optPretrained(Path v) { pretrained = v; return this; }
        public Builder optFineTune(boolean v) { fineTune = v; return this; }
        public Builder optEmbeddingDropout(double v) { embeddingDropout = v; return this; }
        public Builder optOutputDropout(double v) { outputDropout = v; return this; }
        public Builder optMaxLength(int v) { maxLength = v; return this; }
        public Builder optHeadTokens(int v) { headTokens = v; return this; }
        public Builder optMinCount(int v) { minCount = v; return this; }
        public Builder optMaxVocab(int v) { maxVocab = v; return this; }
        public Builder optLowercase(boolean v) { lowercase = v; return this; }
        public Builder optTokenizer(String v) {
            if (!v.equals("word") && !v.equals("char")) throw new IllegalArgumentException("setting 'tokenizer' must be word or char, got '" + v + "'");
            tokenizer = v;
            return this;
        }
        public Builder optBatchSize(int v) { batchSize = v; return this; }
        public Builder optEpochs(int v) { epochs = v; return this; }
        public Builder optPatience(int v) { patience = v; return this; }
        public Builder optLearningRate(double v) { learningRate = v; return this; }
        public Builder optSeed(long v) { seed = v; return this; }

        /** Applies settings keyed as in {@link SentimentConfig#toMap}; IllegalArgumentException naming a bad key or value. */
        public Builder apply(Map<String, String> m) {
            for (Map.Entry<String, String> e : m.entrySet()) {
                String k = e.getKey(), v = e.getValue().trim();
                if (!KEYS.contains(k)) throw new IllegalArgumentException("unknown setting '" + k + "' (known: " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
                try {
                    switch (k) {
                        case "cell" -> optCell(Cell.valueOf(v.toUpperCase(Locale.ROOT)));
                        case "units" -> optUnits(Integer.parseInt(v));
                        case "depth" -> optDepth(Integer.parseInt(v));
                        case "bidirectional" -> optBidirectional(bool(v));
                        case "pooling" -> optPooling(Pooling.valueOf(v.toUpperCase(Locale.ROOT)));
                        case "embedding" -> optEmbedding(Integer.parseInt(v));
                        case "pretrained" -> optPretrained(v.isEmpty() ? null : Path.of(v));
                        case "fineTune" -> optFineTune(bool(v));
                        case "embeddingDropout" -> optEmbeddingDropout(Double.parseDouble(v));
                        case "outputDropout" -> optOutputDropout(Double.parseDouble(v));
                        case "maxLength" -> optMaxLength(Integer.parseInt(v));
                        case "headTokens" -> optHeadTokens(Integer.parseInt(v));
                        case "minCount" -> optMinCount(Integer.parseInt(v));
                        case "maxVocab" -> optMaxVocab(Integer.parseInt(v));
                        case "lowercase" -> optLowercase(bool(v));
                        case "tokenizer" -> optTokenizer(v);
                        case "batchSize" -> optBatchSize(Integer.parseInt(v));
                        case "epochs" -> optEpochs(Integer.parseInt(v));
                        case "patience" -> optPatience(Integer.parseInt(v));
                        case "learningRate" -> optLearningRate(Double.parseDouble(v));
                        case "seed" -> optSeed(Long.parseLong(v));
                        default -> throw new IllegalStateException(k);
                    }
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("setting '" + k + "': bad value '" + v + "'", ex);
                }
            }
            return this;
        }

        private static boolean bool(String v) {
            if (v.equalsIgnoreCase("true")) return true;
            if (v.equalsIgnoreCase("false")) return false;
            throw new IllegalArgumentException("expected true or false");
        }

        public SentimentConfig build() {
            positive("units", units);
            positive("depth", depth);
            positive("embedding", embedding);
            positive("maxLength", maxLength);
            positive("minCount", minCount);
            positive("batchSize", batchSize);
            positive("epochs", epochs);
            if (headTokens < 0 || headTokens > maxLength) {
                throw new IllegalArgumentException("setting 'headTokens' must be in [0, maxLength=" + maxLength + "], got " + headTokens);
            }
            if (maxVocab < 5) throw new IllegalArgumentException("setting 'maxVocab' must be at least 5, got " + maxVocab);
            if (patience < 0) throw new IllegalArgumentException("setting 'patience' must be >= 0, got " + patience);
            if (!(embeddingDropout >= 0 && embeddingDropout < 1)) throw new IllegalArgumentException("setting 'embeddingDropout' must be in [0, 1), got " + embeddingDropout);
            if (!(outputDropout >= 0 && outputDropout < 1)) throw new IllegalArgumentException("setting 'outputDropout' must be in [0, 1), got " + outputDropout);
            if (!(learningRate > 0)) throw new IllegalArgumentException("setting 'learningRate' must be positive, got " + learningRate);
            return new SentimentConfig(this);
        }

        private static void positive(String name, int v) {
            if (v <= 0) throw new IllegalArgumentException("setting '" + name + "' must be positive, got " + v);
        }
    }
}
