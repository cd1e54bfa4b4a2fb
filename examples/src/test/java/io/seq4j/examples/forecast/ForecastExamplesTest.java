package io.seq4j.examples.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seq4j.core.data.InputFormatException;
import io.seq4j.series.forecast.Forecaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

class ForecastExamplesTest {
    @TempDir
    Path dir;

    /** A weather.csv of 2012-2015 with a seasonal cycle and noise for both cities. */
    private Path weather() throws Exception {
        Random r = new Random(4);
        List<String> lines = new ArrayList<>(List.of("location,date,precipitation,temp_max,temp_min,wind,weather"));
        for (String city : List.of("Seattle", "New York")) {
            for (LocalDate d = LocalDate.of(2012, 1, 1); d.getYear() < 2016; d = d.plusDays(1)) {
                double season = 15 - 8 * Math.cos(2 * Math.PI * d.getDayOfYear() / 365.25), t = season + 2 * r.nextGaussian();
                lines.add(String.format(Locale.ROOT, "%s,%s,%.1f,%.1f,%.1f,%.1f,rain", city, d, Math.max(0, r.nextGaussian() * 3), t, t - 7, 3 + r.nextDouble()));
            }
        }
        Path f = dir.resolve("weather.csv");
        Files.write(f, lines);
        return f;
    }

    @Test
    void weatherReportsTheBaselinesOnTheSameTestDays() throws Exception {
        WeatherForecast.Days d = WeatherForecast.read(weather().getParent());
        WeatherForecast.Result r = WeatherForecast.run(d, WeatherForecast.config(1).with(Map.of("units", "4", "epochs", "2")), null,
                dir.resolve("w.zip"), null);
        assertEquals(365, r.testDays());
        double persistence = 0;
        for (int t = d.dates().indexOf(LocalDate.of(2014, 12, 31)); t + 1 < d.dates().size(); t++) persistence += Math.abs(d.tmax(t + 1) - d.tmax(t));
        assertEquals(persistence / 365, r.persistenceMae(), 1e-9);
        assertTrue(r.mae() > 0 && r.climatologyMae() > 0);
        Forecaster f = Forecaster.load(dir.resolve("w.zip"));
        assertEquals(WeatherForecast.WINDOW, f.window());
        int t = d.dates().size() - 2;
        assertEquals(r.predicted()[364] - d.tmax(t), f.forecast(WeatherForecast.frames(d, WeatherForecast.climatology(d, 2013), t)), 1e-4);
    }

    @Test
    void theClimatologyUsesTheTrainingYearsOnly() throws Exception {
        WeatherForecast.Days d = WeatherForecast.read(weather());
        double[] before = WeatherForecast.climatology(d, 2013);
        d.seattle()[d.dates().indexOf(LocalDate.of(2015, 6, 1))][0] = 1000;     // a change in the test year
        assertEquals(before[100], WeatherForecast.climatology(d, 2013)[100]);
    }

    @Test
    void badWeatherAndPriceRowsAreNamed() throws Exception {
        Path f = dir.resolve("weather.csv");
        Files.write(f, List.of("location,date,precipitation,temp_max,temp_min,wind,weather", "Seattle,2012-01-01,0,1,0,1,sun",
                "Seattle,2012-01-03,0,1,0,1,sun", "New York,2012-01-01,0,1,0,1,sun", "New York,2012-01-03,0,1,0,1,sun"));
        assertEquals(f + ":3: date 2012-01-03 does not follow 2012-01-01 (days must be consecutive)",
                assertThrows(InputFormatException.class, () -> WeatherForecast.read(f)).getMessage());
        Path p = dir.resolve("sp500-2000.csv");
        Files.write(p, List.of("date,open,high,low,close,adjclose,volume", "2000-01-03,1,1,1,1,1,100", "2000-01-04,1,1,1,-1,1,100"));
        assertEquals(p + ":3: prices and volume must be positive", assertThrows(InputFormatException.class, () -> PriceForecast.read(dir)).getMessage());
        Files.write(p, List.of("date,open,high,low,close,adjclose,volume", "2000-01-03,1,1,1,1,1,100", "2000-01-03,1,1,1,1,1,100"));
        assertEquals(p + ":3: date 2000-01-03 is not after 2000-01-03", assertThrows(InputFormatException.class, () -> PriceForecast.read(p)).getMessage());
    }

    @Test
    void pricesPredictReturnsAndScoreDirectionsOnTheTestYears() throws Exception {
        Random r = new Random(6);
        List<String> lines = new ArrayList<>(List.of("date,open,high,low,close,adjclose,volume"));
        double close = 1000;
        for (LocalDate d = LocalDate.of(2013, 1, 1); d.getYear() < 2021; d = d.plusDays(1)) {
            if (d.getDayOfWeek().getValue() > 5) continue;
            double open = close;
            close *= Math.exp(0.01 * r.nextGaussian());
            lines.add(String.format(Locale.ROOT, "%s,%.2f,%.2f,%.2f,%.2f,%.2f,%d", d, open, Math.max(open, close) * 1.002, Math.min(open, close) * 0.998,
                    close, close, 1_000_000 + r.nextInt(1000)));
        }
        Path p = dir.resolve("sp500-2000.csv");
        Files.write(p, lines);
        PriceForecast.Result res = PriceForecast.run(PriceForecast.read(p), PriceForecast.config(1).with(Map.of("units", "4", "epochs", "2")), null, null, null);
        assertEquals(3 * 261 + 1 - 1, res.testDays(), 3);     // about three years of weekdays
        assertTrue(res.directionAccuracy() > 0.3 && res.directionAccuracy() < 0.7);
        assertTrue(res.mae() > 0 && res.persistenceMae() > 0);
    }
}
