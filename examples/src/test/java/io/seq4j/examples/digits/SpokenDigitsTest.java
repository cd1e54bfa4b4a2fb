package io.seq4j.examples.digits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.seq4j.core.data.InputFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

class SpokenDigitsTest {
    @Test
    void theCanonicalSplitComesFromTheFileNames(@TempDir Path dir) throws Exception {
        Path rec = Files.createDirectories(dir.resolve("recordings"));
        for (int d = 0; d < 2; d++) {
            for (int i = 0; i < 12; i++) Files.write(rec.resolve(d + "_theo_" + i + ".wav"), new byte[0]);
        }
        Files.writeString(rec.resolve("README.txt"), "not a recording");
        SpokenDigits.Split s = SpokenDigits.read(dir);
        assertEquals(10, s.test().size());      // recordings 0-4 of each digit
        assertEquals(10, s.dev().size());       // 5-9
        assertEquals(4, s.train().size());      // 10 and 11
        assertEquals("1", s.test().get(5).label());
        Files.write(rec.resolve("seven_theo_1.wav"), new byte[0]);
        assertEquals(rec.resolve("seven_theo_1.wav") + ": not named DIGIT_SPEAKER_INDEX.wav (e.g. 7_jackson_32.wav)",
                assertThrows(InputFormatException.class, () -> SpokenDigits.read(dir)).getMessage());
    }

    @Test
    void aDirectoryWithoutEveryPartIsRefused(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("3_theo_0.wav"), new byte[0]);
        assertEquals(dir + ": needs recordings numbered 0-4 (test), 5-9 (dev) and 10 or more (train); found 1, 0 and 0",
                assertThrows(InputFormatException.class, () -> SpokenDigits.read(dir)).getMessage());
        assertEquals(dir.resolve("x") + ": not a directory of FSDD recordings",
                assertThrows(InputFormatException.class, () -> SpokenDigits.read(dir.resolve("x"))).getMessage());
    }
}
