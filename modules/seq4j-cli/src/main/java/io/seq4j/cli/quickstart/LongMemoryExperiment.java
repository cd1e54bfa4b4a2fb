package io.seq4j.cli.quickstart;

import io.seq4j.core.batch.InputEncoding;
import io.seq4j.core.batch.SequenceBatcher;
import io.seq4j.core.bundle.ModelBundle;
import io.seq4j.core.data.LabeledSequence;
import io.seq4j.core.data.LabeledTextStream;
import io.seq4j.core.nn.RecurrentSpec;
import io.seq4j.core.nn.RecurrentSpec.Cell;
import io.seq4j.core.text.LabelSet;
import io.seq4j.core.text.Tokenizer;
import io.seq4j.core.text.Vocabulary;
import io.seq4j.core.text.WordTokenizer;
import io.seq4j.core.train.DevMetric;
import io.seq4j.core.train.Trainer;
import io.seq4j.core.train.TrainerConfig;
import io.seq4j.core.train.TrainingResult;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The quickstart: trains SIMPLE_RNN, GRU and LSTM classifiers on {@link AgreementData} for several
 * filler lengths N and reports test accuracy per cell and length. Each run trains on its own train
 * split, keeps the epoch with the best dev accuracy, and is scored once on the test split.
 */
public final class LongMemoryExperiment {

    /** Settings; the defaults are the quickstart's. */
    public record Settings(List<Integer> lengths, List<Cell> cells, int trainSize, int devSize, int testSize,
                           int units, int epochs, int batchSize, double learningRate, long seed, Path modelDir) {
        public static Settings defaults() {
            return new Settings(List.of(5, 20, 50, 100), List.of(Cell.SIMPLE_RNN, Cell.GRU, Cell.LSTM),
                    2000, 400, 1000, 32, 12, 32, 0.005, 1, null);
        }
    }

    /**
     * One cell of the result table.
     *
     * @param trainTokensPerSecond real time steps trained per second of training (evaluation excluded)
     */
    public record Result(Cell cell, int fillers, double testAccuracy, int bestEpoch, double seconds,
                         double trainTokensPerSecond) {
    }

    private static final Tokenizer TOKENIZER = new WordTokenizer(true);
    private static final LabelSet LABELS = LabelSet.of(List.of("was", "were"));

    private LongMemoryExperiment() {
    }

    public static List<Result> run(Settings s, PrintStream log) throws IOException {
        List<Result> results = new ArrayList<>();
        for (int n : s.lengths()) {
            // distinct seeds per split so test sentences are never trained on
            List<LabeledTextStream.Row> train = AgreementData.generate(s.trainSize(), n, s.seed() * 3);
            List<LabeledTextStream.Row> dev = AgreementData.generate(s.devSize(), n, s.seed() * 3 + 1);
            List<LabeledTextStream.Row> test = AgreementData.generate(s.testSize(), n, s.seed() * 3 + 2);
            Vocabulary vocab = Vocabulary.builder().addAll(train.stream().flatMap(r -> TOKENIZER.tokenize(r.text()).stream()).toList()).build();
            if (s.modelDir() != null) {      // the exact sentences, for peers (bench/quickstart.sh) and for looking at
                Path dir = s.modelDir().resolve("data").resolve("n" + n);
                writeRows(dir.resolve("train.tsv"), train);
                writeRows(dir.resolve("dev.tsv"), dev);
                writeRows(dir.resolve("test.tsv"), test);
            }
            for (Cell cell : s.cells()) {
                log.printf(Locale.ROOT, "%n== %s, N = %d filler words (%d train / %d dev / %d test sentences)%n",
                        cell.name().toLowerCase(Locale.ROOT), n, s.trainSize(), s.devSize(), s.testSize());
                results.add(runOne(s, cell, n, vocab, index(train, vocab), index(dev, vocab), index(test, vocab), log));
            }
        }
        return results;
    }

