package io.seq4j.examples.splice;

import io.seq4j.core.bundle.BundleFormatException;
import io.seq4j.core.data.LabeledFrames;
import io.seq4j.core.data.LabeledTextStream.Row;
import io.seq4j.core.eval.ClassificationEvaluation;
import io.seq4j.core.text.LabelSet;
import io.seq4j.series.SeriesClassifier;
import io.seq4j.series.SeriesConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A DNA sequence classifier: {@link DnaEncoding} frames into a {@link SeriesClassifier}. Saved as a
 * series-classifier bundle that records the encoding, so
 * {@code SpliceClassifier.load(file).classify("CCAGCTGCAT...")} works on its own.
 */
public final class SpliceClassifier {
    static final String POSITIONS = "dna.positions";

    private final SeriesClassifier model;
    private final DnaEncoding encoding;

    private SpliceClassifier(SeriesClassifier model, DnaEncoding encoding) {
        this.model = model;
        this.encoding = encoding;
    }

    /** Trains on {@code train} (labels from it), early stopping on {@code dev}; positions = the longest training sequence. */
    public static SpliceClassifier train(SeriesConfig config, List<Row> train, List<Row> dev, PrintStream progress) throws IOException {
        LabelSet labels = LabelSet.sortedOf(train.stream().map(Row::label).toList());
        DnaEncoding enc = new DnaEncoding(train.stream().mapToInt(r -> r.text().length()).max().orElse(1));
        SeriesClassifier m = SeriesClassifier.train(config, labels, frames(enc, labels, train), frames(enc, labels, dev),
                Map.of(POSITIONS, Integer.toString(enc.positions())), null, progress);
        return new SpliceClassifier(m, enc);
    }

    /** The class of one sequence, with the probability of every class. */
    public SeriesClassifier.Prediction classify(String dna) {
        return model.classify(encoding.frames(dna));
    }

    /** Accuracy, per-class scores and confusion on labelled rows. */
    public ClassificationEvaluation evaluate(List<Row> rows) {
        return model.evaluate(frames(encoding, model.labels(), rows));
    }

    public SeriesClassifier model() {
        return model;
    }

    public void save(Path file) throws IOException {
        model.save(file);
    }

    public static SpliceClassifier load(Path file) throws IOException {
        SeriesClassifier m = SeriesClassifier.load(file);
        String p = m.inputs().get(POSITIONS);
        if (p == null) throw new BundleFormatException(file.toString(), "is a series classifier without a DNA encoding (" + POSITIONS + ")");
        return new SpliceClassifier(m, new DnaEncoding(Integer.parseInt(p)));
    }

    private static List<LabeledFrames> frames(DnaEncoding enc, LabelSet labels, List<Row> rows) {
        return rows.stream().map(r -> new LabeledFrames(enc.frames(r.text()), labels.indexOf(r.label()))).toList();
    }
}
