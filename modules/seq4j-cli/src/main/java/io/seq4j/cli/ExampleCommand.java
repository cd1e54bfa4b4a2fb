package io.seq4j.cli;

import io.seq4j.core.backend.Backend;
import io.seq4j.examples.digits.SpokenDigits;
import io.seq4j.examples.forecast.PriceForecast;
import io.seq4j.examples.forecast.WeatherForecast;
import io.seq4j.examples.frames.MovingShapes;
import io.seq4j.examples.splice.SpliceData;
import io.seq4j.examples.splice.SpliceJunctions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code seq4j example NAME}: the applications from the lectures, on real data. */
@Command(name = "example", description = "Applications from the lectures on real data: splice (DNA splice junctions), digits (spoken digits), "
        + "weather (next-day temperature), prices (next-day S&P 500 close), frames (direction of motion in generated video clips).",
        subcommands = {ExampleCommand.Splice.class, ExampleCommand.Digits.class, ExampleCommand.Weather.class, ExampleCommand.Prices.class,
                ExampleCommand.Frames.class})
final class ExampleCommand {
    /** Options every example has. */
    static final class Common {
        @Option(names = "--seed", description = "Seed of the data split (where there is one) and the model (default ${DEFAULT-VALUE}).",
                defaultValue = "1") long seed;
        @Option(names = "--json", description = "Print the metrics as one JSON object on stdout.") boolean json;

        /** The metrics as JSON, or the human report. */
        int print(java.util.Map<String, Object> metrics, String report) {
            System.out.print(json ? Json.write(metrics) + "\n" : report);
            return Main.OK;
        }
    }

    @Command(name = "splice", description = {"Classify DNA splice junctions (EI, IE, N) in UCI's splice data: stratified k-fold cross-validation.",
            "JSON keys: accuracy (fold mean), accuracy_std, folds, per_class, confusion."})
    static final class Splice implements Callable<Integer> {
        @Option(names = "--data", required = true, description = "UCI splice.data / splice.csv, or the directory holding it.") Path data;
        @Option(names = "--folds", description = "Cross-validation folds (default ${DEFAULT-VALUE}).", defaultValue = "10") int folds;
        @Mixin Common common;
        @Option(names = "--save", description = "Also train on all sequences and save that model here (SpliceClassifier.load(file).classify(dna)).") Path save;

        @Override
        public Integer call() throws Exception {
            System.err.println("seq4j example splice on " + Backend.init().summary());
            SpliceJunctions.Result r = UserErrors.about(data, () -> SpliceJunctions.run(SpliceData.read(data), folds, common.seed, save, System.err));
            return common.print(r.toMap(), SpliceJunctions.report(r));
        }
    }

    @Command(name = "digits", description = {"Classify spoken digits (FSDD WAV files): MFCC frames, a recurrent classifier; the canonical test split (recordings 0-4).",
            "JSON keys: accuracy (300 test files), per_class, confusion, dev_accuracy, test_files, train_seconds."})
    static final class Digits implements Callable<Integer> {
        @Option(names = "--data", required = true, description = "The FSDD directory (holding recordings/) or the recordings directory.") Path data;
        @Mixin Common common;
        @Option(names = "--save", description = "Save the trained model here (AudioClassifier.load(file).classify(wav)).") Path save;

        @Override
        public Integer call() throws Exception {
            System.err.println("seq4j example digits on " + Backend.init().summary());
            SpokenDigits.Result r = UserErrors.about(data, () -> SpokenDigits.run(SpokenDigits.read(data), common.seed, save, System.err));
            return common.print(r.toMap(), SpokenDigits.report(r));
        }
    }

    @Command(name = "weather", description = {"Forecast Seattle's next-day temp_max from 30 days of both cities' weather (train 2012-2013, dev 2014, test 2015).",
            "JSON keys: mae, persistence_mae, climatology_mae, mae_vs_persistence, dev_mae, test_days, train_seconds."})
    static final class Weather implements Callable<Integer> {
        @Option(names = "--data", required = true, description = "weather.csv (vega-datasets) or the directory holding it.") Path data;
        @Mixin Common common;
        @Option(names = "--plot", description = "Write a PNG of the test days' forecasts against the observations.") Path plot;
        @Option(names = "--save", description = "Save the forecaster here (Forecaster.load(file).forecast(history)).") Path save;

        @Override
        public Integer call() throws Exception {
            System.err.println("seq4j example weather on " + Backend.init().summary());
            WeatherForecast.Result r = UserErrors.about(data, () -> WeatherForecast.run(WeatherForecast.read(data), common.seed, plot, save, System.err));
            return common.print(r.toMap(), WeatherForecast.report(r));
        }
    }

    @Command(name = "prices", description = {"Forecast the S&P 500's next-day close via its log return from 20 trading days (train to 2015, dev 2016-2017, test 2018-2020).",
            "JSON keys: mae, persistence_mae, mae_vs_persistence, direction_accuracy, up_share, return_mae_pct, dev_return_mae_pct, test_days."})
    static final class Prices implements Callable<Integer> {
        @Option(names = "--data", required = true, description = "sp500-2000.csv (vega-datasets) or the directory holding it.") Path data;
        @Mixin Common common;
        @Option(names = "--plot", description = "Write a PNG of the test days' forecasts against the closes.") Path plot;
        @Option(names = "--save", description = "Save the forecaster here (Forecaster.load(file).forecast(history)).") Path save;

        @Override
        public Integer call() throws Exception {
            System.err.println("seq4j example prices on " + Backend.init().summary());
            PriceForecast.Result r = UserErrors.about(data, () -> PriceForecast.run(PriceForecast.read(data), common.seed, plot, save, System.err));
            return common.print(r.toMap(), PriceForecast.report(r));
        }
    }

    @Command(name = "frames", description = {"Classify the direction of motion in generated 16-frame 32x32 clips: a CNN per frame, a GRU over frames, trained end to end.",
            "JSON keys: accuracy, per_class, confusion, dev_accuracy, test_clips, train_seconds."})
    static final class Frames implements Callable<Integer> {
        @Option(names = "--train", description = "Training clips to generate; dev gets a quarter, test half as many (default ${DEFAULT-VALUE}).",
                defaultValue = "1200") int train;
        @Mixin Common common;
        @Option(names = "--save", description = "Save the trained model here (a series-classifier bundle).") Path save;

        @Override
        public Integer call() throws Exception {
            if (train < 4) throw new UsageException("--train must be at least 4, got " + train);
            System.err.println("seq4j example frames on " + Backend.init().summary());
            MovingShapes.Result r = MovingShapes.run(train, common.seed, save, System.err);
            return common.print(r.toMap(), MovingShapes.report(r));
        }
    }
}
