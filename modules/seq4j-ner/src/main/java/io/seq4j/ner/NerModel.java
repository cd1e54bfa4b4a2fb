package io.seq4j.ner;

import io.seq4j.core.batch.InputEncoding;
import io.seq4j.core.batch.SequenceBatcher;
import io.seq4j.core.bundle.BundleFormatException;
import io.seq4j.core.bundle.ModelBundle;
import io.seq4j.core.concurrent.BatchingExecutor;
import io.seq4j.core.data.CharTaggedSequence;
import io.seq4j.core.nn.Outputs;
import io.seq4j.core.text.LabelSet;
import io.seq4j.core.text.Vocabulary;
import io.seq4j.core.text.WordTokenizer;
import io.seq4j.ner.EntitySpans.Span;
import io.seq4j.ner.nn.CrfOutputLayer;
import io.seq4j.ner.nn.LinearChainCrf;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained named-entity tagger: vocabularies, tag set, settings and the DL4J network
 * ({@link io.seq4j.ner.nn.CharWordEmbedding}, bidirectional encoder, CRF or softmax). Saved as a
 * {@link ModelBundle} of task {@value #TASK}. Thread-safe: {@link #tag(String)} batches concurrent callers, the network runs one batch at a time.
 */
public final class NerModel {
    public static final String TASK = "ner";
    private static final String WORDS = "words.txt", CHARS = "chars.txt", TAGS = "tags.txt";

    /**
     * An entity found in a sentence.
     *
     * @param start      first token (0-based); {@code end} is exclusive
     * @param charStart  offset of its first character in the text given to {@link #tag(String)}
     *                   (-1 when tokens were given); {@code charEnd} is exclusive
     * @param confidence the lowest per-token probability of its tags (CRF: marginal probabilities
     *                   from forward-backward; softmax: the output probabilities)
     */
    public record Entity(String type, int start, int end, int charStart, int charEnd, String text, double confidence) {
    }

    private final MultiLayerNetwork network;
    private final Vocabulary words;
    private final Vocabulary chars;
    private final LabelSet tags;
    private final NerConfig config;
    private final Map<String, Double> metrics;
    private final NerEncoder encoder;
    private final SequenceBatcher batcher;
    private final BatchingExecutor<List<String>, Decoded> single;

    NerModel(MultiLayerNetwork network, Vocabulary words, Vocabulary chars, LabelSet tags, NerConfig config, Map<String, Double> metrics) {
        this.network = network;
        this.words = words;
        this.chars = chars;
        this.tags = tags;
        this.config = config;
        this.metrics = Map.copyOf(metrics);
        this.encoder = new NerEncoder(words, chars, tags, config);
        this.batcher = batcher(config, words, tags);
        this.single = new BatchingExecutor<>("seq4j-ner-tag", config.batchSize(), this::decode);
    }

    static SequenceBatcher batcher(NerConfig c, Vocabulary words, LabelSet tags) {
        return SequenceBatcher.builder(InputEncoding.INDEX, words.size(), tags.size()).optBatchSize(c.batchSize())
                .optCharacters(c.maxChars()).optSeed(c.seed()).build();
    }

    /**
     * Entities in a text, tokenized with seq4j's word tokenizer (case kept). Safe from many threads at
     * once: concurrent sentences are tagged together in batches ({@link BatchingExecutor}).
     */
    public List<Entity> tag(String text) {
        List<String> tokens = new WordTokenizer(false).tokenize(text);
        if (tokens.isEmpty()) return List.of();
        int[] offsets = new int[tokens.size()];
        int at = 0;
        for (int i = 0; i < tokens.size(); i++) {
            at = text.indexOf(tokens.get(i), at);
            offsets[i] = at;
            at += tokens.get(i).length();
        }
        List<Entity> out = new ArrayList<>();
        for (Entity e : tag(tokens)) {
            int cs = offsets[e.start()];
            int ce = offsets[e.end() - 1] + tokens.get(e.end() - 1).length();
            out.add(new Entity(e.type(), e.start(), e.end(), cs, ce, text.substring(cs, ce), e.confidence()));
        }
        return out;
    }

    /** Entities in a tokenized sentence (character offsets -1). */
    public List<Entity> tag(List<String> tokens) {
        if (tokens.isEmpty()) return List.of();
        Decoded d = single.call(tokens);
        List<Entity> out = new ArrayList<>();
        for (Span s : EntitySpans.decode(d.tags())) {
            double conf = 1;
            for (int i = s.start(); i < s.end(); i++) conf = Math.min(conf, d.probability()[i]);
            out.add(new Entity(s.type(), s.start(), s.end(), -1, -1, String.join(" ", tokens.subList(s.start(), s.end())), conf));
        }
        return out;
    }

    /** Predicted tags of many tokenized sentences, batched, in the training scheme. */
    public List<List<String>> predictTags(List<List<String>> sentences) {
        List<List<String>> out = new ArrayList<>(sentences.size());
        for (Decoded d : decode(sentences)) out.add(d.tags());
        return out;
    }

    /** Tags and their probabilities of each sentence. */
    record Decoded(List<String> tags, double[] probability) {
    }

    /** The network runs one batch at a time: the one synchronized entry to it. */
    synchronized List<Decoded> decode(List<List<String>> sentences) {
        List<CharTaggedSequence> samples = new ArrayList<>(sentences.size());
        for (List<String> s : sentences) {
            if (s.isEmpty()) throw new IllegalArgumentException("an empty sentence cannot be tagged");
            samples.add(encoder.encode(s, null));
        }
        List<Decoded> out = new ArrayList<>(sentences.size());
        for (List<CharTaggedSequence> batch : batcher.inOrder(samples)) {
            DataSet ds = batcher.features(batch);
            INDArray scores = Outputs.of(network, ds.getFeatures(), ds.getFeaturesMaskArray());
            if (config.output() == NerConfig.Output.CRF) {
                CrfOutputLayer crf = (CrfOutputLayer) network.getOutputLayer();
                LinearChainCrf chain = crf.chain();
                double[][][] e = CrfOutputLayer.split(scores, ds.getFeaturesMaskArray());
                for (double[][] em : e) {
                    int[] path = chain.viterbi(em);
                    double[][] marg = chain.marginals(em);
                    double[] p = new double[path.length];
                    for (int t = 0; t < path.length; t++) p[t] = marg[t][path[t]];
                    out.add(new Decoded(names(path), p));
                }
            } else {
                double[][][] probs = CrfOutputLayer.split(scores.castTo(DataType.DOUBLE), ds.getFeaturesMaskArray());
                for (double[][] pr : probs) {
                    int[] path = new int[pr.length];
                    double[] p = new double[pr.length];
                    for (int t = 0; t < pr.length; t++) {
                        for (int j = 1; j < pr[t].length; j++) if (pr[t][j] > pr[t][path[t]]) path[t] = j;
                        p[t] = pr[t][path[t]];
                    }
                    out.add(new Decoded(names(path), p));
                }
            }
        }
        return out;
    }

    private List<String> names(int[] path) {
        List<String> t = new ArrayList<>(path.length);
        for (int i : path) t.add(tags.label(i));
        return t;
    }

    /**
     * Scores the model on tagged sentences as conlleval does; gold and predicted tags are both
     * written in IOB2 (conlleval does not read BIOES), which keeps every entity.
     */
    public ConllEval evaluate(List<ConllReader.Sentence> gold) {
        return scored(gold).eval();
    }

    /**
     * {@link #evaluate(List)}, also writing the "word gold predicted" file conlleval.pl reads
     * (IOB2, a blank line after each sentence) to {@code conllevalInput} unless it is null.
     */
    public ConllEval evaluate(List<ConllReader.Sentence> gold, Path conllevalInput) throws IOException {
        Scored s = scored(gold);
        if (conllevalInput != null) ConllEval.writeConllevalInput(conllevalInput, s.words(), s.gold(), s.predicted());
        return s.eval();
    }

    /** One prediction pass over tagged sentences: words, IOB2 gold and predicted tags, and their score. */
    private record Scored(List<List<String>> words, List<List<String>> gold, List<List<String>> predicted, ConllEval eval) {
    }

    private Scored scored(List<ConllReader.Sentence> sentences) {
        List<List<String>> words = sentences.stream().map(ConllReader.Sentence::words).toList();
        List<List<String>> gold = sentences.stream().map(s -> EntitySpans.convert(s.tags(), TagScheme.IOB2)).toList();
        List<List<String>> predicted = predictTags(words).stream().map(p -> EntitySpans.convert(p, TagScheme.IOB2)).toList();
        ConllEval eval = new ConllEval();
        for (int i = 0; i < gold.size(); i++) eval.add(gold.get(i), predicted.get(i));
        return new Scored(words, gold, predicted, eval);
    }

    public NerConfig config() {
        return config;
    }

    public LabelSet tags() {
        return tags;
    }

    public Map<String, Double> metrics() {
        return metrics;
    }

    public MultiLayerNetwork network() {
        return network;
    }

    NerEncoder encoder() {
        return encoder;
    }

    /** This model with one more recorded metric. */
    public NerModel withMetric(String name, double value) {
        Map<String, Double> m = new LinkedHashMap<>(metrics);
        m.put(name, value);
        return new NerModel(network, words, chars, tags, config, m);
    }

    /** Writes the model as one bundle zip, atomically. */
    public void save(Path file) throws IOException {
        ModelBundle.Builder b = ModelBundle.builder(TASK, network).optSettings(config.toMap()).optSeed(config.seed())
                .optVocabulary(WORDS, words).optVocabulary(CHARS, chars).optLabels(TAGS, tags);
        metrics.forEach(b::optMetric);
        b.build().save(file, false);
    }

    /** Loads a bundle written by {@link #save}; another task's bundle is a BundleFormatException naming the file. */
    public static NerModel load(Path file) throws IOException {
        ModelBundle b = ModelBundle.load(file);
        if (!TASK.equals(b.task())) throw new BundleFormatException(file.toString(), "is a '" + b.task() + "' model, not a " + TASK + " model");
        Map<String, Double> metrics = new LinkedHashMap<>();
        b.metrics().forEach((k, v) -> metrics.put(k, Double.parseDouble(v)));
        return new NerModel(b.multiLayerNetwork(), b.vocabulary(WORDS), b.vocabulary(CHARS), b.labels(TAGS), NerConfig.fromMap(b.settings()),
                metrics);
    }
}
