package io.seq4j.cli.quickstart;

import io.seq4j.seq2seq.AttentionHeatmap;
import io.seq4j.seq2seq.SentencePair;
import io.seq4j.seq2seq.Seq2SeqConfig;
import io.seq4j.seq2seq.Seq2SeqTrainer;
import io.seq4j.seq2seq.Translation;
import io.seq4j.seq2seq.TranslationModel;
import io.seq4j.seq2seq.TranslationSampleData;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The quickstart's translation part: a small attention encoder-decoder trained on
 * {@link TranslationSampleData} (the project's data/translate/sample.tsv, English to French with
 * gender agreement and reordering), scored with corpus BLEU on held-out pairs, and shown on
 * sentences it has not seen.
 */
public final class TranslateExperiment {
    /**
     * @param bleu     corpus BLEU (sacreBLEU's 13a) of the held-out translations, beam 5
     * @param examples English source, model translation
     */
    public record Result(double bleu, int testPairs, List<Translation> examples) {
    }

    static final List<String> EXAMPLES = List.of("the small red car sees a dog .", "a big white horse follows the girl near the house .");

    private TranslateExperiment() {
    }

    public static Result run(int epochs, long seed, Path dir, PrintStream log) throws IOException {
        List<SentencePair> all = TranslationSampleData.pairs(3000, 11);
        List<SentencePair> train = all.subList(0, 2500), dev = all.subList(2500, 2700), test = all.subList(2700, 3000);
        log.printf(Locale.ROOT, "%n== translation: %d English-French pairs of data/translate/sample.tsv ('the small red car' -> 'la petite voiture rouge')%n",
                train.size());
        Seq2SeqConfig c = Seq2SeqConfig.defaults().with("units", "64").with("embedding", "32").with("decoderUnits", "96")
                .with("minCount", "1").with("dropout", "0.1").with("outputDropout", "0.1").with("learningRate", "0.005")
                .with("epochs", Integer.toString(epochs)).with("patience", Integer.toString(epochs)).with("seed", Long.toString(seed));
        TranslationModel m = new Seq2SeqTrainer(c, null, log).train(train, dev);
        List<Translation> examples = m.translate(EXAMPLES);
        if (dir != null) {
            Path file = dir.resolve("translate-sample.zip");
            m.save(file);
            Path png = dir.resolve("translate-attention.png");
            AttentionHeatmap.write(examples.get(0), png);
            log.println("saved " + file + " and " + png);
        }
        return new Result(m.evaluate(test, c.beam()).bleu(), test.size(), examples);
    }

    /** BLEU and the example translations as the quickstart prints them. */
    public static String report(Result r) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "held-out BLEU %.1f on %d pairs (beam 5)%n", r.bleu(), r.testPairs()));
        for (int i = 0; i < r.examples().size(); i++) {
            sb.append("  ").append(EXAMPLES.get(i)).append("\n    -> ").append(r.examples().get(i).text()).append('\n');
        }
        return sb.toString();
    }
}
