package io.seq4j.lm;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The small English sample the project ships as {@code data/lm/sample.txt} (and the quickstart
 * trains on): sentences from a little grammar in which fruit goes into salads ("an apple and pear
 * salad") and shoes come in pairs ("a pair of boots"), so a model that learns it must prefer
 * P("apple and pear salad") to P("apple and pair salad"), the lectures' example. Lower-case, tokens
 * separated by spaces, one sentence per line.
 */
public final class LmSampleData {
    private static final String[] PEOPLE = {"i", "she", "he", "we", "they", "my sister", "our neighbour", "the cook"};
    private static final String[] COOKED = {"made", "ate", "served", "wanted", "ordered", "liked"};
    private static final String[] FRUIT = {"apple", "pear", "orange", "banana", "grape", "peach"};
    private static final String[] DISHES = {"salad", "tart", "pie", "juice"};
    private static final String[] MEALS = {"for lunch", "for dinner", "at the party", "on sunday", "yesterday"};
    private static final String[] GOT = {"bought", "found", "lost", "wore", "needed", "wanted"};
    private static final String[] WORN = {"shoes", "socks", "gloves", "boots", "jeans"};
    private static final String[] PLACES = {"in town", "at the market", "for the winter", "last week", "today"};
    private static final String[] TASTES = {"ripe", "sweet", "green", "soft", "fresh"};

    private LmSampleData() {
    }

    /** {@code count} sentences drawn with this seed (the shipped file is {@code sentences(3000, 7)}). */
    public static List<String> sentences(int count, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(switch (r.nextInt(3)) {
                case 0 -> {
                    String a = pick(FRUIT, r), b = pick(FRUIT, r);
                    while (b.equals(a)) b = pick(FRUIT, r);
                    yield pick(PEOPLE, r) + " " + pick(COOKED, r) + " " + article(a) + " " + a + " and " + b + " " + pick(DISHES, r)
                            + " " + pick(MEALS, r) + " .";
                }
                case 1 -> pick(PEOPLE, r) + " " + pick(GOT, r) + " a pair of " + pick(WORN, r) + " " + pick(PLACES, r) + " .";
                default -> "the " + pick(FRUIT, r) + " was " + pick(TASTES, r) + " .";
            });
        }
        return out;
    }

    private static String article(String word) {
        return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }

    private static String pick(String[] words, Random r) {
        return words[r.nextInt(words.length)];
    }
}
