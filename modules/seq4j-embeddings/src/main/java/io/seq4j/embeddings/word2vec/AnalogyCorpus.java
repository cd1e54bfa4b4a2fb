package io.seq4j.embeddings.word2vec;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A generated English-like corpus whose person words factor into gender x status x age, the
 * lectures' running analogy (man : woman :: king : queen). Each person shares its pronouns with the
 * others of its gender, its places with the others of its status and its adjectives with the
 * others of its age, e.g. "the old queen rides to the palace and she is royal". Vectors trained on
 * it solve "man is to king as woman is to ?" with "queen". For tests and the quickstart; a few
 * thousand sentences train in about a second.
 */
public final class AnalogyCorpus {
    /** {word, gender (0 he, 1 she), status (0 royal, 1 common), age (0 grown, 1 young)}. */
    private static final Object[][] PEOPLE = {
            {"king", 0, 0, 0}, {"queen", 1, 0, 0}, {"prince", 0, 0, 1}, {"princess", 1, 0, 1},
            {"man", 0, 1, 0}, {"woman", 1, 1, 0}, {"boy", 0, 1, 1}, {"girl", 1, 1, 1}};
    private static final String[][] PRONOUNS = {{"he", "his", "him"}, {"she", "her", "hers"}};
    private static final String[][] PLACES = {{"palace", "castle", "throne", "court"}, {"village", "market", "farm", "field"}};
    private static final String[][] STATUS = {{"royal", "noble", "crowned"}, {"common", "humble", "poor"}};
    private static final String[][] AGE = {{"old", "wise", "grown"}, {"little", "small", "playful"}};
    private static final String[] VERBS = {"walks", "rides", "talks", "sings", "sleeps", "waits", "eats", "reads"};

    private AnalogyCorpus() {
    }

    /** {@code n} sentences, a pure function of {@code seed}. */
    public static List<String> generate(int n, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Object[] p = PEOPLE[r.nextInt(PEOPLE.length)];
            String who = (String) p[0];
            String[] pronoun = PRONOUNS[(int) p[1]];
            String place = pick(r, PLACES[(int) p[2]]);
            String status = pick(r, STATUS[(int) p[2]]);
            String age = pick(r, AGE[(int) p[3]]);
            String verb = pick(r, VERBS);
            out.add(switch (r.nextInt(3)) {
                case 0 -> "the " + age + " " + who + " " + verb + " to the " + place + " and " + pronoun[0] + " is " + status;
                case 1 -> "in the " + place + " the " + status + " " + who + " " + verb + " with " + pronoun[1] + " " + age + " friend";
                default -> pronoun[0] + " is the " + age + " " + who + " and the " + status + " " + place + " knows " + pronoun[2];
            });
        }
        return out;
    }

    private static String pick(Random r, String[] words) {
        return words[r.nextInt(words.length)];
    }
}
