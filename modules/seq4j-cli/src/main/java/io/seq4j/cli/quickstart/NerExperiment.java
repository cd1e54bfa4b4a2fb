package io.seq4j.cli.quickstart;

import io.seq4j.core.io.AtomicFiles;
import io.seq4j.ner.ConllEval;
import io.seq4j.ner.ConllReader;
import io.seq4j.ner.NerConfig;
import io.seq4j.ner.NerModel;
import io.seq4j.ner.NerSampleData;
import io.seq4j.ner.NerTrainer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The quickstart's named-entity part: a small BiLSTM + char CNN + CRF tagger trained on
 * {@link NerSampleData} (people, places, organisations; "Teddy Roosevelt" vs "Teddy bears"),
 * scored with conlleval's rules on generated test sentences, then run on the lectures' sentences.
 */
public final class NerExperiment {
    /** Test scores and the entities found in the lectures' sentences. */
    public record Result(ConllEval test, List<String> examples) {
    }

    static final List<String> LECTURE_SENTENCES = List.of("Harry Potter and Hermione Granger invented a new spell.",
            "Teddy Roosevelt was a great President.", "Teddy bears are on sale in Paris.");

    private NerExperiment() {
    }

    public static Result run(int trainSize, int epochs, long seed, Path dir, PrintStream log) throws IOException {
        List<ConllReader.Sentence> train = NerSampleData.generate(trainSize, seed * 5), dev = NerSampleData.generate(Math.max(20, trainSize / 6), seed * 5 + 1),
                test = NerSampleData.generate(Math.max(20, trainSize / 3), seed * 5 + 2);
        if (dir != null) {
            AtomicFiles.writeLines(dir.resolve("data/ner/train.txt"), NerSampleData.lines(train));
            AtomicFiles.writeLines(dir.resolve("data/ner/test.txt"), NerSampleData.lines(test));
        }
        log.printf(Locale.ROOT, "%n== named entities: %d train / %d dev / %d test generated sentences ('Harry Potter and Hermione Granger ...')%n",
                train.size(), dev.size(), test.size());
        NerConfig c = NerConfig.defaults().with("units", "32").with("wordDim", "32").with("charDim", "16").with("filters", "24")
                .with("epochs", Integer.toString(epochs)).with("patience", "0").with("learningRate", "0.01").with("dropout", "0.2")
                .with("seed", Long.toString(seed));
        NerModel m = new NerTrainer(c, null, log).train(train, dev);
        if (dir != null) {
            Path file = dir.resolve("ner-sample.zip");
            m.save(file);
            log.println("saved " + file);
        }
        List<String> examples = LECTURE_SENTENCES.stream().map(s -> s + "  ->  " + m.tag(s).stream()
                .map(e -> e.type() + "[" + e.text() + "]").toList()).toList();
        return new Result(m.evaluate(test), examples);
    }
}
