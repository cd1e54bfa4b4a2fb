package io.seq4j.sentiment;

import io.seq4j.core.data.LabeledTextStream.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated reviews whose label depends on word order only, after the lectures' "a bag of words
 * cannot tell 'this phone is no good' from 'no this phone is good'". Every review names a good and a
 * bad quality, one asserted and one denied: "the phone is great , not awful" is positive, "the
 * phone is awful , not great" negative; "the film is not dull but superb" positive. The two
 * readings of a pair have the same multiset of words and opposite labels, so a unigram bag of words
 * is at chance on them by construction, while a recurrent model can learn which adjective the
 * "not" governs. Labels: {@code pos}, {@code neg}; the same (n, seed) give the same reviews.
 */
public final class WordOrderData {
    private static final String[] SUBJECTS = {"the phone", "this film", "the hotel", "the food", "my new laptop", "the plot",
            "the service", "this album", "the camera", "the ending", "the staff", "this book"};
    private static final String[] GOOD = {"good", "great", "superb", "lovely", "excellent", "fun", "wonderful", "brilliant"};
    private static final String[] BAD = {"bad", "awful", "dull", "poor", "terrible", "boring", "horrible", "weak"};
    private static final String[] ADVERBS = {"", "really ", "very ", "quite ", "truly ", "simply "};

    private WordOrderData() {
    }

    /** {@code n} reviews (n even): n/2 word-order pairs, each as its positive and its negative reading. */
    public static List<Row> generate(int n, long seed) {
        if (n < 2 || n % 2 != 0) throw new IllegalArgumentException("n must be a positive even number, got " + n);
        Random rnd = new Random(seed);
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n / 2; i++) {
            String subject = pick(SUBJECTS, rnd), good = pick(GOOD, rnd), bad = pick(BAD, rnd), adverb = pick(ADVERBS, rnd);
            boolean butForm = rnd.nextBoolean();
            rows.add(new Row("pos", review(subject, adverb, good, bad, butForm)));
            rows.add(new Row("neg", review(subject, adverb, bad, good, butForm)));
        }
        return rows;
    }

    private static String review(String subject, String adverb, String asserted, String denied, boolean butForm) {
        return butForm ? subject + " is not " + denied + " but " + adverb + asserted
                : subject + " is " + adverb + asserted + " , not " + denied;
    }

    private static String pick(String[] a, Random rnd) {
        return a[rnd.nextInt(a.length)];
    }
}
