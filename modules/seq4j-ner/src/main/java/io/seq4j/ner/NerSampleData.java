package io.seq4j.ner;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated tagged sentences in the lectures' spirit ("Harry Potter and Hermione Granger invented
 * a new spell"): people, places and organisations, one or more tokens long, in a dozen templates,
 * IOB2 tags. Among them the lectures' case for a bidirectional model: "Teddy Roosevelt was a great
 * President" (Teddy is a person) against "Teddy bears are on sale" (it is not); only the word
 * after "Teddy" tells. For tests and the quickstart; a pure function of the seed.
 */
public final class NerSampleData {
    private static final String[][] PEOPLE = {{"Harry", "Potter"}, {"Hermione", "Granger"}, {"Ron", "Weasley"}, {"Albus", "Dumbledore"},
            {"Marie", "Curie"}, {"Ada", "Lovelace"}, {"Alan", "Turing"}, {"Grace", "Hopper"}, {"Teddy", "Roosevelt"}, {"Angela", "Merkel"},
            {"Nelson", "Mandela"}, {"Frida", "Kahlo"}, {"Tolstoy"}, {"Cleopatra"}, {"Obama"}, {"Shakespeare"}};
    private static final String[][] PLACES = {{"London"}, {"Paris"}, {"New", "York"}, {"Hogwarts"}, {"Berlin"}, {"Tokyo"}, {"Cape", "Town"},
            {"Mexico", "City"}, {"Lagos"}, {"Lima"}, {"Oslo"}, {"Buenos", "Aires"}};
    private static final String[][] ORGS = {{"Gringotts"}, {"Google"}, {"the", "United", "Nations"}, {"Bank", "of", "England"},
            {"Reuters"}, {"Siemens"}, {"the", "Ministry", "of", "Magic"}, {"Toyota"}, {"UNESCO"}, {"the", "Red", "Cross"}};
    private static final String[] OBJECTS = {"spell", "machine", "theory", "bridge", "potion", "engine"};

    private NerSampleData() {
    }

    /** {@code n} sentences, tagged in IOB2. */
    public static List<ConllReader.Sentence> generate(int n, long seed) {
        Random r = new Random(seed);
        List<ConllReader.Sentence> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<String> w = new ArrayList<>();
            List<String> t = new ArrayList<>();
            switch (r.nextInt(9)) {
                case 0 -> { add(w, t, person(r), "PER"); words(w, t, "and"); add(w, t, person(r), "PER");
                    words(w, t, "invented", "a", "new", OBJECTS[r.nextInt(OBJECTS.length)], "."); }
                case 1 -> { add(w, t, person(r), "PER"); words(w, t, "met"); add(w, t, person(r), "PER"); words(w, t, "in");
                    add(w, t, pick(r, PLACES), "LOC"); words(w, t, "."); }
                case 2 -> { add(w, t, org(r, true), "ORG"); words(w, t, "opened", "an", "office", "in"); add(w, t, pick(r, PLACES), "LOC");
                    words(w, t, "."); }
                case 3 -> { add(w, t, person(r), "PER"); words(w, t, "works", "for"); add(w, t, org(r, false), "ORG"); words(w, t, "."); }
                case 4 -> { words(w, t, "Teddy", "bears", "are", "on", "sale", "in"); add(w, t, pick(r, PLACES), "LOC"); words(w, t, "."); }
                case 5 -> { add(w, t, new String[]{"Teddy", "Roosevelt"}, "PER"); words(w, t, "was", "a", "great", "President", "."); }
                case 6 -> { words(w, t, "Reports", "from"); add(w, t, pick(r, PLACES), "LOC"); words(w, t, "say"); add(w, t, org(r, false), "ORG");
                    words(w, t, "will", "hire", Integer.toString(10 + r.nextInt(990)), "people", "."); }
                case 7 -> { words(w, t, "In"); add(w, t, pick(r, PLACES), "LOC"); words(w, t, ",");
                    add(w, t, person(r), "PER"); words(w, t, "thanked"); add(w, t, org(r, false), "ORG"); words(w, t, "."); }
                default -> { words(w, t, "The", "visit", "of"); add(w, t, person(r), "PER"); words(w, t, "to"); add(w, t, pick(r, PLACES), "LOC");
                    words(w, t, "was", "a", "success", "."); }
            }
            out.add(new ConllReader.Sentence(List.copyOf(w), List.copyOf(t), i + 1));
        }
        return out;
    }

    /** The sentences as a 2-column CoNLL file body (word TAB tag, blank line after each). */
    public static List<String> lines(List<ConllReader.Sentence> sentences) {
        List<String> out = new ArrayList<>();
        for (ConllReader.Sentence s : sentences) {
            for (int i = 0; i < s.words().size(); i++) out.add(s.words().get(i) + "\t" + s.tags().get(i));
            out.add("");
        }
        return out;
    }

    private static String[] person(Random r) {
        return pick(r, PEOPLE);
    }

    /** An organisation; at the start of a sentence "the" is capitalised. */
    private static String[] org(Random r, boolean first) {
        String[] o = pick(r, ORGS).clone();
        if (first && o[0].equals("the")) o[0] = "The";
        return o;
    }

    private static String[] pick(Random r, String[][] from) {
        return from[r.nextInt(from.length)];
    }

    private static void add(List<String> w, List<String> t, String[] entity, String type) {
        int start = 0;
        if (entity[0].equals("the") || entity[0].equals("The")) {     // the article is not part of the name
            words(w, t, entity[0]);
            start = 1;
        }
        for (int i = start; i < entity.length; i++) {
            w.add(entity[i]);
            t.add((i == start ? "B-" : "I-") + type);
        }
    }

    private static void words(List<String> w, List<String> t, String... words) {
        for (String x : words) {
            w.add(x);
            t.add("O");
        }
    }
}
