package io.seq4j.cli;

import io.seq4j.core.backend.Backend;
import io.seq4j.examples.digits.SpokenDigits;
import io.seq4j.examples.splice.SpliceData;
import io.seq4j.examples.splice.SpliceJunctions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code seq4j example NAME}: the applications from the lectures, on real data. */
@Command(name = "example", description = "Applications from the lectures on real data: splice (DNA splice junctions), digits (spoken digits).",
        subcommands = {ExampleCommand.Splice.class, ExampleCommand.Digits.class})
final class ExampleCommand {

    @Command(name = "splice", description = {"Classify DNA splice junctions (EI, IE, N) in UCI's splice data: stratified k-fold cross-validation.",
            "JSON keys: accuracy (fold mean), accuracy_std, folds, per_class, confusion."})
    static final class Splice implements Callable<Integer> {
        @Option(names = "--data", required = true, description = "UCI splice.data / splice.csv, or the directory holding it.") Path data;
        @Option(names = "--folds", description = "Cross-validation folds (default ${DEFAULT-VALUE}).", defaultValue = "10") int folds;
        @Option(names = "--seed", description = "Seed of the folds and the models (default ${DEFAULT-VALUE}).", defaultValue = "1") long seed;
        @Option(names = "--save", description = "Also train on all sequences and save that model here (a sentiment-task bundle).") Path save;
        @Option(names = "--json", description = "Print the metrics as one JSON object on stdout.") boolean json;

        @Override
        public Integer call() throws Exception {
            System.err.println("seq4j example splice on " + Backend.init().summary());
            SpliceJunctions.Result r = UserErrors.about(data, () -> SpliceJunctions.run(SpliceData.read(data), folds, seed, save, System.err));
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>(r.pooled().toMap());   // accuracy, per_class, confusion of all folds' predictions
                m.put("accuracy", r.accuracy());                                   // replaced by the fold mean, as reported
                m.put("accuracy_std", r.accuracyStd());
                m.put("accuracy_pooled", r.pooled().accuracy());
                m.put("folds", r.foldAccuracies());
                m.put("seconds", r.seconds());
                System.out.println(Json.write(m));
            } else {
                System.out.print(SpliceJunctions.report(r));
            }
            return Main.OK;
        }
    }

    @Command(name = "digits", description = {"Classify spoken digits (FSDD WAV files): MFCC frames, a recurrent classifier; the canonical test split (recordings 0-4).",
            "JSON keys: accuracy (300 test files), per_class, confusion, dev_accuracy, test_files, train_seconds."})
    static final class Digits implements Callable<Integer> {
        @Option(names = "--data", required = true, description = "The FSDD directory (holding recordings/) or the recordings directory.") Path data;
        @Option(names = "--seed", description = "Seed of the model (default ${DEFAULT-VALUE}).", defaultValue = "1") long seed;
        @Option(names = "--save", description = "Save the trained model here (AudioClassifier.load(file).classify(wav)).") Path save;
        @Option(names = "--json", description = "Print the metrics as one JSON object on stdout.") boolean json;

        @Override
        public Integer call() throws Exception {
            System.err.println("seq4j example digits on " + Backend.init().summary());
            SpokenDigits.Result r = UserErrors.about(data, () -> SpokenDigits.run(SpokenDigits.read(data), seed, save, System.err));
            System.out.print(json ? Json.write(r.toMap()) + "\n" : SpokenDigits.report(r));
            return Main.OK;
        }
    }
}
