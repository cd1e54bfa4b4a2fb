package io.seq4j.seq2seq;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The small English-French sample the project ships as {@code data/translate/sample.tsv} (and the
 * quickstart trains on): sentences from a little grammar whose French side needs what translation
 * needs, so a model that learns it must attend to the right source words: gender agreement
 * ("the red car" -> "la voiture rouge", "the red cat" -> "le chat rouge"), reordering (colour
 * adjectives follow the noun, size adjectives precede it: "the small red car" -> "la petite voiture
 * rouge"), and contractions ("near the dog" -> "près du chien", "near the house" -> "près de la
 * maison"). Lower-case, tokens separated by spaces; one pair per line, English TAB French.
 */
public final class TranslationSampleData {
    /** English noun, French noun, French gender (true = feminine). */
    private record Noun(String en, String fr, boolean feminine) {
    }

    /** English adjective, French masculine and feminine forms, placed before the noun in French. */
    private record Adjective(String en, String masculine, String feminine, boolean before) {
    }

    private static final Noun[] NOUNS = {
            new Noun("cat", "chat", false), new Noun("dog", "chien", false), new Noun("wolf", "loup", false),
            new Noun("boy", "garçon", false), new Noun("horse", "cheval", false), new Noun("car", "voiture", true),
            new Noun("house", "maison", true), new Noun("woman", "femme", true), new Noun("girl", "fille", true),
            new Noun("table", "table", true)};
    private static final Adjective[] ADJECTIVES = {
            new Adjective("red", "rouge", "rouge", false), new Adjective("green", "vert", "verte", false),
            new Adjective("black", "noir", "noire", false), new Adjective("white", "blanc", "blanche", false),
            new Adjective("small", "petit", "petite", true), new Adjective("big", "grand", "grande", true),
            new Adjective("pretty", "joli", "jolie", true)};
    private static final String[][] VERBS = {{"sees", "voit"}, {"likes", "aime"}, {"follows", "suit"}, {"watches", "regarde"},
            {"finds", "trouve"}};

    private TranslationSampleData() {
    }

    /** {@code count} pairs drawn with this seed (the shipped file is {@code pairs(3000, 11)}). */
    public static List<SentencePair> pairs(int count, long seed) {
        Random r = new Random(seed);
        List<SentencePair> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String[] subject = phrase(r, r.nextBoolean() ? "the" : "a");
            String[] verb = VERBS[r.nextInt(VERBS.length)];
            String[] object = phrase(r, r.nextBoolean() ? "the" : "a");
            String en = subject[0] + " " + verb[0] + " " + object[0];
            String fr = subject[1] + " " + verb[1] + " " + object[1];
            if (r.nextInt(3) == 0) {
                String[] place = phrase(r, "the");
                en += " near " + place[0];
                fr += " près " + (place[1].startsWith("le ") ? "du " + place[1].substring(3) : "de " + place[1]);
            }
            out.add(new SentencePair(en + " .", fr + " ."));
        }
        return out;
    }

    /** A noun phrase {English, French}: determiner, up to two adjectives, noun. */
    private static String[] phrase(Random r, String determiner) {
        Noun n = NOUNS[r.nextInt(NOUNS.length)];
        List<Adjective> adjectives = new ArrayList<>();
        int k = r.nextInt(3);
        while (adjectives.size() < k) {
            Adjective a = ADJECTIVES[r.nextInt(ADJECTIVES.length)];
            if (adjectives.stream().noneMatch(x -> x.before() == a.before())) adjectives.add(a);  // one of each kind
        }
        adjectives.sort((x, y) -> Boolean.compare(y.before(), x.before()));    // English: size before colour
        StringBuilder en = new StringBuilder(determiner);
        for (Adjective a : adjectives) en.append(' ').append(a.en());
        en.append(' ').append(n.en());
        String det = switch (determiner) {
            case "the" -> n.feminine() ? "la" : "le";
            default -> n.feminine() ? "une" : "un";
        };
        StringBuilder fr = new StringBuilder(det);
        for (Adjective a : adjectives) if (a.before()) fr.append(' ').append(n.feminine() ? a.feminine() : a.masculine());
        fr.append(' ').append(n.fr());
        for (Adjective a : adjectives) if (!a.before()) fr.append(' ').append(n.feminine() ? a.feminine() : a.masculine());
        return new String[]{en.toString(), fr.toString()};
    }
}
