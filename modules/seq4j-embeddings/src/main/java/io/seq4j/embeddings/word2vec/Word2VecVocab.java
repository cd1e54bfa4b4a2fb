package io.seq4j.embeddings.word2vec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The words word2vec learns vectors for: every corpus token seen at least {@code minCount} times
 * (at most {@code maxVocab} of them), most frequent first (ties in first-seen order), with their
 * counts. Vector files keep this order, so "the N most frequent words" is their first N rows, as
 * the standard analogy evaluation assumes.
 *
 * <p>{@link #scan} also keeps the corpus as word ids when it has at most {@code cacheTokens} tokens
 * ({@link #cached()}), so later epochs need not read and tokenize the files again; a larger corpus
 * is streamed from disk every epoch.
 */
public final class Word2VecVocab {
    private final String[] words;
    private final long[] counts;
    private final Map<String, Integer> index;
    private final long corpusTokens;
    private Encoded cached;

    /**
     * The corpus as vocabulary ids, out-of-vocabulary tokens removed: sentence s is
     * {@code ids[ends[s - 1] .. ends[s])} (from 0 for s = 0); sentences left empty are dropped.
     */
    public record Encoded(int[] ids, int[] ends, int sentences) {
    }

    private Word2VecVocab(String[] words, long[] counts, long corpusTokens) {
        this.words = words;
        this.counts = counts;
        this.corpusTokens = corpusTokens;
        this.index = new HashMap<>(words.length * 2);
        for (int i = 0; i < words.length; i++) index.put(words[i], i);
    }

    /**
     * Counts the tokens of one pass over the corpus, keeping them as ids when there are at most
     * {@code cacheTokens}.
     */
    public static Word2VecVocab scan(TextCorpus corpus, int minCount, int maxVocab, long cacheTokens) throws IOException {
        Map<String, long[]> seen = new HashMap<>();     // word -> {count, first-seen ordinal}
        List<String> order = new ArrayList<>();
        long[] tokens = {0};
        int[][] ids = {new int[1 << 16]};
        int[][] ends = {new int[1 << 12]};
        int[] sentences = {0};
        corpus.forEachSentence(sentence -> {
            boolean keep = ids[0] != null && tokens[0] + sentence.size() <= cacheTokens;
            if (!keep) {
                ids[0] = null;
                ends[0] = null;
            } else if ((int) tokens[0] + sentence.size() > ids[0].length) {
                ids[0] = java.util.Arrays.copyOf(ids[0], (int) Math.min(Integer.MAX_VALUE - 8,
                        Math.max(2L * ids[0].length, tokens[0] + sentence.size())));
            }
            int at = (int) tokens[0];
            for (String w : sentence) {
                long[] c = seen.get(w);
                if (c == null) {
                    seen.put(w, c = new long[]{0, order.size()});
                    order.add(w);
                }
                c[0]++;
                if (keep) ids[0][at++] = (int) c[1];
            }
            tokens[0] += sentence.size();
            if (keep) {
                if (sentences[0] == ends[0].length) ends[0] = java.util.Arrays.copyOf(ends[0], 2 * sentences[0]);
                ends[0][sentences[0]++] = at;
            }
        });
        Word2VecVocab vocab = of(order, w -> seen.get(w)[0], minCount, maxVocab, tokens[0]);
        if (ids[0] != null) vocab.cached = vocab.encode(order, ids[0], ends[0], sentences[0]);
        return vocab;
    }

    /** The cached corpus, or null when it was too large to keep. */
    public Encoded cached() {
        return cached;
    }

    /** Rewrites first-seen ordinals as vocabulary ids, in place, dropping unknown words and empty sentences. */
    private Encoded encode(List<String> order, int[] ids, int[] ends, int sentences) {
        int[] remap = new int[order.size()];
        for (int i = 0; i < remap.length; i++) remap[i] = indexOf(order.get(i));
        int out = 0;
        int kept = 0;
        int from = 0;
        for (int s = 0; s < sentences; s++) {
            int before = out;
            for (int i = from; i < ends[s]; i++) {
                int id = remap[ids[i]];
                if (id >= 0) ids[out++] = id;
            }
            from = ends[s];
            if (out > before) ends[kept++] = out;
        }
        return new Encoded(java.util.Arrays.copyOf(ids, out), java.util.Arrays.copyOf(ends, kept), kept);
    }

    /** Counted words: {@code words} in first-seen order, their counts, and the corpus size in tokens. */
    static Word2VecVocab of(List<String> words, java.util.function.ToLongFunction<String> count, int minCount, int maxVocab,
                            long corpusTokens) {
        Integer[] kept = new Integer[words.size()];
        int n = 0;
        for (int i = 0; i < words.size(); i++) {
            if (count.applyAsLong(words.get(i)) >= minCount) kept[n++] = i;
        }
        Integer[] sorted = Arrays.copyOf(kept, n);
        Arrays.sort(sorted, (a, b) -> {
            int c = Long.compare(count.applyAsLong(words.get(b)), count.applyAsLong(words.get(a)));
            return c != 0 ? c : Integer.compare(a, b);
        });
        int size = maxVocab > 0 ? Math.min(maxVocab, n) : n;
        if (size == 0) {
            throw new IllegalArgumentException("no word occurs at least " + minCount + " times in the corpus (" + corpusTokens
                    + " tokens); lower minCount");
        }
        String[] w = new String[size];
        long[] c = new long[size];
        for (int i = 0; i < size; i++) {
            w[i] = words.get(sorted[i]);
            c[i] = count.applyAsLong(w[i]);
        }
        return new Word2VecVocab(w, c, corpusTokens);
    }

    public int size() {
        return words.length;
    }

    public String word(int i) {
        return words[i];
    }

    public long count(int i) {
        return counts[i];
    }

    /** The word's index, or -1 when it is not in the vocabulary. */
    public int indexOf(String word) {
        Integer i = index.get(word);
        return i == null ? -1 : i;
    }

    /** Occurrences of vocabulary words in one pass (the words that are trained on, before sub-sampling). */
    public long trainWords() {
        long s = 0;
        for (long c : counts) s += c;
        return s;
    }

    /** All tokens of one pass, out-of-vocabulary ones included. */
    public long corpusTokens() {
        return corpusTokens;
    }

    public List<String> words() {
        return List.of(words);
    }
}
