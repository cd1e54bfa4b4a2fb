package io.seq4j.examples.forecast;

import io.seq4j.core.backend.Backend;
import io.seq4j.core.data.InputFormatException;
import io.seq4j.core.data.TargetFrames;
import io.seq4j.core.nn.Pooling;
import io.seq4j.core.nn.RecurrentSpec.Cell;
import io.seq4j.series.SeriesConfig;
import io.seq4j.series.forecast.CsvTable;
import io.seq4j.series.forecast.Forecaster;
import io.seq4j.series.forecast.LinePlot;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Next-day S&P 500 close (the lectures' "predict a stock price"), from daily open/high/low/close/volume
 * 2000-2020 (vega-datasets sp500-2000.csv). The model predicts the next day's <em>log return</em>
 * {@code 100 ln(close(t+1) / close(t))} (percent) from the last {@value #WINDOW} trading days; the
 * price forecast is {@code close(t) exp(return / 100)}. Split by the predicted day: train up to 2015,
 * dev 2016-2017 (early stopping), test 2018-2020. Inputs only use days up to t, and the scalers are
 * fitted on the training years.
 *
 * <p>Reported honestly beside persistence (tomorrow's close = today's): a random walk is hard to
 * beat, and this model is not expected to; direction accuracy is shown with the share of up days
 * (what "always up" scores).
 *
 * <pre>./seq4j example prices --data ../shared/data/timeseries_vega [--plot prices.png] [--save model.zip] [--json]</pre>
 */
public final class PriceForecast {
    public static final int WINDOW = 20;
    static final List<String> FEATURES = List.of("log_return_pct", "log_high_low_pct", "log_close_open_pct", "log_volume_change");

    /** The trading days in file order: date, open, high, low, close, volume. */
    public record Days(List<LocalDate> dates, double[] open, double[] high, double[] low, double[] close, double[] volume) {
    }

    /** Test-day metrics: MAE of the close (index points), persistence's, direction accuracy and the share of up days. */
    public record Result(double mae, double persistenceMae, double directionAccuracy, double upShare, double returnMae, double devReturnMae,
                         int testDays, double trainSeconds, double[] truth, double[] predicted) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mae", mae);
            m.put("persistence_mae", persistenceMae);
            m.put("mae_vs_persistence", mae / persistenceMae);
            m.put("direction_accuracy", directionAccuracy);
            m.put("up_share", upShare);
            m.put("return_mae_pct", returnMae);
            m.put("dev_return_mae_pct", devReturnMae);
            m.put("test_days", testDays);
            m.put("train_seconds", trainSeconds);
            m.put("predicts", "next-day log return (percent); price = close x exp(return / 100)");
            return m;
        }
    }

    private PriceForecast() {
    }

    /** A GRU of 32 units (last step), L1 loss, output dropout 0.1, Adam 0.001, <= 60 epochs, patience 10. */
    public static SeriesConfig config(long seed) {
        return new SeriesConfig(Cell.GRU, 32, 1, false, Pooling.LAST, 0.0, 0, 0.1, "l1", "", 16, 64, 0.001, 0.0, 60, 10, seed);
    }

    /** Reads sp500-2000.csv (date,open,high,low,close,adjclose,volume) from {@code data} (the file or its directory). */
    public static Days read(Path data) throws IOException {
        Path file = Files.isDirectory(data) ? data.resolve("sp500-2000.csv") : data;
        CsvTable t = CsvTable.read(file);
        List<LocalDate> dates = new ArrayList<>();
        List<String> raw = t.strings("date");
        for (int i = 0; i < raw.size(); i++) {
            try {
                dates.add(LocalDate.parse(raw.get(i)));
            } catch (DateTimeParseException e) {
                throw new InputFormatException(file.toString(), t.line(i), "date '" + raw.get(i) + "' is not YYYY-MM-DD");
            }
            if (i > 0 && !dates.get(i).isAfter(dates.get(i - 1))) {
                throw new InputFormatException(file.toString(), t.line(i), "date " + dates.get(i) + " is not after " + dates.get(i - 1));
            }
        }
        Days d = new Days(dates, t.numbers("open"), t.numbers("high"), t.numbers("low"), t.numbers("close"), t.numbers("volume"));
        for (int i = 0; i < raw.size(); i++) {
            if (!(d.open()[i] > 0 && d.high()[i] > 0 && d.low()[i] > 0 && d.close()[i] > 0 && d.volume()[i] > 0)) {
                throw new InputFormatException(file.toString(), t.line(i), "prices and volume must be positive");
            }
        }
        return d;
    }

    public static Result run(Days d, long seed, Path plot, Path save, PrintStream log) throws IOException {
        return run(d, config(seed), plot, save, log);
    }

    /** Trains on returns predicted for days up to 2015, stops early on 2016-2017, reports 2018-2020. */
    public static Result run(Days d, SeriesConfig config, Path plot, Path save, PrintStream log) throws IOException {
        int n = d.close().length;
        float[][] rows = new float[n][];
        double[] ret = new double[n];
        for (int t = 1; t < n; t++) {
            ret[t] = 100 * Math.log(d.close()[t] / d.close()[t - 1]);
            rows[t] = new float[]{(float) ret[t], (float) (100 * Math.log(d.high()[t] / d.low()[t])), (float) (100 * Math.log(d.close()[t] / d.open()[t])),
                    (float) Math.log(d.volume()[t] / d.volume()[t - 1])};
        }
        rows[0] = rows[1];      // day 0 has no previous close; it only ever starts the first window
        List<TargetFrames> train = Forecaster.samples(rows, ret, WINDOW, t -> t >= WINDOW && d.dates().get(t + 1).getYear() <= 2015);
        List<TargetFrames> dev = Forecaster.samples(rows, ret, WINDOW, t -> year(d, t + 1) == 2016 || year(d, t + 1) == 2017);
        List<Integer> testDays = new ArrayList<>();
        List<TargetFrames> test = Forecaster.samples(rows, ret, WINDOW, t -> {
            boolean in = year(d, t + 1) >= 2018 && year(d, t + 1) <= 2020;
            if (in) testDays.add(t);
            return in;
        });
        if (train.isEmpty() || dev.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException("needs trading days up to 2015 (train), in 2016-2017 (dev) and 2018-2020 (test); found "
                    + train.size() + ", " + dev.size() + " and " + test.size() + " forecasts");
        }
        if (log != null) log.printf("%d training forecasts (to 2015), %d dev (2016-2017), %d test (2018-2020), %d trading days of history each%n",
                train.size(), dev.size(), test.size(), WINDOW);
        Forecaster f = Forecaster.train(config, WINDOW, FEATURES, "S&P 500 next-day log return, percent", train, dev, log);
        double[] r = f.forecastAll(test);
        int k = test.size();
        double[] truth = new double[k], predicted = new double[k];
        double mae = 0, pMae = 0, rMae = 0;
        int hits = 0, ups = 0;
        for (int i = 0; i < k; i++) {
            int t = testDays.get(i);
            truth[i] = d.close()[t + 1];
            predicted[i] = d.close()[t] * Math.exp(r[i] / 100);
            mae += Math.abs(predicted[i] - truth[i]);
            pMae += Math.abs(d.close()[t] - truth[i]);
            rMae += Math.abs(r[i] - ret[t + 1]);
            boolean up = ret[t + 1] > 0;
            if (up) ups++;
            if ((r[i] > 0) == up) hits++;
        }
        Result res = new Result(mae / k, pMae / k, hits / (double) k, ups / (double) k, rMae / k, f.model().metrics().get("dev_mae"), k,
                f.model().metrics().get("train_seconds"), truth, predicted);
        if (plot != null) {
            LinePlot.write(plot, String.format(Locale.ROOT, "S&P 500 close, 2018-2020 test days: model MAE %.2f, persistence %.2f points",
                    res.mae(), res.persistenceMae()), "trading day (2018-2020)", List.of("observed", "seq4j forecast"), new double[][]{truth, predicted});
            if (log != null) log.println("wrote " + plot);
        }
        if (save != null) {
            f.model().withMetric("test_mae", res.mae()).withMetric("test_persistence_mae", res.persistenceMae());
            f.save(save);
            if (log != null) log.println("saved the forecaster to " + save);
        }
        return res;
    }

    private static int year(Days d, int t) {
        return d.dates().get(t).getYear();
    }

    /** {@code [DATA]} (default ../shared/data/timeseries_vega): trains, evaluates, returns the metrics. */
    public static Map<String, Object> runExample(String... args) throws IOException {
        return run(read(Path.of(args.length > 0 ? args[0] : "../shared/data/timeseries_vega")), 1, null, null, System.err).toMap();
    }

    public static String report(Result r) {
        return String.format(Locale.ROOT, """
                S&P 500 next-day close, %d test days (2018-2020); the model predicts log returns:
                  seq4j GRU      MAE %.2f points (%.3f x persistence), return MAE %.3f%% (dev %.3f%%)
                  persistence    MAE %.2f points (tomorrow = today)
                  direction      %.3f of days right (up days: %.3f, what "always up" scores)
                """, r.testDays(), r.mae(), r.mae() / r.persistenceMae(), r.returnMae(), r.devReturnMae(), r.persistenceMae(),
                r.directionAccuracy(), r.upShare());
    }

    public static void main(String[] args) throws IOException {
        Backend.init();
        System.out.print(report(run(read(Path.of(args.length > 0 ? args[0] : "../shared/data/timeseries_vega")), 1, null, null, System.err)));
    }
}
