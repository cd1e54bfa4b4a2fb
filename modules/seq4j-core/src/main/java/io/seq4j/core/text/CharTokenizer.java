package io.seq4j.core.text;

import java.util.ArrayList;
import java.util.List;

/** Character tokenizer: one token per Unicode code point, white space included. */
public final class CharTokenizer implements Tokenizer {
    @Override
    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>(text.length());
        text.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        return out;
    }

    @Override
    public String name() {
        return "char";
    }
}
