package io.seq4j.examples;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelloCharRnnTest {
    @Test
    void learnsToSayHelloWithEveryCell() {
        for (String cell : new String[]{"SIMPLE_RNN", "GRU", "LSTM"}) {
            HelloCharRnn.Result r = HelloCharRnn.runExample("--cell", cell, "--epochs", "30");
            assertEquals("hello", r.generated(), cell);
            assertTrue(r.finalLoss() < 0.1, cell + " loss " + r.finalLoss());
        }
    }
}
