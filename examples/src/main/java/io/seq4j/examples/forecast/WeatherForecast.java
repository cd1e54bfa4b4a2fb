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
 * Tomorrow's maximum temperature in Seattle (the lectures' "predict tomorrow's temperature"), from
 * NOAA daily observations of Seattle and New York (vega-datasets weather.csv, 2012-2015). Protocol:
 * a sample is "the last {@value #WINDOW} days -> the next day"; samples whose predicted day is in
 * 2012-2013 train, 2014 is dev (early stopping), 2015 is test.
 *
 * <p>Inputs: the last 30 days, each as anomalies relative to today ({@link #frames}). The model
 * predicts the <em>change</em> of temp_max from today to tomorrow (deg C); the forecast is today's
 * value plus that change. All scaling statistics and the climatology come from the training years
 * only. (Feeding levels and the 2012-2013 climatology instead gave 1.01 x persistence: 2015 was a
 * warm year, and mean reversion towards older years' seasonal mean misleads; towards the recent
 * days it helps.)
 *
 * <p>Reported beside the model on the same 2015 days: persistence (tomorrow = today) and
 * climatology (the training years' mean temp_max for that day of year, +-7 days).
 *
 * <pre>./seq4j example weather --data ../shared/data/timeseries_vega [--plot weather.png] [--save model.zip] [--json]</pre>
 */
public final class WeatherForecast {
    /** Days of history per forecast. */
    public static final int WINDOW = 30;
    static final String CITY = "Seattle";
    static final List<String> FEATURES = List.of("sea_temp_max-today", "sea_temp_min-today", "seasonal_change_to_tomorrow",
            "sea_precipitation", "sea_wind", "ny_temp_max-ny_today", "ny_temp_min-ny_today");

    /** The daily series of both cities, aligned by date. */
    public record Days(List<LocalDate> dates, double[][] seattle, double[][] newYork) {
        int size() {
            return dates.size();
        }

        double tmax(int t) {
            return seattle[t][0];
        }
    }

    /**
     * Test-day errors (deg C) of the model and the two baselines, and the dev MAE.
     *
     * @param truth, predicted, persistence the 2015 test days' values, for the plot
     */
    public record Result(double mae, double persistenceMae, double climatologyMae, double devMae, int testDays, double trainSeconds,
                         double[] truth, double[] predicted, double[] persistence) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mae", mae);
            m.put("persistence_mae", persistenceMae);
            m.put("climatology_mae", climatologyMae);
            m.put("mae_vs_persistence", mae / persistenceMae);
            m.put("dev_mae", devMae);
            m.put("test_days", testDays);
            m.put("train_seconds", trainSeconds);
            return m;
        }
    }

    private WeatherForecast() {
    }

    /**
     * A GRU of 32 units (last step), squared-error loss, output dropout 0.1, Adam 0.003, <= 150 epochs,
     * patience 25 (early stopping on 2014's MAE). Chosen on 2014 among L1/MSE loss, GRU/LSTM, 4-32 units,
     * last/mean/attention pooling: MSE had the best dev MAE (2.169; L1 2.192).
     */
    public static SeriesConfig config(long seed) {
        return new SeriesConfig(Cell.GRU, 32, 1, false, Pooling.LAST, 0.0, 0, 0.1, "mse", "", 16, 32, 0.003, 0.0, 150, 25, seed);
    }

    /** Reads weather.csv (location,date,precipitation,temp_max,temp_min,wind,...) from {@code data} (the file or its directory). */
    public static Days read(Path data) throws IOException {
        Path file = Files.isDirectory(data) ? data.resolve("weather.csv") : data;
        CsvTable all = CsvTable.read(file);
        CsvTable sea = all.where("location", CITY), ny = all.where("location", "New York");
        if (sea.size() == 0 || ny.size() == 0) throw new InputFormatException(file.toString(), 0, "needs rows of both Seattle and New York");
        if (sea.size() != ny.size()) throw new InputFormatException(file.toString(), 0, sea.size() + " Seattle days but " + ny.size() + " New York days");
        List<String> dates = sea.strings("date"), nyDates = ny.strings("date");
        List<LocalDate> parsed = new ArrayList<>();
        for (int i = 0; i < dates.size(); i++) {
            if (!dates.get(i).equals(nyDates.get(i))) {
                throw new InputFormatException(file.toString(), ny.line(i), "New York date " + nyDates.get(i) + " where Seattle's row " + (i + 1) + " has " + dates.get(i));
            }
            try {
                parsed.add(LocalDate.parse(dates.get(i)));
            } catch (DateTimeParseException e) {
                throw new InputFormatException(file.toString(), sea.line(i), "date '" + dates.get(i) + "' is not YYYY-MM-DD");
            }
            if (i > 0 && !parsed.get(i).equals(parsed.get(i - 1).plusDays(1))) {
                throw new InputFormatException(file.toString(), sea.line(i), "date " + parsed.get(i) + " does not follow " + parsed.get(i - 1) + " (days must be consecutive)");
            }
        }
        return new Days(parsed, columns(sea), columns(ny));
    }

    private static double[][] columns(CsvTable t) throws InputFormatException {
        double[][] c = {t.numbers("temp_max"), t.numbers("temp_min"), t.numbers("precipitation"), t.numbers("wind")};
        double[][] rows = new double[t.size()][4];
        for (int i = 0; i < rows.length; i++) for (int j = 0; j < 4; j++) rows[i][j] = c[j][i];
        return rows;
    }

    /** Trains on 2012-2013, stops early on 2014, reports 2015; with {@code plot}, writes the test days' chart; with {@code save}, the model. */
    public static Result run(Days d, long seed, Path plot, Path save, PrintStream log) throws IOException {
        return run(d, config(seed), plot, save, log);
    }

    /** The same with other model settings. */
    public static Result run(Days d, SeriesConfig config, Path plot, Path save, PrintStream log) throws IOException {
        int n = d.size();
        double[] clim = climatology(d, 2013);
        List<TargetFrames> train = new ArrayList<>(), dev = new ArrayList<>(), test = new ArrayList<>();
        for (int t = WINDOW - 1; t + 1 < n; t++) {
            int year = d.dates().get(t + 1).getYear();
            TargetFrames sample = new TargetFrames(frames(d, clim, t), new float[]{(float) (d.tmax(t + 1) - d.tmax(t))});
            (year <= 2013 ? train : year == 2014 ? dev : test).add(sample);
        }
        if (train.isEmpty() || dev.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException("needs days in 2012-2013 (train), 2014 (dev) and 2015 (test); found "
                    + train.size() + ", " + dev.size() + " and " + test.size() + " forecasts");
        }
        if (log != null) log.printf("%d training forecasts (2012-2013), %d dev (2014), %d test (2015), %d days of history each%n",
                train.size(), dev.size(), test.size(), WINDOW);
        Forecaster f = Forecaster.train(config, WINDOW, FEATURES, "Seattle temp_max change to the next day, deg C", train, dev, log);
        double[] predictedChange = f.forecastAll(test);
        int first = n - 1 - test.size();       // day t of the first test sample (the test days run to the end)
        double[] truth = new double[test.size()], predicted = new double[test.size()], persistence = new double[test.size()];
        double mae = 0, pMae = 0, cMae = 0;
        for (int i = 0; i < test.size(); i++) {
            int t = first + i;
            truth[i] = d.tmax(t + 1);
            persistence[i] = d.tmax(t);
            predicted[i] = d.tmax(t) + predictedChange[i];
            mae += Math.abs(predicted[i] - truth[i]);
            pMae += Math.abs(persistence[i] - truth[i]);
            cMae += Math.abs(clim[t + 1] - truth[i]);
        }
        int k = test.size();
        Result r = new Result(mae / k, pMae / k, cMae / k, f.model().metrics().get("dev_mae"), k, f.model().metrics().get("train_seconds"),
                truth, predicted, persistence);
        if (plot != null) {
            LinePlot.write(plot, String.format(Locale.ROOT, "Seattle temp_max, 2015 test days: model MAE %.2f, persistence %.2f, climatology %.2f deg C",
                    r.mae(), r.persistenceMae(), r.climatologyMae()), "test day (2015)", List.of("observed", "seq4j forecast", "persistence"),
                    new double[][]{truth, predicted, persistence});
            if (log != null) log.println("wrote " + plot);
        }
        if (save != null) {
            f.model().withMetric("test_mae", r.mae()).withMetric("test_persistence_mae", r.persistenceMae());
            f.save(save);
            if (log != null) log.println("saved the forecaster to " + save + " (Forecaster.load(file).forecast(last " + WINDOW + " days))");
        }
        return r;
    }

    /**
     * The model's input for a forecast made on day {@code t} ({@code [WINDOW][7]}), every value relative
     * to today so that the network sees anomalies, not levels: for each day s of the last WINDOW days,
     * Seattle's temp_max(s) and temp_min(s) minus today's temp_max, the seasonal change expected from
     * day s to tomorrow (climatology(t+1) - climatology(s)), Seattle's precipitation and wind on s, and
     * New York's temp_max(s) and temp_min(s) minus its temp_max today.
     */
    public static float[][] frames(Days d, double[] clim, int t) {
        float[][] f = new float[WINDOW][];
        double today = d.tmax(t), nyToday = d.newYork()[t][0];
        for (int i = 0; i < WINDOW; i++) {
            int s = t - WINDOW + 1 + i;
            double[] sea = d.seattle()[s], ny = d.newYork()[s];
            f[i] = new float[]{(float) (sea[0] - today), (float) (sea[1] - today), (float) (clim[t + 1] - clim[s]), (float) sea[2], (float) sea[3],
                    (float) (ny[0] - nyToday), (float) (ny[1] - nyToday)};
        }
        return f;
    }

    /**
     * Per day, the mean temp_max of the training years (up to {@code lastTrainYear}) over the days of
     * year within +-7 of it (circular); days of later years are never used.
     */
    public static double[] climatology(Days d, int lastTrainYear) {
        double[] sum = new double[367];
        int[] count = new int[367];
        for (int t = 0; t < d.size(); t++) {
            if (d.dates().get(t).getYear() > lastTrainYear) continue;
            int doy = Math.min(d.dates().get(t).getDayOfYear(), 365);
            for (int k = -7; k <= 7; k++) {
                int dd = Math.floorMod(doy - 1 + k, 365) + 1;
                sum[dd] += d.tmax(t);
                count[dd]++;
            }
        }
        double[] clim = new double[d.size()];
        for (int t = 0; t < d.size(); t++) {
            int doy = Math.min(d.dates().get(t).getDayOfYear(), 365);
            if (count[doy] == 0) throw new IllegalArgumentException("no training days near day of year " + doy + " for the climatology");
            clim[t] = sum[doy] / count[doy];
        }
        return clim;
    }

    /** {@code [DATA]} (default ../shared/data/timeseries_vega): trains, evaluates, returns the metrics. */
    public static Map<String, Object> runExample(String... args) throws IOException {
        return run(read(Path.of(args.length > 0 ? args[0] : "../shared/data/timeseries_vega")), 1, null, null, System.err).toMap();
    }

    public static String report(Result r) {
        return String.format(Locale.ROOT, """
                Seattle temp_max, next day, %d test days (2015), mean absolute error in deg C:
                  seq4j GRU      %.3f  (%.3f x persistence; dev 2014 %.3f)
                  persistence    %.3f  (tomorrow = today)
                  climatology    %.3f  (2012-2013 mean for the day of year)
                """, r.testDays(), r.mae(), r.mae() / r.persistenceMae(), r.devMae(), r.persistenceMae(), r.climatologyMae());
    }

    public static void main(String[] args) throws IOException {
        Backend.init();
        System.out.print(report(run(read(Path.of(args.length > 0 ? args[0] : "../shared/data/timeseries_vega")), 1, null, null, System.err)));
    }
}
