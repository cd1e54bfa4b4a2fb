package io.seq4j.core.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits on white space only, for text that is already tokenized (one token per space-separated
 * field, as word2vec's C tool and gensim's LineSentence read it). Optionally lower-cases.
 */
public final class WhitespaceTokenizer implements Tokenizer {
    private final boolean lowercase;

    public WhitespaceTokenizer(boolean lowercase) {
        this.lowercase = lowercase;
    }

    @Override
    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int start = -1;
        for (int i = 0; i <= n; i++) {
            boolean space = i == n || Character.isWhitespace(text.charAt(i));
            if (space && start >= 0) {
                String token = text.substring(start, i);
                out.add(lowercase ? token.toLowerCase(Locale.ROOT) : token);
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return out;
    }

    @Override
    public String name() {
        return lowercase ? "space-lower" : "space";
    }
}
