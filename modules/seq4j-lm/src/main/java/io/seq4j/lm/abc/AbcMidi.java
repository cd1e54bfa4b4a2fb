package io.seq4j.lm.abc;

import io.seq4j.core.io.AtomicFiles;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts a parsed {@link AbcTune} to a standard MIDI file with javax.sound.midi: repeats and
 * numbered endings expanded, melody on channel 1 (track 1), chord symbols as held block chords on
 * channel 2 (track 2), 480 ticks per quarter note, the tune's Q: tempo.
 */
public final class AbcMidi {
    public static final int TICKS_PER_QUARTER = 480;
    private static final int MELODY = 0, CHORDS = 1;

    private AbcMidi() {
    }

    /** The items in playing order: {@code |: .. :|} played twice, {@code [1} skipped the second time. */
    public static List<AbcTune.Item> playingOrder(List<AbcTune.Item> items) {
        List<AbcTune.Item> out = new ArrayList<>();
        int start = 0;
        boolean second = false;
        for (int i = 0; i < items.size() && out.size() <= 4 * items.size(); ) {
            AbcTune.Item it = items.get(i);
            if (it instanceof AbcTune.Bar b) {
                if (b.repeatEnd() && !second) {
                    second = true;
                    i = start;
                    continue;
                }
                if (b.repeatEnd() || b.repeatStart()) {
                    second = false;
                    start = i + 1;
                }
                i++;
            } else if (it instanceof AbcTune.Ending e && second && e.number() == 1) {
                int j = i + 1;
                while (j < items.size() && !(items.get(j) instanceof AbcTune.Bar nb && nb.repeatEnd())) j++;
                second = false;
                start = j + 1;
                i = j + 1;
            } else {
                out.add(it);
                i++;
            }
        }
        return out;
    }

    /** The tune as a MIDI sequence (type 1: a tempo track, the melody and, when there are chord symbols, the chords). */
    public static Sequence sequence(AbcTune tune) {
        try {
            Sequence seq = new Sequence(Sequence.PPQ, TICKS_PER_QUARTER);
            Track meta = seq.createTrack();
            int mpq = 60_000_000 / tune.tempo();
            meta.add(new MidiEvent(new MetaMessage(0x51, new byte[]{(byte) (mpq >> 16), (byte) (mpq >> 8), (byte) mpq}, 3), 0));
            byte[] title = tune.title().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            meta.add(new MidiEvent(new MetaMessage(0x03, title, title.length), 0));
            Track melody = seq.createTrack();
            Track chords = null;
            long tick = 0;
            int[] held = null;
            for (AbcTune.Item it : playingOrder(tune.items())) {
                if (it instanceof AbcTune.Note n) {
                    long len = ticks(n.duration());
                    for (int p : n.pitches()) {
                        melody.add(event(ShortMessage.NOTE_ON, MELODY, p, 90, tick));
                        melody.add(event(ShortMessage.NOTE_OFF, MELODY, p, 0, tick + len));
                    }
                    tick += len;
                } else if (it instanceof AbcTune.Rest r) {
                    tick += ticks(r.duration());
                } else if (it instanceof AbcTune.ChordSymbol c) {
                    if (chords == null) chords = seq.createTrack();
                    release(chords, held, tick);
                    for (int p : c.pitches()) chords.add(event(ShortMessage.NOTE_ON, CHORDS, p, 60, tick));
                    held = c.pitches();
                }
            }
            if (chords != null) release(chords, held, tick);
            return seq;
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException("building a MIDI sequence failed", e);   // the values above are always valid
        }
    }

    /** Writes the tune as a standard MIDI file (type 1), atomically. */
    public static void write(AbcTune tune, Path file) throws IOException {
        Sequence seq = sequence(tune);
        AtomicFiles.write(file, out -> MidiSystem.write(seq, 1, out));
    }

    static long ticks(double wholeNotes) {
        return Math.max(1, Math.round(wholeNotes * 4 * TICKS_PER_QUARTER));
    }

    private static void release(Track track, int[] held, long tick) throws InvalidMidiDataException {
        if (held == null) return;
        for (int p : held) track.add(event(ShortMessage.NOTE_OFF, CHORDS, p, 0, tick));
    }

    private static MidiEvent event(int command, int channel, int pitch, int velocity, long tick) throws InvalidMidiDataException {
        return new MidiEvent(new ShortMessage(command, channel, pitch, velocity), tick);
    }
}
