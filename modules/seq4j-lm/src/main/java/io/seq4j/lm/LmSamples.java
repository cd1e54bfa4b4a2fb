package io.seq4j.lm;

import io.seq4j.core.batch.EpochSource;
import io.seq4j.core.batch.SequenceBatcher;
import io.seq4j.core.data.TaggedSequence;
import io.seq4j.core.text.Vocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Next-token samples: each {@link TaggedSequence} holds input tokens and, as its tags, the token
 * that follows each of them.
 *
 * <p>Long text (truncated BPTT): the token stream is cut into windows of {@code window} inputs;
 * window k reads tokens {@code [o + kW, o + (k+1)W)} and predicts {@code [o + kW + 1, o + (k+1)W + 1)}.
 * Every window starts from a zero state, so the gradient flows back at most W steps. In training
 * the offset o is drawn per epoch (seeded), so window boundaries move between epochs; evaluation
 * uses o = 0 and a last, shorter window, so every token after the first is predicted once.
 *
 * <p>Collections of short sequences (lines, tunes): {@code <s> x1 .. xn} predicts
 * {@code x1 .. xn </s>}; sequences longer than maxLength keep their first maxLength inputs.
 */
final class LmSamples {
    private LmSamples() {
    }

    /** Windows over a token stream from {@code offset}; the last one may be shorter (at least one step). */
    static List<TaggedSequence> windows(int[] stream, int window, int offset) {
        List<TaggedSequence> out = new ArrayList<>();
        for (int s = offset; s + 1 < stream.length; s += window) {
            int e = Math.min(s + window, stream.length - 1);
            out.add(new TaggedSequence(Arrays.copyOfRange(stream, s, e), Arrays.copyOfRange(stream, s + 1, e + 1)));
        }
        return out;
    }

    /** One sample per sequence: {@code <s>} + tokens predicting tokens + {@code </s>}, cut to maxLength steps. */
    static List<TaggedSequence> sequences(List<int[]> sequences, int maxLength) {
        List<TaggedSequence> out = new ArrayList<>(sequences.size());
        for (int[] seq : sequences) out.add(bounded(Vocabulary.BOS, seq, Vocabulary.EOS, maxLength));
        return out;
    }

    /** {@code start + tokens} predicting {@code tokens + end}, cut to at most maxLength steps. */
    static TaggedSequence bounded(int start, int[] tokens, int end, int maxLength) {
        int t = Math.min(tokens.length + 1, maxLength);
        int[] in = new int[t], out = new int[t];
        in[0] = start;
        for (int i = 1; i < t; i++) in[i] = tokens[i - 1];
        for (int i = 0; i < t; i++) out[i] = i < tokens.length ? tokens[i] : end;
        return new TaggedSequence(in, out);
    }

    /** Training batches over a token stream: windows at a seeded per-epoch offset, shuffled by the batcher's plan. */
    static EpochSource streamEpochs(int[] stream, int window, SequenceBatcher batcher, long seed) {
        if (stream.length < 2) throw new IllegalArgumentException("the training text has fewer than two tokens");
        int count = (windows(stream, window, 0).size() + batcher.batchSize() - 1) / batcher.batchSize();
        return EpochSource.of(count, epoch -> {
            int offset = epoch == 0 ? 0 : new Random(seed * 7_919L + epoch).nextInt(window);
            return batcher.plan(windows(stream, window, offset), epoch).stream().map(batcher::tagged).iterator();
        });
    }
}
