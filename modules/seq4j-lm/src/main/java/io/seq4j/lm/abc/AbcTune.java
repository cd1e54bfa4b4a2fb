package io.seq4j.lm.abc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One ABC tune, parsed: its header fields and its music as a list of {@link Item}s with MIDI pitches
 * and durations resolved (key signature, accidentals that last to the bar line, unit note length,
 * tuplets, broken rhythm, ties).
 *
 * <p>The subset: header fields (X: first, K: ends the header; M:, L:, Q: read, others kept as text);
 * notes {@code A-G a-g} with {@code ^ ^^ _ __ =} and octave marks {@code ' ,}; durations
 * {@code 2}, {@code /}, {@code /2}, {@code 3/2}, {@code //}; rests {@code z x} and {@code Z}; note
 * chords {@code [CEG]}; chord symbols {@code "Am7"} (played as block chords); bar lines
 * {@code | || |] [| |: :| ::} and endings {@code [1 [2 |1 :|2}; tuplets {@code (3}; broken rhythm
 * {@code > <}; ties {@code -}; inline fields {@code [K:D]} and field lines in the body (M:, L:, K:,
 * Q:; P:, W:, w: and others skipped); slurs, grace notes {@code {..}}, decorations
 * ({@code ~ . H..v}, {@code !trill!}) and annotations are read and ignored. Anything else is an
 * {@link AbcSyntaxException} with line and column.
 */
public final class AbcTune {
    /** A piece of music, in order. */
    public sealed interface Item permits Note, Rest, Bar, Ending, ChordSymbol {
    }

    /** Notes sounding together (one for a plain note); duration in whole notes. */
    public record Note(int[] pitches, double duration) implements Item {
    }

    /** Silence; duration in whole notes. */
    public record Rest(double duration) implements Item {
    }

    /** A bar line: repeatEnd for {@code :|}, repeatStart for {@code |:}. */
    public record Bar(boolean repeatEnd, boolean repeatStart) implements Item {
    }

    /** The start of a numbered ending ({@code [1}, {@code [2}). */
    public record Ending(int number) implements Item {
    }

    /** A chord symbol's notes (around the octave below middle C). */
    public record ChordSymbol(String name, int[] pitches) implements Item {
    }

    private final Map<Character, String> header;
    private final List<Item> items;
    private final int tempo;

    private AbcTune(Map<Character, String> header, List<Item> items, int tempo) {
        this.header = header;
        this.items = items;
        this.tempo = tempo;
    }

    /** Header fields by letter (first occurrence), e.g. 'T' the title. */
    public Map<Character, String> header() {
        return header;
    }

    public String title() {
        return header.getOrDefault('T', "");
    }

    public List<Item> items() {
        return items;
    }

    /** Quarter notes per minute (Q:, default 120). */
    public int tempo() {
        return tempo;
    }

    public int noteCount() {
        return (int) items.stream().filter(i -> i instanceof Note).count();
    }

    public int barCount() {
        return (int) items.stream().filter(i -> i instanceof Bar).count();
    }

    /** Parses one tune: X: on its first line, a K: field, and a body with at least one note and one bar line. */
    public static AbcTune parse(String text) throws AbcSyntaxException {
        return new Parser(text).parse();
    }

    private static final class Parser {
        private final String[] lines;
        private final Map<Character, String> header = new LinkedHashMap<>();
        private final List<Item> items = new ArrayList<>();
        private int[] keyAccidentals = new int[7];          // per letter C D E F G A B
        private final Map<Integer, Integer> barAccidentals = new HashMap<>();   // (letter, octave) -> semitones
        private double unit = -1;
        private double meter = 1.0;
        private int tempo = 120;
        private int lineNo;
        private String line;
        private int pos;
        private int tupletLeft;
        private double tupletFactor = 1;
        private double brokenNext = 1;           // applied to the next note after > or <
        private boolean tie;

        Parser(String text) {
            this.lines = text.split("\r?\n", -1);
        }

        AbcTune parse() throws AbcSyntaxException {
            int i = 0;
            while (i < lines.length && lines[i].isBlank()) i++;
            if (i == lines.length || !lines[i].startsWith("X:")) throw new AbcSyntaxException(i + 1, 1, "a tune starts with an X: field");
            boolean inHeader = true;
            for (; i < lines.length; i++) {
                lineNo = i + 1;
                line = stripComment(lines[i]);
                if (line.isBlank()) continue;
                if (isField(line)) {
                    char f = line.charAt(0);
                    String value = line.substring(2).trim();
                    if (inHeader) {
                        header.putIfAbsent(f, value);
                        if (f == 'X' && !value.matches("\\d+")) throw new AbcSyntaxException(lineNo, 3, "X: needs a tune number, got '" + value + "'");
                    }
                    field(f, value, 3);
                    if (f == 'K') inHeader = false;
                    continue;
                }
                if (inHeader) throw new AbcSyntaxException(lineNo, 1, "music before the K: field that ends the header");
                body();
            }
            if (inHeader) throw new AbcSyntaxException(lines.length, 0, "no K: field (it ends the header)");
            if (items.stream().noneMatch(it -> it instanceof Note)) throw new AbcSyntaxException(lines.length, 0, "the tune has no notes");
            if (items.stream().noneMatch(it -> it instanceof Bar)) throw new AbcSyntaxException(lines.length, 0, "the tune has no bar lines");
            return new AbcTune(Map.copyOf(header), List.copyOf(items), tempo);
        }

        private static boolean isField(String l) {
            return l.length() >= 2 && l.charAt(1) == ':' && Character.isLetter(l.charAt(0)) && !(l.length() > 2 && l.charAt(2) == '|');
        }

        private static String stripComment(String l) {
            int c = l.indexOf('%');
            return c < 0 ? l : l.substring(0, c);
        }

        private void field(char f, String value, int column) throws AbcSyntaxException {
            switch (f) {
                case 'M' -> {
                    meter = meter(value, column);
                    if (unit < 0 && header.get('L') == null) unit = meter < 0.75 ? 1.0 / 16 : 1.0 / 8;
                }
                case 'L' -> unit = fraction(value, column, "L: needs a note length like 1/8");
                case 'K' -> {
                    keyAccidentals = key(value, column);
                    if (unit < 0) unit = 1.0 / 8;
                }
                case 'Q' -> tempo = tempo(value, column);
                default -> { }
            }
        }

        private double meter(String v, int column) throws AbcSyntaxException {
            return switch (v) {
                case "C" -> 1.0;
                case "C|" -> 1.0;
                case "none", "" -> 1.0;
                default -> fraction(v, column, "M: needs a meter like 6/8, C or C|");
            };
        }

        private double fraction(String v, int column, String problem) throws AbcSyntaxException {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,6})/(\\d{1,6})").matcher(v.trim());     // (longer numbers are no meter or length)
            if (!m.matches() || Integer.parseInt(m.group(2)) == 0 || Integer.parseInt(m.group(1)) == 0) {
                throw new AbcSyntaxException(lineNo, column, problem + ", got '" + v + "'");
            }
            return Double.parseDouble(m.group(1)) / Double.parseDouble(m.group(2));
        }

        private int tempo(String v, int column) throws AbcSyntaxException {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:(\\d{1,6})/(\\d{1,6})=)?(\\d{1,6})").matcher(v.trim());
            if (!m.matches()) throw new AbcSyntaxException(lineNo, column, "Q: needs a tempo like 1/4=120, got '" + v + "'");
            double beat = m.group(1) == null ? 0.25 : Double.parseDouble(m.group(1)) / Double.parseDouble(m.group(2));
            int bpm = (int) Math.round(Integer.parseInt(m.group(3)) * beat / 0.25);
            if (bpm <= 0 || bpm > 1000) throw new AbcSyntaxException(lineNo, column, "Q: tempo out of range: '" + v + "'");
            return bpm;
        }

        private static final String LETTERS = "CDEFGAB";
        private static final int[] SEMITONES = {0, 2, 4, 5, 7, 9, 11};
        private static final int[] LETTER_FIFTHS = {0, 2, 4, -1, 1, 3, 5};       // C D E F G A B
        private static final String SHARPS = "FCGDAEB";

        /** Per letter, the key signature's semitone change: K: G, Em, Dmix, Bb, F#m, Ador, none, HP. */
        private int[] key(String v, int column) throws AbcSyntaxException {
            int[] acc = new int[7];
            String k = v.trim().split("\\s+")[0];
            if (k.isEmpty() || k.equals("none") || k.equalsIgnoreCase("HP")) return acc;
            if (k.equals("Hp")) k = "D";
            char letter = Character.toUpperCase(k.charAt(0));
            int li = LETTERS.indexOf(letter);
            if (li < 0) throw new AbcSyntaxException(lineNo, column, "K: needs a key like G, Em or Dmix, got '" + v + "'");
            int fifths = LETTER_FIFTHS[li];
            String rest = k.substring(1);
            if (rest.startsWith("#")) { fifths += 7; rest = rest.substring(1); }
            else if (rest.startsWith("b")) { fifths -= 7; rest = rest.substring(1); }
            String mode = rest.toLowerCase(Locale.ROOT);
            fifths += switch (mode.length() >= 3 ? mode.substring(0, 3) : mode) {
                case "", "maj", "ion" -> 0;
                case "m", "min", "aeo" -> -3;
                case "mix" -> -1;
                case "dor" -> -2;
                case "phr" -> -4;
                case "loc" -> -5;
                case "lyd" -> 1;
                default -> throw new AbcSyntaxException(lineNo, column, "K: unknown mode '" + rest + "' in '" + v + "'");
            };
            if (fifths > 7 || fifths < -7) throw new AbcSyntaxException(lineNo, column, "K: key '" + v + "' has more than 7 accidentals");
            for (int i = 0; i < Math.abs(fifths); i++) {
                char l = fifths > 0 ? SHARPS.charAt(i) : SHARPS.charAt(6 - i);
                acc[LETTERS.indexOf(l)] = fifths > 0 ? 1 : -1;
            }
            return acc;
        }

        private AbcSyntaxException error(String problem) {
            return new AbcSyntaxException(lineNo, pos + 1, problem);
        }

        private boolean more() {
            return pos < line.length();
        }

        private char peek(int ahead) {
            return pos + ahead < line.length() ? line.charAt(pos + ahead) : '\0';
        }

        private void body() throws AbcSyntaxException {
            pos = 0;
            while (more()) {
                char c = line.charAt(pos);
                if (Character.isWhitespace(c) || c == '\\' || c == '`' || c == 'y' || c == ')') {
                    pos++;
                } else if (c == '"') {
                    quoted();
                } else if (c == '!' || c == '+') {
                    skipTo(c, "decoration");
                } else if (c == '{') {
                    skipTo('}', "grace notes");
                } else if ("~.HLMOPSTuv".indexOf(c) >= 0) {
                    pos++;
                } else if (c == '(') {
                    tuplet();
                } else if (c == '[') {
                    bracket();
                } else if (c == '|' || c == ':') {
                    barLine();
                } else if (c == '>' || c == '<') {
                    broken();
                } else if (c == '-') {
                    if (!(lastItem() instanceof Note)) throw error("a tie '-' needs a note before it");
                    tie = true;
                    pos++;
                } else if (c == 'z' || c == 'x') {
                    pos++;
                    items.add(new Rest(duration()));
                } else if (c == 'Z') {
                    pos++;
                    int bars = digits(1);
                    items.add(new Rest(bars * meter));
                } else if ("^_=".indexOf(c) >= 0 || LETTERS.indexOf(Character.toUpperCase(c)) >= 0) {
                    int pitch = pitch();
                    note(new int[]{pitch}, duration());
                } else {
                    throw error("unexpected character '" + c + "'");
                }
            }
        }

        private Item lastItem() {
            return items.isEmpty() ? null : items.get(items.size() - 1);
        }

        private void skipTo(char close, String what) throws AbcSyntaxException {
            int end = line.indexOf(close, pos + 1);
            if (end < 0) throw error("unterminated " + what + " (no closing '" + close + "')");
            pos = end + 1;
        }

        private void quoted() throws AbcSyntaxException {
            int end = line.indexOf('"', pos + 1);
            if (end < 0) throw error("unterminated chord symbol or annotation (no closing '\"')");
            String s = line.substring(pos + 1, end);
            pos = end + 1;
            int[] chord = chordSymbol(s);
            if (chord != null) items.add(new ChordSymbol(s, chord));
        }

        /** The notes of a chord symbol (C, Am, G7, Dm7, Bb, F#m, Edim, Gmaj7, Dsus4, A/C#), or null for an annotation. */
        private static int[] chordSymbol(String s) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-G])([#b]?)(m(?!aj)|min|dim|aug|\\+)?(maj7|7|6|9|sus4|sus2)?(/[A-G][#b]?)?")
                    .matcher(s.trim());
            if (!m.matches()) return null;
            int root = 48 + SEMITONES[LETTERS.indexOf(m.group(1).charAt(0))] + (m.group(2).equals("#") ? 1 : m.group(2).equals("b") ? -1 : 0);
            String q = m.group(3) == null ? "" : m.group(3);
            int third = q.startsWith("m") ? 3 : 4, fifth = q.equals("dim") ? 6 : q.equals("aug") || q.equals("+") ? 8 : 7;
            String ext = m.group(4) == null ? "" : m.group(4);
            if (ext.equals("sus4")) third = 5;
            if (ext.equals("sus2")) third = 2;
            List<Integer> notes = new ArrayList<>(List.of(root, root + third, root + fifth));
            switch (ext) {
                case "7" -> notes.add(root + (q.equals("dim") ? 9 : 10));
                case "maj7" -> notes.add(root + 11);
                case "6" -> notes.add(root + 9);
                case "9" -> { notes.add(root + 10); notes.add(root + 14); }
                default -> { }
            }
            return notes.stream().mapToInt(Integer::intValue).toArray();
        }

        private void tuplet() throws AbcSyntaxException {
            pos++;
            if (!Character.isDigit(peek(0))) return;          // a slur
            int p = digits(0);
            int q = switch (p) {
                case 2, 4, 8 -> 3;
                default -> 2;                  // 3, 6 and (in simple meters) 5, 7, 9
            };
            int r = p;
            if (peek(0) == ':') {
                pos++;
                if (Character.isDigit(peek(0))) q = digits(q);
                if (peek(0) == ':') {
                    pos++;
                    if (Character.isDigit(peek(0))) r = digits(p);
                }
            }
            if (p < 2 || p > 9) throw error("tuplet (" + p + " is not supported (2 to 9)");
            tupletLeft = r;
            tupletFactor = (double) q / p;
        }

        private void bracket() throws AbcSyntaxException {
            char n = peek(1);
            if (Character.isDigit(n)) {
                pos++;
                items.add(new Ending(digits(1)));
                while (peek(0) == ',' || peek(0) == '-' || Character.isDigit(peek(0))) pos++;   // [1,2 / [1-2
            } else if (n == '|') {
                pos += 2;
                items.add(new Bar(false, false));
                clearBar();
            } else if (Character.isLetter(n) && peek(2) == ':') {
                int end = line.indexOf(']', pos);
                if (end < 0) throw error("unterminated inline field (no closing ']')");
                field(n, line.substring(pos + 3, end).trim(), pos + 4);
                pos = end + 1;
            } else {
                pos++;
                List<Integer> pitches = new ArrayList<>();
                double dur = -1;
                boolean tied = false;
                while (more() && peek(0) != ']') {
                    char c = peek(0);
                    if (Character.isWhitespace(c) || c == '+') { pos++; continue; }
                    if (c == '-') { tied = true; pos++; continue; }
                    if ("^_=".indexOf(c) < 0 && LETTERS.indexOf(Character.toUpperCase(c)) < 0) {
                        throw error("unexpected '" + c + "' inside a chord [...]");
                    }
                    pitches.add(pitch());
                    double d = duration();
                    if (dur < 0) dur = d;
                }
                if (!more()) throw error("unterminated chord (no closing ']')");
                pos++;
                if (pitches.isEmpty()) throw error("empty chord []");
                double outer = duration();          // [CEG]2 multiplies
                note(pitches.stream().mapToInt(Integer::intValue).toArray(), dur * outer / unit);
                tie |= tied || peek(0) == '-';
                if (peek(0) == '-') pos++;
            }
        }

        private void barLine() throws AbcSyntaxException {
            int start = pos;
            while (more() && (peek(0) == '|' || peek(0) == ':' || (peek(0) == ']' && pos > start && line.charAt(pos - 1) == '|'))) pos++;
            String run = line.substring(start, pos);
            if (run.indexOf('|') < 0 && !run.equals("::")) {
                pos = start;
                throw error("unexpected '" + run + "' (a bar line needs '|')");
            }
            boolean end = run.startsWith(":"), begin = run.endsWith(":");
            items.add(new Bar(end, begin));
            clearBar();
            if (Character.isDigit(peek(0))) items.add(new Ending(digits(1)));
        }

        private void clearBar() {
            barAccidentals.clear();
        }

        private void broken() throws AbcSyntaxException {
            char c = peek(0);
            int n = 0;
            while (peek(0) == c) { n++; pos++; }
            if (!(lastItem() instanceof Note prev)) throw error("broken rhythm '" + c + "' needs a note before it");
            double shift = 1 - Math.pow(0.5, n);                 // > 0.5, >> 0.75
            double first = c == '>' ? 1 + shift : 1 - shift;
            items.set(items.size() - 1, new Note(prev.pitches(), prev.duration() * first));
            brokenNext = 2 - first;
        }

        private int digits(int otherwise) {
            int start = pos;
            while (Character.isDigit(peek(0))) pos++;
            return pos == start ? otherwise : Integer.parseInt(line.substring(start, Math.min(pos, start + 6)));
        }

        /** Reads accidentals, a letter and octave marks; returns the MIDI pitch (C = 60, c = 72). */
        private int pitch() throws AbcSyntaxException {
            Integer explicit = null;
            if (peek(0) == '^') { pos++; explicit = 1; if (peek(0) == '^') { pos++; explicit = 2; } }
            else if (peek(0) == '_') { pos++; explicit = -1; if (peek(0) == '_') { pos++; explicit = -2; } }
            else if (peek(0) == '=') { pos++; explicit = 0; }
            char c = peek(0);
            int li = LETTERS.indexOf(Character.toUpperCase(c));
            if (li < 0) throw error("an accidental needs a note letter after it");
            pos++;
            int octave = Character.isLowerCase(c) ? 1 : 0;
            while (peek(0) == '\'' || peek(0) == ',') {
                octave += peek(0) == '\'' ? 1 : -1;
                pos++;
            }
            int key = li * 100 + octave + 50;
            int acc;
            if (explicit != null) {
                acc = explicit;
                barAccidentals.put(key, acc);
            } else {
                acc = barAccidentals.getOrDefault(key, keyAccidentals[li]);
            }
            int pitch = 60 + 12 * octave + SEMITONES[li] + acc;
            if (pitch < 0 || pitch > 127) throw error("note out of the MIDI range");
            return pitch;
        }

        /** Reads a length multiplier (2, /, /2, 3/2, //) and returns the duration in whole notes. */
        private double duration() throws AbcSyntaxException {
            double num = digits(1), den = 1;
            while (peek(0) == '/') {
                pos++;
                if (Character.isDigit(peek(0))) {
                    int d = digits(2);
                    if (d == 0) throw error("a note length cannot divide by 0");
                    den *= d;
                } else {
                    den *= 2;
                }
            }
            if (num == 0) throw error("a note length cannot be 0");
            return unit * num / den;
        }

        private void note(int[] pitches, double duration) {
            double d = duration * brokenNext;
            brokenNext = 1;
            if (tupletLeft > 0) {
                d *= tupletFactor;
                tupletLeft--;
            }
            if (tie && lastItem() instanceof Note prev && java.util.Arrays.equals(prev.pitches(), pitches)) {
                items.set(items.size() - 1, new Note(pitches, prev.duration() + d));
            } else {
                items.add(new Note(pitches, d));
            }
            tie = false;
        }
    }
}
