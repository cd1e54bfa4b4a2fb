package io.seq4j.cli.quickstart;

import io.seq4j.core.data.LabeledTextStream;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The lectures' long-memory sentences: "the cat [N filler words] was" vs "the cats [N filler words]
 * were". The subject comes first, then exactly N filler words drawn at random; the label is the
 * verb that agrees with the subject. A quarter of the fillers are other nouns of either number
 * ("the cat ... the dogs ... was"), so the most recent noun is no guide: a model must carry the
 * subject's number across all N fillers, the vanishing-gradient test for recurrent cells.
 */
public final class AgreementData {
    static final List<String> SINGULAR = List.of("cat", "dog", "child", "teacher", "bird", "horse", "student", "farmer");
    static final List<String> PLURAL = List.of("cats", "dogs", "children", "teachers", "birds", "horses", "students", "farmers");
    static final List<String> FILLERS = List.of("which", "already", "ate", "the", "food", "in", "a", "big", "bowl",
            "near", "old", "green", "house", "after", "long", "walk", "by", "river", "quietly", "and", "then",
            "slept", "under", "warm", "blanket", "on", "cold", "night", "with", "friend");

    private AgreementData() {
    }

    /**
     * {@code n} sentences as {@code label<TAB>text} rows ({@link LabeledTextStream}'s format), half
     * singular and half plural in random order; the same seed gives the same rows.
     */
    public static List<LabeledTextStream.Row> generate(int n, int fillers, long seed) {
        Random r = new Random(seed);
        List<LabeledTextStream.Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean plural = r.nextBoolean();
            int noun = r.nextInt(SINGULAR.size());
            StringBuilder text = new StringBuilder("the ").append((plural ? PLURAL : SINGULAR).get(noun));
            for (int f = 0; f < fillers; f++) {
                // one filler in four is another noun (e.g. "the cat ... the dogs ... was"), of either number
                String word = r.nextInt(4) == 0
                        ? (r.nextBoolean() ? PLURAL : SINGULAR).get(r.nextInt(SINGULAR.size()))
                        : FILLERS.get(r.nextInt(FILLERS.size()));
                text.append(' ').append(word);
            }
            rows.add(new LabeledTextStream.Row(plural ? "were" : "was", text.toString()));
        }
        return rows;
    }
}
