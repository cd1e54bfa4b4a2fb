package io.seq4j.series.audio;

import io.seq4j.core.bundle.BundleFormatException;
import io.seq4j.core.data.InputFormatException;
import io.seq4j.core.data.LabeledFrames;
import io.seq4j.core.eval.ClassificationEvaluation;
import io.seq4j.core.text.LabelSet;
import io.seq4j.series.SeriesClassifier;
import io.seq4j.series.SeriesConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Classifies recordings (spoken words, sounds): a WAV file becomes feature frames
 * ({@link AudioFeatures}: log-mel or MFCC, {@code [frames][features]}), a {@link SeriesClassifier}
 * maps them to a label. The feature settings are saved in the model's bundle, so
 * {@code AudioClassifier.load(file).classify(wav)} computes the same features the model was trained on.
 */
public final class AudioClassifier {
    /** A labelled recording. */
    public record Clip(Path wav, String label) {
    }

    private final SeriesClassifier model;
    private final AudioFeatures features;

    private AudioClassifier(SeriesClassifier model, AudioFeatures features) {
        this.model = model;
        this.features = features;
    }

    /**
     * Computes the features of every clip and trains on them, keeping the epoch of best dev accuracy.
     * A clip whose sample rate is not {@code featureConfig.sampleRate()} is an InputFormatException naming it.
     */
    public static AudioClassifier train(SeriesConfig config, AudioFeatureConfig featureConfig, List<Clip> train, List<Clip> dev,
                                        Path checkpointDir, PrintStream progress) throws IOException {
        AudioFeatures features = new AudioFeatures(featureConfig);
        LabelSet labels = LabelSet.sortedOf(train.stream().map(Clip::label).toList());
        long start = System.nanoTime();
        List<LabeledFrames> tr = frames(features, labels, train), dv = frames(features, labels, dev);
        if (progress != null) {
            progress.printf(Locale.ROOT, "features of %d clips in %.1f s: %s%n", train.size() + dev.size(), (System.nanoTime() - start) / 1e9,
                    featureConfig);
        }
        return new AudioClassifier(SeriesClassifier.train(config, labels, tr, dv, featureConfig.toMap(), checkpointDir, progress), features);
    }

    /** The label and class probabilities of one recording. */
    public SeriesClassifier.Prediction classify(Path wav) throws IOException {
        return model.classify(frames(features, wav));
    }

    /** Accuracy, per-class scores and confusion on labelled clips (a label the model does not know is an error naming the clip). */
    public ClassificationEvaluation evaluate(List<Clip> clips) throws IOException {
        return model.evaluate(frames(features, model.labels(), clips));
    }

    public SeriesClassifier model() {
        return model;
    }

    public void save(Path file) throws IOException {
        model.save(file);
    }

    /** Loads a bundle written by {@link #save} (a series-classifier bundle holding audio feature settings). */
    public static AudioClassifier load(Path file) throws IOException {
        SeriesClassifier m = SeriesClassifier.load(file);
        try {
            return new AudioClassifier(m, new AudioFeatures(AudioFeatureConfig.fromMap(m.inputs())));
        } catch (RuntimeException e) {
            throw new BundleFormatException(file.toString(), "holds no valid audio feature settings (" + e.getMessage() + ")");
        }
    }

    private static List<LabeledFrames> frames(AudioFeatures features, LabelSet labels, List<Clip> clips) throws IOException {
        List<LabeledFrames> out = new ArrayList<>();
        for (Clip c : clips) {
            if (!labels.contains(c.label())) throw new InputFormatException(c.wav().toString(), 0, "label '" + c.label() + "' is not one of " + labels);
            out.add(new LabeledFrames(frames(features, c.wav()), labels.indexOf(c.label())));
        }
        return out;
    }

    private static float[][] frames(AudioFeatures features, Path wav) throws IOException {
        Wav w = WavReader.read(wav);
        if (w.sampleRate() != features.config().sampleRate()) {
            throw new InputFormatException(wav.toString(), 0, w.sampleRate() + " Hz audio, the model reads " + features.config().sampleRate() + " Hz");
        }
        return features.compute(w.samples());
    }
}
