package io.seq4j.ner;

import io.seq4j.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Entity-level scoring exactly as the CoNLL shared tasks' conlleval.pl (2004 version, default
 * options) computes it: a phrase is correct when it starts and ends at the same tokens with the
 * same type in gold and prediction; chunk starts and ends follow conlleval's startOfChunk /
 * endOfChunk rules on the raw tags (so an I- tag after O starts a phrase); accuracy counts tokens
 * whose tag equals the gold tag (O included). {@link #report()} prints conlleval's layout and
 * {@link #writeConllevalInput} the "word gold predicted" file the perl script reads.
 */
public final class ConllEval {
    private int tokens;
    private int correctTags;
    private int foundCorrect;
    private int foundGuessed;
    private int correctChunks;
    private final Map<String, int[]> perType = new TreeMap<>();    // type -> {correct chunks, found correct, found guessed}

    /** Adds one sentence: gold and predicted tags, one per token. */
    public void add(List<String> gold, List<String> guessed) {
        if (gold.size() != guessed.size()) throw new IllegalArgumentException(gold.size() + " gold tags but " + guessed.size() + " predicted");
        String lastC = "O", lastG = "O", lastCT = "", lastGT = "";
        boolean inCorrect = false;
        for (int i = 0; i <= gold.size(); i++) {
            boolean boundary = i == gold.size();
            String[] c = boundary ? new String[]{"O", ""} : split(gold.get(i));
            String[] g = boundary ? new String[]{"O", ""} : split(guessed.get(i));
            if (inCorrect) {
                boolean endC = endOfChunk(lastC, c[0], lastCT, c[1]);
                boolean endG = endOfChunk(lastG, g[0], lastGT, g[1]);
                if (endC && endG && lastGT.equals(lastCT)) {
                    inCorrect = false;
                    correctChunks++;
                    type(lastCT)[0]++;
                } else if (endC != endG || !g[1].equals(c[1])) {
                    inCorrect = false;
                }
            }
            boolean startC = startOfChunk(lastC, c[0], lastCT, c[1]);
            boolean startG = startOfChunk(lastG, g[0], lastGT, g[1]);
            if (startC && startG && g[1].equals(c[1])) inCorrect = true;
            if (startC) {
                foundCorrect++;
                type(c[1])[1]++;
            }
            if (startG) {
                foundGuessed++;
                type(g[1])[2]++;
            }
            if (!boundary) {
                if (c[0].equals(g[0]) && g[1].equals(c[1])) correctTags++;
                tokens++;
            }
            lastC = c[0];
            lastG = g[0];
            lastCT = c[1];
            lastGT = g[1];
        }
    }

    private int[] type(String t) {
        return perType.computeIfAbsent(t, k -> new int[3]);
    }

    /** conlleval's split at the first hyphen: {prefix, type}; a tag without one has type "". */
    private static String[] split(String tag) {
        int dash = tag.indexOf('-');
        return dash < 0 ? new String[]{tag, ""} : new String[]{tag.substring(0, dash), tag.substring(dash + 1)};
    }

    static boolean endOfChunk(String prevTag, String tag, String prevType, String type) {
        boolean end = false;
        if (prevTag.equals("B") && tag.equals("B")) end = true;
        if (prevTag.equals("B") && tag.equals("O")) end = true;
        if (prevTag.equals("I") && tag.equals("B")) end = true;
        if (prevTag.equals("I") && tag.equals("O")) end = true;
        if (prevTag.equals("E") && tag.equals("E")) end = true;
        if (prevTag.equals("E") && tag.equals("I")) end = true;
        if (prevTag.equals("E") && tag.equals("O")) end = true;
        if (!prevTag.equals("O") && !prevTag.equals(".") && !prevType.equals(type)) end = true;
        if (prevTag.equals("]") || prevTag.equals("[")) end = true;
        return end;
    }

    static boolean startOfChunk(String prevTag, String tag, String prevType, String type) {
        boolean start = false;
        if (prevTag.equals("B") && tag.equals("B")) start = true;
        if (prevTag.equals("I") && tag.equals("B")) start = true;
        if (prevTag.equals("O") && tag.equals("B")) start = true;
        if (prevTag.equals("O") && tag.equals("I")) start = true;
        if (prevTag.equals("E") && tag.equals("E")) start = true;
        if (prevTag.equals("E") && tag.equals("I")) start = true;
        if (prevTag.equals("O") && tag.equals("E")) start = true;
        if (!tag.equals("O") && !tag.equals(".") && !prevType.equals(type)) start = true;
        if (tag.equals("[") || tag.equals("]")) start = true;
        return start;
    }

    /** Precision, recall and F1 in [0, 1], over all types or of one. */
    public record Score(double precision, double recall, double f1, int guessed) {
        static Score of(int correct, int gold, int guessed) {
            double p = guessed > 0 ? correct / (double) guessed : 0;
            double r = gold > 0 ? correct / (double) gold : 0;
            return new Score(p, r, p + r > 0 ? 2 * p * r / (p + r) : 0, guessed);
        }
    }

    public Score overall() {
        return Score.of(correctChunks, foundCorrect, foundGuessed);
    }

    /** Per entity type, sorted by name as conlleval prints them. */
    public Map<String, Score> perType() {
        Map<String, Score> m = new LinkedHashMap<>();
        for (var e : perType.entrySet()) {
            if (e.getKey().isEmpty()) continue;
            m.put(e.getKey(), Score.of(e.getValue()[0], e.getValue()[1], e.getValue()[2]));
        }
        return m;
    }

    public double accuracy() {
        return tokens == 0 ? 0 : correctTags / (double) tokens;
    }

    public int tokens() {
        return tokens;
    }

    /** conlleval's output, byte for byte. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        Score o = overall();
        sb.append(String.format(Locale.ROOT, "processed %d tokens with %d phrases; found: %d phrases; correct: %d.%n", tokens, foundCorrect,
                foundGuessed, correctChunks));
        if (tokens > 0) {
            sb.append(String.format(Locale.ROOT, "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f%n", 100.0 * correctTags / tokens,
                    100 * o.precision(), 100 * o.recall(), 100 * o.f1()));
        }
        for (var e : perType().entrySet()) {
            Score s = e.getValue();
            sb.append(String.format(Locale.ROOT, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %d%n", e.getKey(), 100 * s.precision(),
                    100 * s.recall(), 100 * s.f1(), s.guessed()));
        }
        return sb.toString();
    }

    /** {precision, recall, f1, accuracy, per_type: {TYPE: {precision, recall, f1}}}, fractions in [0, 1]. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        Score o = overall();
        m.put("precision", o.precision());
        m.put("recall", o.recall());
        m.put("f1", o.f1());
        m.put("accuracy", accuracy());
        Map<String, Object> types = new LinkedHashMap<>();
        for (var e : perType().entrySet()) {
            types.put(e.getKey(), Map.of("precision", e.getValue().precision(), "recall", e.getValue().recall(), "f1", e.getValue().f1()));
        }
        m.put("per_type", types);
        return m;
    }

    /** Writes "word gold predicted" lines, a blank line after each sentence: conlleval.pl's input. */
    public static void writeConllevalInput(Path file, List<List<String>> words, List<List<String>> gold, List<List<String>> guessed)
            throws IOException {
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < words.size(); s++) {
            for (int i = 0; i < words.get(s).size(); i++) {
                lines.add(words.get(s).get(i) + " " + gold.get(s).get(i) + " " + guessed.get(s).get(i));
            }
            lines.add("");
        }
        AtomicFiles.writeLines(file, lines);
    }
}
