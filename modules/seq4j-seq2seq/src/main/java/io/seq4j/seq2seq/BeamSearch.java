package io.seq4j.seq2seq;

import io.seq4j.core.text.Vocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Beam search over a {@link StepDecoder}, all sentences of a batch at once (their live hypotheses
 * form one decoder batch). Each step extends every live hypothesis by its {@code 2 * beam} likeliest
 * tokens, keeps the {@code beam} best unfinished extensions per sentence and sets aside those that
 * end with EOS (or reach the sentence's length limit). A sentence is done when {@code beam}
 * hypotheses have finished; the winner maximises {@code log P / length^lengthPenalty} (length counts
 * EOS). PAD and BOS are never produced. Beam 1 is greedy decoding.
 */
final class BeamSearch {
    /**
     * A decoded target: token indices (EOS dropped), the total log-probability, whether it ended with
     * EOS (else it reached the length limit), attention {@code [steps][Ts]} (one row per token, and one
     * for EOS when it ended with it).
     */
    record Result(int[] tokens, double logProb, boolean complete, float[][] attention) {
    }

    /** A node of the hypothesis tree: the last token and its parent. */
    private record Hyp(Hyp parent, int token, double logProb, float[] attention, int length) {
        Result result(boolean endsWithEos) {
            int n = endsWithEos ? length - 1 : length;
            int[] tokens = new int[n];
            float[][] att = new float[length][];
            Hyp h = this;
            for (int i = length - 1; i >= 0; i--, h = h.parent) {
                if (i < n) tokens[i] = h.token;
                att[i] = h.attention;
            }
            return new Result(tokens, logProb, endsWithEos, att);
        }
    }

    private record Finished(Hyp hyp, boolean eos, double score) {
    }

    private BeamSearch() {
    }

    /**
     * Decodes every source of {@code encoded}.
     *
     * @param maxLengths most tokens (EOS included) per source sentence
     */
    static List<Result> search(StepDecoder decoder, StepDecoder.Encoded encoded, int beam, double lengthPenalty, int[] maxLengths) {
        int b = encoded.batch();
        List<List<Hyp>> live = new ArrayList<>();
        List<List<Finished>> finished = new ArrayList<>();
        int[] rows = new int[b];
        int[] previous = new int[b];
        for (int i = 0; i < b; i++) {
            live.add(List.of(new Hyp(null, Vocabulary.BOS, 0, null, 0)));
            finished.add(new ArrayList<>());
            rows[i] = i;
            previous[i] = Vocabulary.BOS;
        }
        decoder.start(encoded, rows);
        while (true) {
            StepDecoder.Step step = decoder.step(previous);
            List<Integer> parents = new ArrayList<>();
            List<Integer> next = new ArrayList<>();
            int row = 0;
            for (int s = 0; s < b; s++) {
                List<Hyp> hyps = live.get(s);
                List<Hyp> kept = new ArrayList<>();
                List<Integer> keptFrom = new ArrayList<>();
                List<double[]> cands = new ArrayList<>();     // {score, hyp index, token}
                for (int h = 0; h < hyps.size(); h++) {
                    float[] lp = step.logProbs()[row + h];
                    for (int tok : top(lp, 2 * beam)) cands.add(new double[]{hyps.get(h).logProb + lp[tok], h, tok});
                }
                cands.sort(Comparator.comparingDouble((double[] c) -> -c[0]));
                for (double[] c : cands) {
                    if (kept.size() >= beam || finished.get(s).size() >= beam) break;
                    Hyp parent = hyps.get((int) c[1]);
                    Hyp child = new Hyp(parent, (int) c[2], c[0], step.attention()[row + (int) c[1]], parent.length + 1);
                    boolean eos = child.token == Vocabulary.EOS;
                    if (eos || child.length >= maxLengths[s]) {
                        finished.get(s).add(new Finished(child, eos, child.logProb / Math.pow(child.length, lengthPenalty)));
                    } else {
                        kept.add(child);
                        keptFrom.add(row + (int) c[1]);
                    }
                }
                row += hyps.size();
                if (finished.get(s).size() >= beam) kept.clear();
                live.set(s, kept);
                for (int k = 0; k < kept.size(); k++) {
                    parents.add(keptFrom.get(k));
                    next.add(kept.get(k).token);
                }
            }
            if (parents.isEmpty()) break;
            decoder.reorder(parents.stream().mapToInt(Integer::intValue).toArray());
            previous = next.stream().mapToInt(Integer::intValue).toArray();
        }
        List<Result> out = new ArrayList<>(b);
        for (List<Finished> f : finished) {
            Finished best = f.stream().max(Comparator.comparingDouble(Finished::score)).orElseThrow();
            out.add(best.hyp.result(best.eos));
        }
        return out;
    }

    /** Indices of the k largest entries of {@code lp}, PAD and BOS excluded (any order). */
    static int[] top(float[] lp, int k) {
        int[] best = new int[Math.min(k, lp.length - 2)];
        int n = 0, worst = -1;
        for (int v = 0; v < lp.length; v++) {
            if (v == Vocabulary.PAD || v == Vocabulary.BOS) continue;
            if (n < best.length) {
                best[n++] = v;
                if (n == best.length) worst = argMin(lp, best);
            } else if (lp[v] > lp[best[worst]]) {
                best[worst] = v;
                worst = argMin(lp, best);
            }
        }
        return n == best.length ? best : Arrays.copyOf(best, n);
    }

    private static int argMin(float[] lp, int[] idx) {
        int w = 0;
        for (int i = 1; i < idx.length; i++) if (lp[idx[i]] < lp[idx[w]]) w = i;
        return w;
    }
}
