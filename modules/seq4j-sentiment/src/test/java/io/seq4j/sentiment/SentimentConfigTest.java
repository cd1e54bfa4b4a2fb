package io.seq4j.sentiment;

import io.seq4j.core.nn.Pooling;
import io.seq4j.core.nn.RecurrentSpec;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SentimentConfigTest {
    @Test
    void defaultsRoundTripThroughTheirMapAndProperties() {
        SentimentConfig d = SentimentConfig.builder().build();
        assertEquals(d, SentimentConfig.builder().apply(d.toMap()).build());
        Properties p = new Properties();
        p.setProperty("cell", "gru");
        p.setProperty("pooling", "attention");
        p.setProperty("bidirectional", "false");
        SentimentConfig c = SentimentConfig.fromProperties(p);
        assertEquals(RecurrentSpec.Cell.GRU, c.cell());
        assertEquals(Pooling.ATTENTION, c.pooling());
        assertFalse(c.encoder().bidirectional());
        assertTrue(c.encoder().returnSequences());
        assertFalse(SentimentConfig.builder().optPooling(Pooling.LAST).build().encoder().returnSequences());
        assertEquals(d.toMap().keySet(), c.toMap().keySet());
    }

    @Test
    void badSettingsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SentimentConfig.builder().apply(Map.of("unts", "3")));
        assertTrue(e.getMessage().startsWith("unknown setting 'unts'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SentimentConfig.builder().apply(Map.of("units", "many")));
        assertEquals("setting 'units': bad value 'many'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SentimentConfig.builder().optMaxLength(10).optHeadTokens(20).build());
        assertTrue(e.getMessage().startsWith("setting 'headTokens'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SentimentConfig.builder().apply(Map.of("fineTune", "yes")));
    }

    /** The documented truncation rule: first headTokens and last maxLength - headTokens tokens. */
    @Test
    void longDocumentsKeepHeadAndTail() {
        SentimentConfig c = SentimentConfig.builder().optMaxLength(5).optHeadTokens(2).optMinCount(1).build();
        var vocab = io.seq4j.core.text.Vocabulary.of(java.util.List.of("a", "b", "c", "d", "e", "f", "g"));
        DocumentEncoder enc = new DocumentEncoder(c);
        int[] ids = enc.encode("A b<br />c d e f G", vocab);
        assertEquals(java.util.List.of("a", "b", "e", "f", "g"), vocab.decode(ids));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[]{io.seq4j.core.text.Vocabulary.UNK}, enc.encode("<br />", vocab));
    }
}
