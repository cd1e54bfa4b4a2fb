package io.seq4j.cli.quickstart;

import io.seq4j.lm.LanguageModel;
import io.seq4j.lm.LmConfig;
import io.seq4j.lm.LmSampleData;
import io.seq4j.lm.LmTrainer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The quickstart's language-model part: a small word-level LSTM trained on {@link LmSampleData}
 * (the project's data/lm/sample.txt), scored on held-out sentences, asked the lectures' question
 * P("apple and pear salad") vs P("apple and pair salad"), and sampled from.
 */
public final class LmExperiment {
    /**
     * @param perplexity held-out perplexity per word
     * @param scores     the lectures' sentence pair, scored
     * @param samples    sentences the model generated
     */
    public record Result(double perplexity, List<LanguageModel.Score> scores, List<String> samples) {
    }

    static final List<String> LECTURE_PAIR = List.of("apple and pear salad", "apple and pair salad");

    private LmExperiment() {
    }

    public static Result run(int epochs, long seed, Path dir, PrintStream log) throws IOException {
        List<String> train = LmSampleData.sentences(3000, 7), dev = LmSampleData.sentences(300, 7 + seed);
        log.printf(Locale.ROOT, "%n== language model: %d sentences of data/lm/sample.txt ('we made an apple and pear salad ...')%n", train.size());
        LmConfig c = LmConfig.defaults(LmConfig.Level.WORD).with("tokenizer", "space").with("samples", "lines").with("minCount", "1")
                .with("units", "64").with("embedding", "32").with("epochs", Integer.toString(epochs)).with("learningRate", "0.01")
                .with("outputDropout", "0").with("seed", Long.toString(seed));
        LanguageModel m = new LmTrainer(c, null, log).train(train, dev);
        if (dir != null) {
            Path file = dir.resolve("lm-sample.zip");
            m.save(file);
            log.println("saved " + file);
        }
        List<String> samples = new ArrayList<>();
        for (long s = 1; s <= 3; s++) samples.add(m.sample(new LanguageModel.Sampling("", 0.8, 0, seed * 10 + s, 40, true)));
        return new Result(m.evaluate(dev).perplexity(), m.score(LECTURE_PAIR), samples);
    }

    /** The scores and samples as the quickstart prints them. */
    public static String report(Result r) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "held-out perplexity %.2f per word%n", r.perplexity()));
        for (LanguageModel.Score s : r.scores()) {
            sb.append(String.format(Locale.ROOT, "  P(%s) = %.3g   (log %.2f)%n", s.text(), s.probability(), s.logProb()));
        }
        sb.append("sampled sentences:\n");
        r.samples().forEach(s -> sb.append("  ").append(s).append('\n'));
        return sb.toString();
    }
}
