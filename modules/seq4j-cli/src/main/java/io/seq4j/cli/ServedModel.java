package io.seq4j.cli;

import io.seq4j.core.bundle.BundleFormatException;
import io.seq4j.core.bundle.ModelBundle;
import io.seq4j.embeddings.VectorSearch;
import io.seq4j.embeddings.WordVectors;
import io.seq4j.lm.LanguageModel;
import io.seq4j.ner.NerModel;
import io.seq4j.sentiment.SentimentModel;
import io.seq4j.seq2seq.Translation;
import io.seq4j.seq2seq.TranslationModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A model loaded for {@code seq4j serve}: its name, task, manifest metrics, and how a list of input
 * texts becomes the JSON objects the CLI prints for them ({@link PredictionJson}). The task models
 * are thread-safe (concurrent requests are batched or take turns), so one instance serves all
 * request threads.
 */
final class ServedModel {
    private final String name;
    private final String task;
    private final Map<String, String> metrics;
    private final Function<List<String>, List<Object>> predict;
    private final LanguageModel lm;

    private ServedModel(String name, String task, Map<String, String> metrics, Function<List<String>, List<Object>> predict, LanguageModel lm) {
        this.name = name;
        this.task = task;
        this.metrics = metrics;
        this.predict = predict;
        this.lm = lm;
    }

    /**
     * Loads a bundle (sentiment, ner, lm) or, for files that are not bundles, word vectors
     * (word2vec text/binary, GloVe: task "word2vec", predictions = the 10 nearest words).
     */
    static ServedModel load(String name, Path file) throws IOException {
        Properties mf;
        try {
            mf = ModelBundle.readManifest(file);
        } catch (BundleFormatException notABundle) {
            if (!java.nio.file.Files.isRegularFile(file)) throw notABundle;
            VectorSearch search;
            try {
                search = new VectorSearch(WordVectors.read(file));
            } catch (IOException | RuntimeException e) {
                throw new BundleFormatException(file.toString(), "is neither a seq4j model bundle nor a word-vector file (" + notABundle.getMessage() + ")");
            }
            return new ServedModel(name, "word2vec", Map.of(), words -> {
                synchronized (search) {        // VectorSearch caches a matrix: one caller at a time
                    return each(words, w -> PredictionJson.nearest(w, search.nearest(w, 10)));
                }
            }, null);
        }
        String task = mf.getProperty("task", "");
        Map<String, String> metrics = new TreeMap<>();
        for (String k : mf.stringPropertyNames()) if (k.startsWith("metric.")) metrics.put(k.substring(7), mf.getProperty(k));
        switch (task) {
            case SentimentModel.TASK -> {
                SentimentModel m = SentimentModel.load(file);
                return new ServedModel(name, task, metrics, texts -> {
                    // one text: through the model's batching entry, so concurrent requests share a batch
                    List<SentimentModel.Prediction> p = texts.size() == 1 ? List.of(m.predict(texts.get(0))) : m.predict(texts);
                    List<Object> out = new ArrayList<>();
                    for (int i = 0; i < texts.size(); i++) out.add(PredictionJson.sentiment(texts.get(i), p.get(i)));
                    return out;
                }, null);
            }
            case NerModel.TASK -> {
                NerModel m = NerModel.load(file);
                return new ServedModel(name, task, metrics, texts -> each(texts, t -> PredictionJson.ner(t, m.tag(t))), null);
            }
            case LanguageModel.TASK -> {
                LanguageModel m = LanguageModel.load(file);
                return new ServedModel(name, task, metrics, texts -> new ArrayList<>((texts.size() == 1 ? List.of(m.score(texts.get(0)))
                        : m.score(texts)).stream().map(PredictionJson::score).toList()), m);
            }
            case TranslationModel.TASK -> {
                TranslationModel m = TranslationModel.load(file);
                return new ServedModel(name, task, metrics, texts -> {
                    List<Translation> t = texts.size() == 1 ? List.of(m.translate(texts.get(0))) : m.translate(texts);
                    List<Object> out = new ArrayList<>();
                    for (int i = 0; i < texts.size(); i++) out.add(PredictionJson.translation(texts.get(i), t.get(i)));
                    return out;
                }, null);
            }
            default -> throw new BundleFormatException(file.toString(), "is a '" + task + "' model; seq4j serve serves sentiment, ner, lm, translate and word vectors");
        }
    }

    private static List<Object> each(List<String> inputs, Function<String, Object> f) {
        List<Object> out = new ArrayList<>();
        for (String s : inputs) out.add(f.apply(s));
        return out;
    }

    String name() {
        return name;
    }

    String task() {
        return task;
    }

    Map<String, String> metrics() {
        return metrics;
    }

    /** The JSON objects for these inputs, in order; an IllegalArgumentException is the caller's mistake (e.g. an unknown word). */
    List<Object> predict(List<String> inputs) {
        return predict.apply(inputs);
    }

    /** The language model, for {@code /sample}; null for other tasks. */
    LanguageModel languageModel() {
        return lm;
    }
}
