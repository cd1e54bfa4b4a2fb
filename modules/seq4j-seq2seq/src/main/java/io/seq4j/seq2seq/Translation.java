package io.seq4j.seq2seq;

import java.util.List;

/**
 * One translated sentence.
 *
 * @param text           the translation (target tokens joined: by spaces, or directly for characters)
 * @param tokens         the target tokens (EOS not included)
 * @param sourceTokens   the source tokens the encoder read (EOS not included)
 * @param logProbability natural log-probability of the tokens (and the final EOS, when complete) under the model
 * @param complete       true when the model ended the translation (with EOS), false when decoding
 *                       stopped at the length limit (2 * source length + 10 tokens)
 * @param attention      {@code [tokens (+ 1 when complete)][sourceTokens + 1]}: row t holds the attention
 *                       weights over the source (and its EOS, the last column) when target token t (the
 *                       last row of a complete translation: EOS) was produced; each row sums to 1
 */
public record Translation(String text, List<String> tokens, List<String> sourceTokens, double logProbability,
                          boolean complete, float[][] attention) {
}
