package io.seq4j.seq2seq;

import io.seq4j.core.batch.PairBatcher.EncodedPair;
import io.seq4j.core.text.Tokenizer;
import io.seq4j.core.text.Vocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sentences to token indices and back for a translation model: the two tokenizers and the two
 * vocabularies (each with its own UNK). Every encoded source and target ends with EOS; the
 * decoder's BOS is added by {@link io.seq4j.core.batch.PairBatcher}.
 */
public final class Seq2SeqCodec {
    private final Tokenizer sourceTokenizer, targetTokenizer;
    private final Vocabulary source, target;

    public Seq2SeqCodec(Seq2SeqConfig config, Vocabulary source, Vocabulary target) {
        this.sourceTokenizer = Tokenizer.forName(config.sourceTokenizer());
        this.targetTokenizer = Tokenizer.forName(config.targetTokenizer());
        this.source = source;
        this.target = target;
    }

    /** Vocabularies of the training pairs (min count and size limit from the settings). */
    public static Seq2SeqCodec fit(List<SentencePair> pairs, Seq2SeqConfig config) {
        Tokenizer st = Tokenizer.forName(config.sourceTokenizer()), tt = Tokenizer.forName(config.targetTokenizer());
        Vocabulary.Builder sb = Vocabulary.builder().optMinCount(config.minCount());
        Vocabulary.Builder tb = Vocabulary.builder().optMinCount(config.minCount());
        if (config.maxVocab() > 0) {
            sb.optMaxSize(config.maxVocab());
            tb.optMaxSize(config.maxVocab());
        }
        for (SentencePair p : pairs) {
            sb.addAll(st.tokenize(p.source()));
            tb.addAll(tt.tokenize(p.target()));
        }
        return new Seq2SeqCodec(config, sb.build(), tb.build());
    }

    public Vocabulary sourceVocabulary() {
        return source;
    }

    public Vocabulary targetVocabulary() {
        return target;
    }

    /** Source tokens as the encoder reads them (without EOS). */
    public List<String> sourceTokens(String sentence) {
        return sourceTokenizer.tokenize(sentence);
    }

    /** Source indices + EOS, keeping at most {@code maxLength} indices (EOS included); maxLength 0 = all. */
    public int[] source(String sentence, int maxLength) {
        return withEos(source.encode(sourceTokenizer.tokenize(sentence)), maxLength);
    }

    /** Target indices + EOS, keeping at most {@code maxLength} indices (EOS included); maxLength 0 = all. */
    public int[] target(String sentence, int maxLength) {
        return withEos(target.encode(targetTokenizer.tokenize(sentence)), maxLength);
    }

    /** Encoded pairs for training or scoring (each side cut to {@code maxLength}; 0 = all). */
    public List<EncodedPair> encode(List<SentencePair> pairs, int maxLength) {
        List<EncodedPair> out = new ArrayList<>(pairs.size());
        for (SentencePair p : pairs) out.add(new EncodedPair(source(p.source(), maxLength), target(p.target(), maxLength)));
        return out;
    }

    /** Target tokens of indices (EOS and anything after it dropped). */
    public List<String> targetTokens(int[] indices) {
        List<String> out = new ArrayList<>();
        for (int i : indices) {
            if (i == Vocabulary.EOS) break;
            out.add(target.token(i));
        }
        return out;
    }

    /** Target tokens as text: concatenated for characters, else separated by single spaces. */
    public String targetText(List<String> tokens) {
        return String.join(targetTokenizer.name().equals("char") ? "" : " ", tokens);
    }

    private static int[] withEos(int[] ids, int maxLength) {
        int n = maxLength > 0 ? Math.min(ids.length, maxLength - 1) : ids.length;
        int[] out = Arrays.copyOf(ids, n + 1);
        out[n] = Vocabulary.EOS;
        return out;
    }
}
