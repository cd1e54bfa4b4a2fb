package io.seq4j.examples.digits;

import io.seq4j.core.backend.Backend;
import io.seq4j.core.data.InputFormatException;
import io.seq4j.core.eval.ClassificationEvaluation;
import io.seq4j.core.nn.Pooling;
import io.seq4j.core.nn.RecurrentSpec.Cell;
import io.seq4j.series.SeriesConfig;
import io.seq4j.series.audio.AudioClassifier;
import io.seq4j.series.audio.AudioClassifier.Clip;
import io.seq4j.series.audio.AudioFeatureConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Spoken digits (the lectures' speech recognition): classify recordings of the words "zero" to
 * "nine" from the Free Spoken Digit Dataset (3,000 WAV files, 8 kHz, 6 speakers). The canonical
 * split: recordings 0-4 of every digit and speaker are the test set (300 files), the rest train;
 * recordings 5-9 of the training part are held out for early stopping (dev, 300), 10-49 train (2,400).
 *
 * <p>Features: 13 MFCCs and their deltas per 25 ms frame, 10 ms hop ({@link AudioFeatureConfig});
 * model: {@link #config} over the frames, masked for the varying lengths.
 *
 * <pre>./seq4j example digits --data ../shared/data/fsdd [--save digits.zip] [--json]</pre>
 *
 * A saved model classifies a WAV file: {@code AudioClassifier.load(file).classify(wav)}.
 */
public final class SpokenDigits {
    private static final Pattern NAME = Pattern.compile("(\\d)_([A-Za-z]+)_(\\d+)\\.wav");

    /** The canonical split's three parts. */
    public record Split(List<Clip> train, List<Clip> dev, List<Clip> test) {
    }

    /** Test accuracy (with per-class scores and confusion), the best dev accuracy and the training time. */
    public record Result(ClassificationEvaluation test, double devAccuracy, double trainSeconds) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>(test.toMap());
            m.put("dev_accuracy", devAccuracy);
            m.put("test_files", test.total());
            m.put("train_seconds", trainSeconds);
            return m;
        }
    }

    private SpokenDigits() {
    }

    /** 13 MFCCs + deltas (26 features per 10 ms frame) at 8 kHz. */
    public static AudioFeatureConfig features() {
        AudioFeatureConfig d = AudioFeatureConfig.defaults(8000);
        return new AudioFeatureConfig(d.sampleRate(), d.frameMs(), d.hopMs(), d.nfft(), d.nMels(), d.nMfcc(), d.preEmphasis(), true);
    }

    /** A bidirectional GRU of 64 units per direction, mean pooling over frames, output dropout 0.3, Adam 0.002, <= 40 epochs, patience 8. */
    public static SeriesConfig config(long seed) {
        return new SeriesConfig(Cell.GRU, 64, 1, true, Pooling.MEAN, 0.0, 0, 0.3, "mse", "", 16, 32, 0.002, 0.0, 40, 8, seed);
    }

    /**
     * Reads the recordings under {@code dir} (or {@code dir/recordings}) and splits them by their
     * file names {@code DIGIT_SPEAKER_INDEX.wav}; a WAV file named otherwise is an
     * InputFormatException naming it.
     */
    public static Split read(Path dir) throws IOException {
        Path rec = Files.isDirectory(dir.resolve("recordings")) ? dir.resolve("recordings") : dir;
        if (!Files.isDirectory(rec)) throw new InputFormatException(dir.toString(), 0, "not a directory of FSDD recordings");
        List<Clip> train = new ArrayList<>(), dev = new ArrayList<>(), test = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(rec)) {
            files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav")).sorted().toList();
        }
        for (Path f : files) {
            Matcher m = NAME.matcher(f.getFileName().toString());
            if (!m.matches()) throw new InputFormatException(f.toString(), 0, "not named DIGIT_SPEAKER_INDEX.wav (e.g. 7_jackson_32.wav)");
            int index = Integer.parseInt(m.group(3));
            Clip c = new Clip(f, m.group(1));
            (index < 5 ? test : index < 10 ? dev : train).add(c);
        }
        if (train.isEmpty() || dev.isEmpty() || test.isEmpty()) {
            throw new InputFormatException(rec.toString(), 0, String.format(Locale.ROOT,
                    "needs recordings numbered 0-4 (test), 5-9 (dev) and 10 or more (train); found %d, %d and %d", test.size(), dev.size(), train.size()));
        }
        return new Split(train, dev, test);
    }

    /** Trains on the split's train part (dev for early stopping), evaluates on test, optionally saves the model. */
    public static Result run(Split split, long seed, Path save, PrintStream log) throws IOException {
        if (log != null) log.printf("%d train, %d dev, %d test recordings%n", split.train().size(), split.dev().size(), split.test().size());
        AudioClassifier m = AudioClassifier.train(config(seed), features(), split.train(), split.dev(), null, log);
        ClassificationEvaluation test = m.evaluate(split.test());
        if (save != null) {
            m.model().withMetric("test_accuracy", test.accuracy());
            m.save(save);
            if (log != null) log.println("saved the model to " + save);
        }
        return new Result(test, m.model().metrics().get("dev_accuracy"), m.model().metrics().get("train_seconds"));
    }

    /** {@code [DATA_DIR]} (default ../shared/data/fsdd): trains, evaluates, returns the metrics. */
    public static Map<String, Object> runExample(String... args) throws IOException {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data/fsdd");
        return run(read(data), 1, null, System.err).toMap();
    }

    /** The test report: accuracy, per-class scores, confusion. */
    public static String report(Result r) {
        return String.format(Locale.ROOT, "spoken digits, %d test recordings: accuracy %.4f (best dev %.4f), %.0f s of training%n",
                r.test().total(), r.test().accuracy(), r.devAccuracy(), r.trainSeconds()) + r.test().report();
    }

    public static void main(String[] args) throws IOException {
        Backend.init();
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data/fsdd");
        System.out.print(report(run(read(data), 1, null, System.err)));
    }
}
