package io.seq4j.seq2seq;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Corpus BLEU computed exactly as sacreBLEU 2.x does by default: {@code BLEU()} with
 * {@code tokenize='13a'}, {@code smooth_method='exp'}, {@code max_ngram_order=4} and
 * {@code effective_order=False}, cased or (on request) lowercased.
 *
 * <p>Each segment, hypothesis and reference alike, is optionally lowercased, stripped of
 * trailing whitespace and tokenized with the mteval-v13a tokenizer ({@link #tokenize13a}).
 * Clipped n-gram matches ({@code n = 1..4}), hypothesis n-gram counts and the hypothesis and
 * reference lengths are summed over the whole corpus, and the score is computed once from
 * those sums: it is <em>not</em> an average of sentence scores.
 *
 * <p>With several references per segment, a hypothesis n-gram is clipped to its largest
 * count in any one reference, and the reference length used is the one closest to the
 * hypothesis length (ties go to the shorter).
 *
 * <p>Scores are on sacreBLEU's 0&ndash;100 scale.
 */
public final class Bleu {

    /** The largest n-gram order counted, sacreBLEU's {@code MAX_NGRAM_ORDER}. */
    public static final int MAX_NGRAM_ORDER = 4;

    /** sacreBLEU's {@code my_log(0)}: the floored log of a zero precision. */
    private static final double LOG_ZERO = -9999999999.0;

    /** The four substitutions of sacreBLEU's {@code TokenizerRegexp}, applied in order. */
    private static final Pattern[] PATTERNS = {
        // language-dependent part (assuming Western languages)
        Pattern.compile("([\\{-\\~\\[-\\` -\\&\\(-\\+\\:-\\@\\/])"),
        // tokenize period and comma unless preceded by a digit
        Pattern.compile("([^0-9])([\\.,])"),
        // tokenize period and comma unless followed by a digit
        Pattern.compile("([\\.,])([^0-9])"),
        // tokenize dash when preceded by a digit
        Pattern.compile("([0-9])(-)"),
    };
    private static final String[] REPLACEMENTS = {" $1 ", "$1 $2 ", " $1 $2", "$1 $2 "};

    private Bleu() {
    }

    /**
     * The corpus BLEU of hypotheses against one reference each, like
     * {@code sacrebleu.corpus_bleu(hypotheses, [references], lowercase=lowercase)}.
     *
     * @param hypotheses the system's segments, one a line; none null
     * @param references one reference segment per hypothesis, in the same order; none null
     * @param lowercase whether both sides are lowercased before tokenizing
     * @return the score and its statistics
     * @throws IllegalArgumentException if the two lists differ in size, or a line is null
     */
    public static Score corpus(List<String> hypotheses, List<String> references, boolean lowercase) {
        if (hypotheses == null || references == null) {
            throw new IllegalArgumentException("hypotheses and references must not be null");
        }
        if (hypotheses.size() != references.size()) {
            throw new IllegalArgumentException("hypotheses and references differ in size: "
                    + hypotheses.size() + " hypotheses, " + references.size() + " references");
        }
        for (int i = 0; i < references.size(); i++) {
            if (references.get(i) == null) {
                throw new IllegalArgumentException("reference " + i + " is null");
            }
        }
        return corpusMulti(hypotheses, List.of(references), lowercase);
    }

    /**
     * The corpus BLEU of hypotheses against one or more reference streams, like
     * {@code sacrebleu.corpus_bleu(hypotheses, references, lowercase=lowercase)}. (It cannot be an
     * overload of {@link #corpus}: both parameter lists erase to the same types.)
     *
     * <p>{@code references.get(k)} is the k-th reference stream, holding one segment per
     * hypothesis. As in sacreBLEU, a null segment in a stream means that segment has one
     * reference fewer; every segment needs at least one non-null reference.
     *
     * @param hypotheses the system's segments; none null
     * @param references the reference streams, at least one, each the size of {@code hypotheses}
     * @param lowercase whether both sides are lowercased before tokenizing
     * @return the score and its statistics
     * @throws IllegalArgumentException if there is no stream, a stream's size differs from the
     *     number of hypotheses, a hypothesis is null, or a segment has no non-null reference
     */
    public static Score corpusMultiReference(List<String> hypotheses,
                                             List<List<String>> references, boolean lowercase) {
        return corpusMulti(hypotheses, references, lowercase);
    }

    private static Score corpusMulti(List<String> hypotheses, List<List<String>> references,
                                     boolean lowercase) {
        if (hypotheses == null || references == null) {
            throw new IllegalArgumentException("hypotheses and references must not be null");
        }
        if (references.isEmpty()) {
            throw new IllegalArgumentException("at least one reference stream is needed");
        }
        for (int k = 0; k < references.size(); k++) {
            List<String> stream = references.get(k);
            if (stream == null) {
                throw new IllegalArgumentException("reference stream " + k + " is null");
            }
            if (stream.size() != hypotheses.size()) {
                throw new IllegalArgumentException("hypotheses and reference stream " + k
                        + " differ in size: " + hypotheses.size() + " hypotheses, "
                        + stream.size() + " references");
            }
        }
        long[] correct = new long[MAX_NGRAM_ORDER];
        long[] total = new long[MAX_NGRAM_ORDER];
        long sysLen = 0;
        long refLen = 0;
        for (int i = 0; i < hypotheses.size(); i++) {
            String hyp = hypotheses.get(i);
            if (hyp == null) {
                throw new IllegalArgumentException("hypothesis " + i + " is null");
            }
            List<Map<String, Integer>> refNgrams = null;
            List<Integer> refLens = new ArrayList<>();
            for (List<String> stream : references) {
                String ref = stream.get(i);
                if (ref == null) {
                    continue;
                }
                List<String> tokens = split(preprocess(ref, lowercase));
                refLens.add(tokens.size());
                List<Map<String, Integer>> these = ngrams(tokens);
                if (refNgrams == null) {
                    refNgrams = these;
                } else {
                    for (int n = 0; n < MAX_NGRAM_ORDER; n++) {
                        Map<String, Integer> merged = refNgrams.get(n);
                        these.get(n).forEach((g, c) -> merged.merge(g, c, Math::max));
                    }
                }
            }
            if (refNgrams == null) {
                throw new IllegalArgumentException("segment " + i + " has no reference");
            }
            List<String> hypTokens = split(preprocess(hyp, lowercase));
            List<Map<String, Integer>> hypNgrams = ngrams(hypTokens);
            sysLen += hypTokens.size();
            refLen += closestRefLength(hypTokens.size(), refLens);
            for (int n = 0; n < MAX_NGRAM_ORDER; n++) {
                Map<String, Integer> refCounts = refNgrams.get(n);
                for (Map.Entry<String, Integer> e : hypNgrams.get(n).entrySet()) {
                    int count = e.getValue();
                    total[n] += count;
                    Integer refCount = refCounts.get(e.getKey());
                    if (refCount != null) {
                        correct[n] += Math.min(count, refCount);
                    }
                }
            }
        }
        return fromStatistics(correct, total, sysLen, refLen);
    }

    /**
     * sacreBLEU's {@code BLEU.compute_bleu} with {@code smooth_method='exp'} and no effective
     * order: BLEU from corpus sufficient statistics.
     *
     * @param correct clipped n-gram matches, index {@code n-1} for order n (length 4)
     * @param total hypothesis n-gram counts, index {@code n-1} for order n (length 4)
     * @param sysLen the summed hypothesis length in tokens
     * @param refLen the summed (closest) reference length in tokens
     * @return the score
     * @throws IllegalArgumentException if an array is not of length 4
     */
    public static Score fromStatistics(long[] correct, long[] total, long sysLen, long refLen) {
        if (correct.length != MAX_NGRAM_ORDER || total.length != MAX_NGRAM_ORDER) {
            throw new IllegalArgumentException("need " + MAX_NGRAM_ORDER + " counts per array");
        }
        double bp = 1.0;
        if (sysLen < refLen) {
            bp = sysLen > 0 ? Math.exp(1 - (double) refLen / (double) sysLen) : 0.0;
        }
        double[] precisions = new double[MAX_NGRAM_ORDER];
        boolean anyCorrect = false;
        for (long c : correct) {
            anyCorrect |= c != 0;
        }
        if (!anyCorrect) {
            // sacreBLEU's early stop when nothing matches (its issue #141)
            return new Score(0.0, precisions, bp, sysLen, refLen);
        }
        double smoothMteval = 1.0;
        for (int n = 0; n < MAX_NGRAM_ORDER; n++) {
            if (total[n] == 0) {
                break;
            }
            if (correct[n] == 0) {
                smoothMteval *= 2;
                precisions[n] = 100.0 / (smoothMteval * total[n]);
            } else {
                precisions[n] = 100.0 * correct[n] / total[n];
            }
        }
        // Python's sum() starts from the integer 0 and adds left to right.
        double logSum = 0;
        for (double p : precisions) {
            logSum += p == 0.0 ? LOG_ZERO : Math.log(p);
        }
        double score = bp * Math.exp(logSum / MAX_NGRAM_ORDER);
        return new Score(score, precisions, bp, sysLen, refLen);
    }

    /**
     * The mteval-v13a tokenization of one line, as sacreBLEU's {@code Tokenizer13a} gives it:
     * {@code <skipped>} and {@code -\n} removed, newlines turned to spaces, the entities
     * {@code &quot; &amp; &lt; &gt;} unescaped, punctuation and symbols split off, periods and
     * commas split off unless between digits, a dash split off after a digit, and the tokens
     * joined by single spaces.
     *
     * <p>Unlike {@link #corpus}, this does not strip trailing whitespace first (sacreBLEU strips
     * it before calling its tokenizer, which matters only for a line ending in {@code "-\n"}).
     *
     * @param line the text; not null
     * @return its tokens joined by single spaces, no leading or trailing space
     */
    public static String tokenize13a(String line) {
        line = line.replace("<skipped>", "");
        line = line.replace("-\n", "");
        line = line.replace("\n", " ");
        if (line.indexOf('&') >= 0) {
            line = line.replace("&quot;", "\"");
            line = line.replace("&amp;", "&");
            line = line.replace("&lt;", "<");
            line = line.replace("&gt;", ">");
        }
        line = " " + line + " ";
        for (int i = 0; i < PATTERNS.length; i++) {
            line = PATTERNS[i].matcher(line).replaceAll(REPLACEMENTS[i]);
        }
        return String.join(" ", split(line));
    }

    /** sacreBLEU's {@code _preprocess_segment}: lowercase if asked, rstrip, tokenize. */
    private static String preprocess(String segment, boolean lowercase) {
        if (lowercase) {
            segment = segment.toLowerCase(Locale.ROOT);
        }
        return tokenize13a(rstrip(segment));
    }

    /** sacreBLEU's {@code _get_closest_ref_len}: closest to the hypothesis, ties to the shorter. */
    private static int closestRefLength(int hypLen, List<Integer> refLens) {
        int closestDiff = -1;
        int closestLen = -1;
        for (int len : refLens) {
            int diff = Math.abs(hypLen - len);
            if (closestDiff == -1 || diff < closestDiff) {
                closestDiff = diff;
                closestLen = len;
            } else if (diff == closestDiff && len < closestLen) {
                closestLen = len;
            }
        }
        return closestLen;
    }

    /** Counts of n-grams of orders 1..4, index {@code n-1}; keys are tokens joined by spaces. */
    private static List<Map<String, Integer>> ngrams(List<String> tokens) {
        List<Map<String, Integer>> out = new ArrayList<>(MAX_NGRAM_ORDER);
        for (int n = 1; n <= MAX_NGRAM_ORDER; n++) {
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i + n <= tokens.size(); i++) {
                // tokens hold no whitespace, so joining by a space keeps n-grams distinct
                counts.merge(String.join(" ", tokens.subList(i, i + n)), 1, Integer::sum);
            }
            out.add(counts);
        }
        return out;
    }

    /** Python's {@code str.split()} with no argument: runs of Python whitespace separate. */
    private static List<String> split(String s) {
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (isPythonSpace(cp)) {
                if (start >= 0) {
                    tokens.add(s.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            tokens.add(s.substring(start));
        }
        return tokens;
    }

    /** Python's {@code str.rstrip()} with no argument. */
    private static String rstrip(String s) {
        int end = s.length();
        while (end > 0) {
            int cp = s.codePointBefore(end);
            if (!isPythonSpace(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return s.substring(0, end);
    }

    /** Python's {@code str.isspace()} for one code point (Unicode 14 / CPython 3.11). */
    private static boolean isPythonSpace(int cp) {
        switch (cp) {
            case '\t': case '\n': case 0x0B: case 0x0C: case '\r':
            case 0x1C: case 0x1D: case 0x1E: case 0x1F: case ' ':
            case 0x85: case 0xA0: case 0x1680:
            case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
                return true;
            default:
                return cp >= 0x2000 && cp <= 0x200A;
        }
    }

    /** Python's {@code f"{x:.Nf}"}: the exact binary value rounded half to even. */
    private static String fixed(double x, int decimals) {
        return new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    /**
     * A corpus BLEU score with its statistics, sacreBLEU's {@code BLEUScore}.
     *
     * @param score BLEU on the 0&ndash;100 scale
     * @param precisions the four (smoothed) n-gram precisions, each on the 0&ndash;100 scale;
     *     orders past the first with no hypothesis n-gram are 0, and all are 0 when nothing matched
     * @param brevityPenalty the brevity penalty, in [0, 1]
     * @param sysLen the hypotheses' total length in tokens
     * @param refLen the references' total (closest) length in tokens
     */
    public record Score(double score, double[] precisions, double brevityPenalty,
                        long sysLen, long refLen) {
        /** Copies {@code precisions}, so the score stays as computed. */
        public Score {
            precisions = precisions.clone();
        }

        /** @return a copy of the four n-gram precisions */
        @Override
        public double[] precisions() {
            return precisions.clone();
        }

        /** @return {@code sysLen / refLen}, or 0 when {@code refLen} is 0, as sacreBLEU gives it */
        public double ratio() {
            return refLen != 0 ? (double) sysLen / (double) refLen : 0.0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Score s
                    && Double.compare(score, s.score) == 0
                    && Arrays.equals(precisions, s.precisions)
                    && Double.compare(brevityPenalty, s.brevityPenalty) == 0
                    && sysLen == s.sysLen && refLen == s.refLen;
        }

        @Override
        public int hashCode() {
            return 31 * (31 * (31 * (31 * Double.hashCode(score) + Arrays.hashCode(precisions))
                    + Double.hashCode(brevityPenalty)) + Long.hashCode(sysLen)) + Long.hashCode(refLen);
        }

        /**
         * The line sacreBLEU prints, e.g.
         * {@code BLEU = 37.99 83.3/60.0/25.0/16.7 (BP = 1.000 ratio = 1.000 hyp_len = 6 ref_len = 6)},
         * rounded as Python's format does.
         */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("BLEU = ").append(fixed(score, 2)).append(' ');
            for (int i = 0; i < precisions.length; i++) {
                if (i > 0) {
                    sb.append('/');
                }
                sb.append(fixed(precisions[i], 1));
            }
            return sb.append(" (BP = ").append(fixed(brevityPenalty, 3))
                    .append(" ratio = ").append(fixed(ratio(), 3))
                    .append(" hyp_len = ").append(sysLen)
                    .append(" ref_len = ").append(refLen).append(')').toString();
        }
    }
}
