package io.seq4j.ner;

import io.seq4j.core.batch.SequenceBatcher;
import io.seq4j.core.data.CharTaggedSequence;
import io.seq4j.core.nn.RecurrentSpec;
import io.seq4j.core.text.LabelSet;
import io.seq4j.core.text.Vocabulary;
import io.seq4j.core.train.DevMetric;
import io.seq4j.core.train.Trainer;
import io.seq4j.core.train.EpochEngine;
import io.seq4j.core.train.TrainerConfig;
import io.seq4j.core.train.TrainingResult;
import io.seq4j.embeddings.WordVectors;
import io.seq4j.ner.nn.CharWordEmbedding;
import io.seq4j.ner.nn.CrfOutput;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains a {@link NerModel}: vocabularies from the training sentences (and pretrained vectors),
 * the network {@code [batch, 1 + maxChars, T]} -> CharWordEmbedding {@code [batch, wordDim +
 * filters, T]} -> bidirectional encoder {@code [batch, 2 * units, T]} -> CRF or softmax over the
 * tags, and seq4j's Trainer with early stopping on dev entity F1 (conlleval's).
 */
public final class NerTrainer {
    private final NerConfig config;
    private final Path checkpointDir;
    private final PrintStream progress;
    private EpochEngine engine;

    /** @param checkpointDir where checkpoints go (a killed run resumes from them), or null; @param progress log, or null */
    public NerTrainer(NerConfig config, Path checkpointDir, PrintStream progress) {
        this.config = config;
        this.checkpointDir = checkpointDir;
        this.progress = progress;
    }

    /**
     * Fits every epoch with {@code engine} (a Spark cluster: seq4j-spark's SparkEpochEngine) instead of in
     * this JVM; vocabulary, batches, dev evaluation, early stopping and the model are the same.
     */
    public NerTrainer withEngine(EpochEngine engine) {
        this.engine = engine;
        return this;
    }

    public NerModel train(List<ConllReader.Sentence> train, List<ConllReader.Sentence> dev) throws IOException {
        if (train.isEmpty() || dev.isEmpty()) throw new IllegalArgumentException("need training and dev sentences");
        WordVectors vectors = config.pretrained() == null ? null : WordVectors.read(config.pretrained());
        NerConfig used = vectors == null ? config : config.with("wordDim", Integer.toString(vectors.dim()));
        Vocabulary words = NerEncoder.wordVocabulary(train, vectors, used);
        Vocabulary chars = NerEncoder.charVocabulary(train);
        LabelSet tags = NerEncoder.tagSet(train, used.scheme());
        NerEncoder encoder = new NerEncoder(words, chars, tags, used);
        List<CharTaggedSequence> trainSamples = encoder.encode(train);
        MultiLayerNetwork net = network(used, words.size(), chars.size(), tags.size());
        if (vectors != null) {
            WordVectors.Lookup l = vectors.lookup(words, used.seed());
            net.getLayer(0).getParam("words").assign(Nd4j.create(l.matrix(), new long[]{l.rows(), l.dim()}, 'c'));
            log("pretrained vectors %s: %d words x %d, %d of %d vocabulary words found%s", used.pretrained(), vectors.size(), vectors.dim(),
                    l.found(), words.size() - 4, used.fineTune() ? "" : " (frozen)");
        }
        long tokens = trainSamples.stream().mapToLong(CharTaggedSequence::length).sum();
        log("%d training sentences (%d tokens), %d dev; %d words, %d characters, tags %s; %d parameters; %s, %s output",
                train.size(), tokens, dev.size(), words.size(), chars.size(), tags, net.numParams(), used.encoder(), used.output());
        SequenceBatcher batcher = NerModel.batcher(used, words, tags);
        DevMetric devF1 = DevMetric.of("F1", n -> new NerModel((MultiLayerNetwork) n, words, chars, tags, used, Map.of())
                .evaluate(dev).overall().f1());
        TrainerConfig.Builder tc = TrainerConfig.builder(used.epochs()).optPatience(used.patience()).optCheckpointDir(checkpointDir)
                .optProgress(progress, 10_000).optEngine(engine);
        TrainingResult r = new Trainer(tc.build()).train(net, batcher.epochs(trainSamples, batcher::tagged), devF1);
        log("best dev F1 %.4f (epoch %d)", r.bestMetric(), r.bestEpoch() + 1);
        double seconds = r.epochs().stream().mapToDouble(TrainingResult.EpochStats::seconds).sum();
        long trained = r.epochs().stream().mapToLong(TrainingResult.EpochStats::tokens).sum();
        return new NerModel((MultiLayerNetwork) r.network(), words, chars, tags, used, Map.of("dev_f1", r.bestMetric(), "train_seconds",
                seconds, "train_tokens_per_s", trained / seconds, "epochs", (double) r.epochs().size()));
    }

    /** The untrained network for these settings. */
    static MultiLayerNetwork network(NerConfig c, int vocabSize, int charVocab, int tags) {
        RecurrentSpec spec = c.encoder();
        var list = new NeuralNetConfiguration.Builder().seed(c.seed()).updater(new Adam(c.learningRate())).weightInit(WeightInit.XAVIER).list()
                .layer(new CharWordEmbedding(vocabSize, c.wordDim(), charVocab, c.charDim(), c.filters(), c.maxChars(), !c.fineTune()));
        spec.layers(c.wordDim() + c.filters()).forEach(list::layer);
        if (c.output() == NerConfig.Output.CRF) {
            CrfOutput crf = new CrfOutput(spec.outputSize(), tags);
            if (c.dropout() > 0) crf.setIDropout(new org.deeplearning4j.nn.conf.dropout.Dropout(1 - c.dropout()));
            list.layer(crf);
        } else {
            RnnOutputLayer.Builder out = new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(spec.outputSize())
                    .nOut(tags);
            if (c.dropout() > 0) out.dropOut(1 - c.dropout());
            list.layer(out.build());
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.setInputType(InputType.recurrent(1 + c.maxChars())).build());
        net.init();
        return net;
    }

    private void log(String format, Object... args) {
        if (progress != null) progress.println(String.format(Locale.ROOT, format, args));
    }
}
