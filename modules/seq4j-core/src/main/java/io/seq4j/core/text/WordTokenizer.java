package io.seq4j.core.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Word tokenizer: splits on white space and separates punctuation from words ("good." becomes
 * "good", "."), keeping apostrophes and hyphens inside words ("don't", "well-known") and digits
 * with decimal points together ("3.14"). Optionally lower-cases (root locale).
 */
public final class WordTokenizer implements Tokenizer {
    private final boolean lowercase;

    public WordTokenizer(boolean lowercase) {
        this.lowercase = lowercase;
    }

    @Override
    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int n = text.length();
        for (int i = 0; i < n; ) {
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            if (Character.isWhitespace(cp)) {
                flush(word, out);
            } else if (Character.isLetterOrDigit(cp) || isJoiner(text, i, cp, word)) {
                word.appendCodePoint(cp);
            } else {
                flush(word, out);
                out.add(new String(Character.toChars(cp)));
            }
            i += len;
        }
        flush(word, out);
        if (lowercase) {
            out.replaceAll(s -> s.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** An apostrophe, hyphen or decimal point between two letters/digits stays in the word. */
    private static boolean isJoiner(String text, int i, int cp, StringBuilder word) {
        if ((cp != '\'' && cp != '-' && cp != '.' && cp != '\u2019') || word.isEmpty()) return false;
        int next = i + 1;
        if (next >= text.length() || !Character.isLetterOrDigit(text.codePointAt(next))) return false;
        return cp != '.' || (Character.isDigit(word.codePointBefore(word.length())) && Character.isDigit(text.codePointAt(next)));
    }

    private static void flush(StringBuilder word, List<String> out) {
        if (!word.isEmpty()) {
            out.add(word.toString());
            word.setLength(0);
        }
    }

    @Override
    public String name() {
        return lowercase ? "word-lower" : "word";
    }
}
