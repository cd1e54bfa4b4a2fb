package io.seq4j.ner;

import io.seq4j.core.data.CharTaggedSequence;
import io.seq4j.core.text.LabelSet;
import io.seq4j.core.text.Vocabulary;
import io.seq4j.embeddings.WordVectors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one place a tagger's sentences become samples: word indices (lookup form:
 * {@link #lookupForm}), character indices of the original spelling (PAD = 0, UNK = 1, so real
 * characters are >= 4), tag indices in the training scheme.
 */
public final class NerEncoder {
    private final Vocabulary words;
    private final Vocabulary chars;
    private final LabelSet tags;
    private final NerConfig config;

    public NerEncoder(Vocabulary words, Vocabulary chars, LabelSet tags, NerConfig config) {
        this.words = words;
        this.chars = chars;
        this.tags = tags;
        this.config = config;
    }

    /** A word as it is looked up: lower-cased and every digit 0 when {@code lowercase}, else as is. */
    public static String lookupForm(String word, boolean lowercase) {
        if (!lowercase) return word;
        StringBuilder sb = new StringBuilder(word.length());
        word.toLowerCase(Locale.ROOT).codePoints().forEach(c -> sb.appendCodePoint(Character.isDigit(c) ? '0' : c));
        return sb.toString();
    }

    /** Training words plus, with pretrained vectors, the file's first {@code maxVocab} words. */
    public static Vocabulary wordVocabulary(List<ConllReader.Sentence> train, WordVectors pretrained, NerConfig c) {
        Vocabulary.Builder b = Vocabulary.builder();
        for (ConllReader.Sentence s : train) for (String w : s.words()) b.add(lookupForm(w, c.lowercase()));
        if (pretrained != null) {
            List<String> extra = pretrained.words().subList(0, Math.min(c.maxVocab(), pretrained.size()));
            for (String w : extra) b.add(lookupForm(w, c.lowercase()));
        }
        return b.build();
    }

    /** Every character of the training words. */
    public static Vocabulary charVocabulary(List<ConllReader.Sentence> train) {
        Vocabulary.Builder b = Vocabulary.builder();
        for (ConllReader.Sentence s : train) for (String w : s.words()) w.codePoints().forEach(c -> b.add(new String(Character.toChars(c))));
        return b.build();
    }

    /** The tags of the training sentences in the training scheme, sorted. */
    public static LabelSet tagSet(List<ConllReader.Sentence> train, TagScheme scheme) {
        List<String> all = new ArrayList<>();
        all.add("O");
        for (ConllReader.Sentence s : train) all.addAll(EntitySpans.convert(s.tags(), scheme));
        return LabelSet.sortedOf(all);
    }

    /** A sentence as a sample; {@code tags} (any scheme, converted) may be null for prediction. */
    public CharTaggedSequence encode(List<String> sentence, List<String> tagsOrNull) {
        int n = sentence.size();
        int[] w = new int[n];
        int[][] c = new int[n][];
        for (int i = 0; i < n; i++) {
            w[i] = words.indexOf(lookupForm(sentence.get(i), config.lowercase()));
            int[] cps = sentence.get(i).codePoints().limit(config.maxChars()).toArray();
            c[i] = new int[cps.length];
            for (int k = 0; k < cps.length; k++) c[i][k] = chars.indexOf(new String(Character.toChars(cps[k])));
        }
        int[] y = new int[0];
        if (tagsOrNull != null) {
            List<String> converted = EntitySpans.convert(tagsOrNull, config.scheme());
            y = new int[n];
            for (int i = 0; i < n; i++) {
                if (!tags.contains(converted.get(i))) {
                    throw new IllegalArgumentException("tag '" + converted.get(i) + "' was not in the training data (known: " + tags + ")");
                }
                y[i] = tags.indexOf(converted.get(i));
            }
        }
        return new CharTaggedSequence(w, c, y);
    }

    public List<CharTaggedSequence> encode(List<ConllReader.Sentence> sentences) {
        List<CharTaggedSequence> out = new ArrayList<>(sentences.size());
        for (ConllReader.Sentence s : sentences) out.add(encode(s.words(), s.tags()));
        return out;
    }
}
