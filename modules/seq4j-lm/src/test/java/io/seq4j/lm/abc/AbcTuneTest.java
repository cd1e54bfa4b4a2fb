package io.seq4j.lm.abc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AbcTuneTest {
    static final String TUNE = """
            X: 7
            T:Test Tune
            % a comment
            M:6/8
            L:1/8
            Q:1/4=90
            K:G
            |:"G"GAB cBA|^c2c =c3|[1 d>e (3fga z2:|[2 [DF]2 G,4-G,|]
            """;

    @Test
    void headerAndPitchesAreResolved() throws Exception {
        AbcTune t = AbcTune.parse(TUNE);
        assertEquals("Test Tune", t.title());
        assertEquals("6/8", t.header().get('M'));
        assertEquals(90, t.tempo());
        List<AbcTune.Note> notes = notes(t.items());
        // G A B (G major: F is sharp) c B A; ^c lasts to the bar line, =c cancels it
        int[] expected = {67, 69, 71, 72, 71, 69, 73, 73, 72, 74, 76, 78, 79, 81};
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], notes.get(i).pitches()[0], "note " + i);
        assertEquals(1.0 / 8, notes.get(0).duration(), 1e-12);
        assertEquals(2.0 / 8, notes.get(6).duration(), 1e-12);       // ^c2
        assertEquals(1.5 / 8, notes.get(9).duration(), 1e-12);       // d> : dotted
        assertEquals(0.5 / 8, notes.get(10).duration(), 1e-12);      // >e : halved
        assertEquals(2.0 / 3 / 8, notes.get(11).duration(), 1e-12);  // (3fga: three in the time of two
        assertArrayEquals(new int[]{62, 66}, notes.get(14).pitches()); // [DF]2: F sharp in G
        assertEquals(2.0 / 8, notes.get(14).duration(), 1e-12);
        assertEquals(55, notes.get(15).pitches()[0]);                 // G, one octave below G
        assertEquals(5.0 / 8, notes.get(15).duration(), 1e-12);      // G,4-G, tied
        assertEquals(16, t.noteCount());
        AbcTune.ChordSymbol g = (AbcTune.ChordSymbol) t.items().stream().filter(i -> i instanceof AbcTune.ChordSymbol).findFirst().orElseThrow();
        assertArrayEquals(new int[]{55, 59, 62}, g.pitches());
    }

    @Test
    void repeatsAndEndingsExpand() throws Exception {
        AbcTune t = AbcTune.parse(TUNE);
        List<AbcTune.Note> played = notes(AbcMidi.playingOrder(t.items()));
        // first pass: 14 notes (with ending 1); second pass: 9 notes before [1, then ending 2 (2 notes)
        assertEquals(14 + 9 + 2, played.size());
        assertEquals(67, played.get(14).pitches()[0]);               // the repeat starts again at G
        assertArrayEquals(new int[]{62, 66}, played.get(23).pitches());
    }

    @Test
    void keysAndModes() throws Exception {
        assertEquals(70, first("K:F"));          // B flat in F
        assertEquals(71, first("K:Dmix"));       // D mixolydian: C natural, B natural
        assertEquals(70, first("K:Dm"));         // D minor: B flat
        assertEquals(71, first("K:Ador"));       // A dorian: no flats
        assertEquals(70, first("K:Bb"));
    }

    private static int first(String key) throws Exception {
        AbcTune t = AbcTune.parse("X:1\nT:k\nM:4/4\nL:1/4\n" + key + "\nB c|\n");
        return notes(t.items()).get(0).pitches()[0];
    }

    @Test
    void errorsNameLineAndColumn() {
        assertEquals("line 1, column 1: a tune starts with an X: field",
                assertThrows(AbcSyntaxException.class, () -> AbcTune.parse("T:x\nK:G\nabc|\n")).getMessage());
        assertTrue(assertThrows(AbcSyntaxException.class, () -> AbcTune.parse("X:1\nT:x\nabc|\n")).getMessage()
                .contains("music before the K: field"));
        assertEquals("line 3, column 5: unterminated chord symbol or annotation (no closing '\"')",
                assertThrows(AbcSyntaxException.class, () -> AbcTune.parse("X:1\nK:G\nab|c\"G de|\n")).getMessage());
        assertEquals("line 3, column 3: unexpected character '#'",
                assertThrows(AbcSyntaxException.class, () -> AbcTune.parse("X:1\nK:G\nab#c|\n")).getMessage());
        assertTrue(assertThrows(AbcSyntaxException.class, () -> AbcTune.parse("X:1\nK:G\nabc de\n")).getMessage().contains("no bar lines"));
        assertTrue(assertThrows(AbcSyntaxException.class, () -> AbcTune.parse("X:1\nK:Q\nabc|\n")).getMessage().contains("K: needs a key"));
        assertTrue(assertThrows(AbcSyntaxException.class, () -> AbcTune.parse("X:1\nK:G\n[ceg|\n")).getMessage().contains("inside a chord"));
    }

    @Test
    void splitsFilesIntoTunes() {
        List<String> tunes = AbcTunes.split("% file header\n\nX: 1\nT:a\nK:G\nab|\n\n\nX: 2\nT:b\nK:D\ncd|");
        assertEquals(List.of("X: 1\nT:a\nK:G\nab|\n", "X: 2\nT:b\nK:D\ncd|\n"), tunes);
    }

    @Test
    void midiFileHasTheNotesAtTheirTicks(@TempDir Path dir) throws Exception {
        AbcTune t = AbcTune.parse(TUNE);
        Path f = dir.resolve("t.mid");
        AbcMidi.write(t, f);
        Sequence s = MidiSystem.getSequence(f.toFile());
        assertEquals(Sequence.PPQ, s.getDivisionType(), 0);
        assertEquals(480, s.getResolution());
        Track melody = s.getTracks()[1];
        List<long[]> ons = new ArrayList<>();          // {tick, pitch}
        for (int i = 0; i < melody.size(); i++) {
            MidiEvent e = melody.get(i);
            if (e.getMessage() instanceof ShortMessage m && m.getCommand() == ShortMessage.NOTE_ON && m.getData2() > 0) {
                ons.add(new long[]{e.getTick(), m.getData1()});
            }
        }
        assertEquals(26, ons.size());                    // 25 played notes, one a two-note chord
        assertArrayEquals(new long[]{0, 67}, ons.get(0));
        assertArrayEquals(new long[]{240, 69}, ons.get(1));   // an eighth = 240 ticks
        assertEquals(3, s.getTracks().length);           // tempo, melody, chords
    }

    static List<AbcTune.Note> notes(List<AbcTune.Item> items) {
        List<AbcTune.Note> out = new ArrayList<>();
        for (AbcTune.Item i : items) if (i instanceof AbcTune.Note n) out.add(n);
        return out;
    }
}
