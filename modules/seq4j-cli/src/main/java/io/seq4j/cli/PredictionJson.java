package io.seq4j.cli;

import io.seq4j.embeddings.VectorSearch;
import io.seq4j.lm.LanguageModel;
import io.seq4j.ner.NerModel;
import io.seq4j.seq2seq.Translation;
import io.seq4j.sentiment.SentimentModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON objects of every task's predictions: what {@code predict --json} (and {@code lm score},
 * {@code word2vec nearest}) print per input and what {@code seq4j serve} answers for the same input.
 */
final class PredictionJson {
    private PredictionJson() {
    }

    /** {@code {"text", "label", "probabilities": {label: p}}}. */
    static Map<String, Object> sentiment(String text, SentimentModel.Prediction p) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("text", text);
        o.put("label", p.label());
        o.put("probabilities", p.probabilities());
        return o;
    }

    /** {@code {"text", "entities": [{"type", "text", "start", "end", "char_start", "char_end", "confidence"}]}}. */
    static Map<String, Object> ner(String text, List<NerModel.Entity> entities) {
        List<Object> list = new ArrayList<>();
        for (NerModel.Entity e : entities) {
            list.add(Json.object("type", e.type(), "text", e.text(), "start", e.start(), "end", e.end(), "char_start", e.charStart(),
                    "char_end", e.charEnd(), "confidence", e.confidence()));
        }
        return Json.object("text", text, "entities", list);
    }

    /** {@code {"text", "log_prob", "tokens", "cross_entropy", "perplexity", "bits_per_token"}}. */
    static Map<String, Object> score(LanguageModel.Score s) {
        return Json.object("text", s.text(), "log_prob", s.logProb(), "tokens", s.tokens(), "cross_entropy", s.crossEntropy(),
                "perplexity", s.perplexity(), "bits_per_token", s.bitsPerToken());
    }

    /** {@code {"word", "nearest": [{"word", "score"}]}}. */
    static Map<String, Object> nearest(String word, List<VectorSearch.Neighbour> n) {
        return Json.object("word", word, "nearest", neighbours(n));
    }

    /** {@code [{"word", "score"}]}. */
    static List<Object> neighbours(List<VectorSearch.Neighbour> n) {
        List<Object> out = new ArrayList<>();
        for (VectorSearch.Neighbour x : n) out.add(Json.object("word", x.word(), "score", x.score()));
        return out;
    }

    /**
     * {@code {"text", "translation", "tokens", "source_tokens", "log_prob", "complete", "attention": [[...]]}}:
     * attention row t = the weights over the source tokens and EOS when target token t (the last
     * row of a complete translation: EOS) was produced; complete = false when decoding stopped at the
     * length limit.
     */
    static Map<String, Object> translation(String text, Translation t) {
        List<Object> rows = new ArrayList<>();
        for (float[] row : t.attention()) {
            List<Object> r = new ArrayList<>(row.length);
            for (float a : row) r.add(Math.round(a * 1e4) / 1e4);
            rows.add(r);
        }
        return Json.object("text", text, "translation", t.text(), "tokens", t.tokens(), "source_tokens", t.sourceTokens(),
                "log_prob", t.logProbability(), "complete", t.complete(), "attention", rows);
    }
}
