package io.seq4j.sentiment;

import io.seq4j.core.batch.SequenceBatcher;
import io.seq4j.core.data.LabeledSequence;
import io.seq4j.core.data.LabeledTextStream.Row;
import io.seq4j.core.eval.ClassificationEvaluation;
import io.seq4j.core.nn.Outputs;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/** Scores a {@link SentimentModel} on labelled documents: accuracy, per-class P/R/F1, confusion matrix. */
public final class SentimentEvaluator {
    private SentimentEvaluator() {
    }

    /** Evaluates on documents whose labels the model knows; an unknown label is an IllegalArgumentException naming it. */
    public static ClassificationEvaluation evaluate(SentimentModel model, List<Row> rows) {
        ClassificationEvaluation eval = new ClassificationEvaluation(model.labels());
        List<LabeledSequence> samples = model.encode(rows);
        for (List<LabeledSequence> b : model.batcher().inOrder(samples)) {
            INDArray p = model.probabilities(b);
            long[] predicted = p.argMax(1).toLongVector();
            for (int i = 0; i < b.size(); i++) eval.add(b.get(i).label(), (int) predicted[i]);
        }
        return eval;
    }

    /** Accuracy of a network on encoded samples (the dev metric during training). */
    static double accuracy(MultiLayerNetwork net, SequenceBatcher batcher, List<LabeledSequence> samples) {
        long correct = 0;
        for (List<LabeledSequence> b : batcher.inOrder(samples)) {
            long[] predicted = Outputs.of(net, batcher.features(b)).argMax(1).toLongVector();
            for (int i = 0; i < b.size(); i++) if (predicted[i] == b.get(i).label()) correct++;
        }
        return correct / (double) samples.size();
    }
}