    private static Result runOne(Settings s, Cell cell, int n, Vocabulary vocab, List<LabeledSequence> train,
                                 List<LabeledSequence> dev, List<LabeledSequence> test, PrintStream log) throws IOException {
        long t0 = System.nanoTime();
        RecurrentSpec spec = RecurrentSpec.builder(cell, s.units()).build();
        var list = new NeuralNetConfiguration.Builder().seed(s.seed()).updater(new Adam(s.learningRate()))
                .weightInit(WeightInit.XAVIER).list();
        spec.layers(vocab.size()).forEach(list::layer);
        list.layer(new OutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nIn(spec.outputSize()).nOut(LABELS.size()).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.setInputType(InputType.recurrent(vocab.size())).build());
        net.init();

        SequenceBatcher batcher = SequenceBatcher.builder(InputEncoding.ONE_HOT, vocab.size(), LABELS.size())
                .optBatchSize(s.batchSize()).optSeed(s.seed()).build();
        DevMetric devAccuracy = DevMetric.of("accuracy", network -> accuracy((MultiLayerNetwork) network, batcher, dev));
        TrainerConfig config = TrainerConfig.builder(s.epochs()).optProgress(log, 5000).build();
        TrainingResult tr = new Trainer(config).train(net, batcher.epochs(train, batcher::labeled), devAccuracy);
        MultiLayerNetwork best = (MultiLayerNetwork) tr.network();
        double acc = accuracy(best, batcher, test);
        log.printf(Locale.ROOT, "test accuracy %.3f (best dev epoch %d)%n", acc, tr.bestEpoch() + 1);
        if (s.modelDir() != null) {
            Path file = s.modelDir().resolve(cell.name().toLowerCase(Locale.ROOT) + "-n" + n + ".zip");
            ModelBundle.builder("quickstart", best).optSettings(spec.toMap()).optSetting("fillers", Integer.toString(n))
                    .optSeed(s.seed()).optMetric("test_accuracy", acc).optVocabulary("vocab.txt", vocab)
                    .optLabels("labels.txt", LABELS).build().save(file, false);
            log.println("saved " + file);
        }
        long tokens = tr.epochs().stream().mapToLong(TrainingResult.EpochStats::tokens).sum();
        double trainSeconds = tr.epochs().stream().mapToDouble(TrainingResult.EpochStats::seconds).sum();
        return new Result(cell, n, acc, tr.bestEpoch(), (System.nanoTime() - t0) / 1e9, tokens / trainSeconds);
    }

    private static void writeRows(Path file, List<LabeledTextStream.Row> rows) throws IOException {
        List<String> lines = new ArrayList<>(rows.size());
        for (LabeledTextStream.Row r : rows) {
            lines.add(r.label() + "\t" + r.text());
        }
        io.seq4j.core.io.AtomicFiles.writeLines(file, lines);
    }

    private static List<LabeledSequence> index(List<LabeledTextStream.Row> rows, Vocabulary vocab) {
        List<LabeledSequence> out = new ArrayList<>(rows.size());
        for (LabeledTextStream.Row r : rows) {
            out.add(new LabeledSequence(vocab.encode(TOKENIZER.tokenize(r.text())), LABELS.indexOf(r.label())));
        }
        return out;
    }

    static double accuracy(MultiLayerNetwork net, SequenceBatcher batcher, List<LabeledSequence> data) {
        long correct = 0;
        for (List<LabeledSequence> b : batcher.inOrder(data)) {
            DataSet ds = batcher.labeled(b);
            INDArray out = io.seq4j.core.nn.Outputs.of(net, ds);
            correct += out.argMax(1).eq(ds.getLabels().argMax(1)).castTo(DataType.INT64).sumNumber().longValue();
        }
        return correct / (double) data.size();
    }

    /** The result table: one row per cell, one column per N. */
    public static String table(List<Result> results) {
        Map<Cell, Map<Integer, Double>> grid = new LinkedHashMap<>();
        List<Integer> lengths = new ArrayList<>();
        for (Result r : results) {
            grid.computeIfAbsent(r.cell(), c -> new LinkedHashMap<>()).put(r.fillers(), r.testAccuracy());
            if (!lengths.contains(r.fillers())) lengths.add(r.fillers());
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-12s", "cell"));
        for (int n : lengths) sb.append(String.format(Locale.ROOT, "%8s", "N=" + n));
        sb.append('\n');
        grid.forEach((cell, row) -> {
            sb.append(String.format(Locale.ROOT, "%-12s", cell.name().toLowerCase(Locale.ROOT)));
            for (int n : lengths) sb.append(String.format(Locale.ROOT, "%8.3f", row.getOrDefault(n, Double.NaN)));
            sb.append('\n');
        });
        return sb.toString();
    }

    /**
     * One line reading the table at the longest N: which cells carried the subject (test accuracy at
     * least 0.9) and which lost it. The lectures predict the vanilla RNN loses it first.
     */
    public static String verdict(List<Result> results) {
        int longest = results.stream().mapToInt(Result::fillers).max().orElse(0);
        List<String> kept = new ArrayList<>(), lost = new ArrayList<>();
        for (Result r : results) {
            if (r.fillers() == longest) {
                (r.testAccuracy() >= 0.9 ? kept : lost).add(r.cell().name().toLowerCase(Locale.ROOT));
            }
        }
        return String.format(Locale.ROOT, "At N=%d the subject was carried (accuracy >= 0.9) by: %s; lost by: %s.",
                longest, kept.isEmpty() ? "none" : String.join(", ", kept), lost.isEmpty() ? "none" : String.join(", ", lost));
    }
}
