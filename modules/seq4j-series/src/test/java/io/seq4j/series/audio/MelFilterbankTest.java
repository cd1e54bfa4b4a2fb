package io.seq4j.series.audio;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MelFilterbankTest {

    @Test
    void htkMelScale() {
        assertEquals(0, MelFilterbank.hzToMel(0), 0);
        assertEquals(2595 * Math.log10(2), MelFilterbank.hzToMel(700), 1e-12);
        assertEquals(781.1728, MelFilterbank.hzToMel(700), 1e-4);
        assertEquals(1000.0, MelFilterbank.hzToMel(1000), 0.05);    // the HTK scale's anchor, near 1000 mel
        assertEquals(4000, MelFilterbank.melToHz(MelFilterbank.hzToMel(4000)), 1e-9);
    }

    @Test
    void triangularFiltersOfAHandComputedBank() {
        // 1 filter, 0..1400 Hz at sampleRate 2800, nfft 8 (bins every 350 Hz): the mel midpoint is
        // 2595 log10(3) / 2 mel = 700 (sqrt(3) - 1) Hz = 512.4 Hz.
        MelFilterbank bank = new MelFilterbank(1, 8, 2800, 0, 1400);
        double center = 700 * (Math.sqrt(3) - 1);
        assertEquals(1, bank.size());
        assertEquals(center, bank.centerHz(0), 1e-9);
        assertEquals(0, bank.weight(0, 0), 0);
        assertEquals(350 / center, bank.weight(0, 1), 1e-12);
        assertEquals((1400 - 700) / (1400 - center), bank.weight(0, 2), 1e-12);
        assertEquals((1400 - 1050) / (1400 - center), bank.weight(0, 3), 1e-12);
        assertEquals(0, bank.weight(0, 4), 0);
        double[] energies = bank.apply(new double[]{1, 1, 1, 1, 1});
        assertEquals(350 / center + 1050 / (1400 - center), energies[0], 1e-12);
    }

    @Test
    void filtersAreTrianglesPeakingAtTheirCentres() {
        MelFilterbank bank = new MelFilterbank(40, 512, 16000, 0, 8000);
        assertEquals(40, bank.size());
        for (int m = 0; m < 40; m++) {
            int peak = 0;
            for (int k = 0; k < 257; k++) {
                assertTrue(bank.weight(m, k) >= 0 && bank.weight(m, k) <= 1);
                if (bank.weight(m, k) > bank.weight(m, peak)) peak = k;
            }
            assertEquals(bank.centerHz(m), peak * 16000.0 / 512, 16000.0 / 512, "filter " + m);
            if (m > 0) assertTrue(bank.centerHz(m) > bank.centerHz(m - 1));
        }
    }

    @Test
    void refusesBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new MelFilterbank(0, 512, 16000, 0, 8000));
        assertThrows(IllegalArgumentException.class, () -> new MelFilterbank(40, 500, 16000, 0, 8000));
        assertThrows(IllegalArgumentException.class, () -> new MelFilterbank(40, 512, 16000, 0, 9000));
        assertThrows(IllegalArgumentException.class, () -> new MelFilterbank(40, 512, 16000, 300, 300));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MelFilterbank(128, 64, 16000, 0, 8000));
        assertTrue(e.getMessage().contains("covers no FFT bin"), e.getMessage());
        MelFilterbank bank = new MelFilterbank(4, 64, 16000, 0, 8000);
        assertThrows(IllegalArgumentException.class, () -> bank.apply(new double[64]));
    }
}
