package io.seq4j.examples.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.seq4j.core.data.InputFormatException;
import io.seq4j.examples.forecast.PriceForecast;
import io.seq4j.examples.forecast.WeatherForecast;
import io.seq4j.examples.splice.SpliceData;

import java.nio.file.Files;
import java.nio.file.Path;

/** Fuzz targets for the applications' readers (UCI splice, weather CSV, S&P 500 CSV): rows, or a documented InputFormatException. */
class ExampleReadersFuzzTest {
    interface Reader {
        void read(Path file) throws Exception;
    }

    private static void fuzz(byte[] data, String suffix, Reader reader) throws Exception {
        Path f = Files.createTempFile("fuzz", suffix);
        try {
            Files.write(f, data);
            reader.read(f);
        } catch (InputFormatException expected) {
            // documented
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @FuzzTest
    void splice(byte[] data) throws Exception {
        fuzz(data, ".data", SpliceData::read);
    }

    @FuzzTest
    void weather(byte[] data) throws Exception {
        fuzz(data, ".csv", WeatherForecast::read);
    }

    @FuzzTest
    void prices(byte[] data) throws Exception {
        fuzz(data, ".csv", PriceForecast::read);
    }
}
