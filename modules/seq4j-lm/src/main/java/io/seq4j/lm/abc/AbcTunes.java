package io.seq4j.lm.abc;

import java.util.ArrayList;
import java.util.List;

/** Splits ABC files into tunes: a tune runs from an {@code X:} line to the next one (or the end). */
public final class AbcTunes {
    private AbcTunes() {
    }

    /**
     * The tunes of an ABC text, each from its {@code X:} line on, with trailing blank lines removed
     * and ending in one newline. Text before the first {@code X:} line (file headers) is skipped.
     */
    public static List<String> split(String text) {
        List<String> tunes = new ArrayList<>();
        StringBuilder tune = null;
        for (String line : text.split("\r?\n", -1)) {
            if (isTuneStart(line)) {
                add(tunes, tune);
                tune = new StringBuilder();
            }
            if (tune != null) tune.append(line).append('\n');
        }
        add(tunes, tune);
        return tunes;
    }

    static boolean isTuneStart(String line) {
        return line.startsWith("X:");
    }

    private static void add(List<String> tunes, StringBuilder tune) {
        if (tune == null) return;
        String t = tune.toString().stripTrailing();
        if (!t.isEmpty()) tunes.add(t + "\n");
    }
}
