package io.seq4j.core.batch;

/** How token indices become network input. */
public enum InputEncoding {
    /** {@code [batch, vocabSize, T]}: a one-hot vector per step (for small vocabularies, characters). */
    ONE_HOT,
    /** {@code [batch, 1, T]}: the index itself, for an EmbeddingSequenceLayer. */
    INDEX
}
