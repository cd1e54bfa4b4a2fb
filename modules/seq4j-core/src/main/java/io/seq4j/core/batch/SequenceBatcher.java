package io.seq4j.core.batch;

import io.seq4j.core.data.LabeledSequence;
import io.seq4j.core.data.SequenceSample;
import io.seq4j.core.data.TaggedSample;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.function.Function;

/**
 * The one place where samples become tensors. Pads to the longest sequence of a batch (padding at
 * the end), builds feature and label masks {@code [batch, T]} (1 = real step, 0 = padding) in DL4J's
 * NCW layout, and groups sequences of similar length into batches so little compute goes to padding.
 *
 * <p>Shapes: features {@code [batch, vocabSize, T]} ({@link InputEncoding#ONE_HOT}) or
 * {@code [batch, 1, T]} ({@link InputEncoding#INDEX}); with {@code optCharacters(L)} (INDEX only)
 * {@code [batch, 1 + L, T]}: row 0 the word index, rows 1..L its first L character indices
 * (0 = padding; for {@code CharWordEmbedding}-style layers); many-to-one labels {@code [batch, classes]};
 * many-to-many labels {@code [batch, classes, T]}. Masks are omitted (null) when no sequence of the
 * batch is padded. Sequences longer than {@code maxLength} keep their first {@code maxLength} steps.
 */
public final class SequenceBatcher {
    private final InputEncoding encoding;
    private final int vocabSize;
    private final int numClasses;
    private final int batchSize;
    private final int maxLength;
    private final boolean bucketing;
    private final long seed;
    private final int maxChars;
    private final boolean sparseLabels;

    private SequenceBatcher(Builder b) {
        this.maxChars = b.maxChars;
        this.sparseLabels = b.sparseLabels;
        this.encoding = b.encoding;
        this.vocabSize = b.vocabSize;
        this.numClasses = b.numClasses;
        this.batchSize = b.batchSize;
        this.maxLength = b.maxLength;
        this.bucketing = b.bucketing;
        this.seed = b.seed;
    }

    /**
     * @param encoding   one-hot or index input
     * @param vocabSize  input vocabulary size (one-hot width; index bound)
     * @param numClasses number of output classes
     */
    public static Builder builder(InputEncoding encoding, int vocabSize, int numClasses) {
        return new Builder(encoding, vocabSize, numClasses);
    }

    public int batchSize() {
        return batchSize;
    }

    /** Many-to-one batch: features, labels {@code [batch, classes]}, feature mask. */
    public DataSet labeled(List<LabeledSequence> batch) {
        int t = longest(batch);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, batch.size(), numClasses);
        for (int i = 0; i < batch.size(); i++) {
            labels.putScalar(i, checkClass(batch.get(i).label()), 1f);
        }
        INDArray mask = mask(batch, t);
        return new DataSet(features(batch, t), labels, mask, null);
    }

    /**
     * Many-to-many batch: features, labels {@code [batch, classes, T]} one-hot (or, with
     * {@code optSparseLabels}, {@code [batch, 1, T]} class indices, for DL4J's SPARSE_MCXENT loss),
     * feature mask = label mask.
     */
    public DataSet tagged(List<? extends TaggedSample> batch) {
        int t = longest(batch);
        int width = sparseLabels ? 1 : numClasses;
        float[] labels = new float[batch.size() * width * t];
        for (int i = 0; i < batch.size(); i++) {
            int[] tags = batch.get(i).tags();
            if (tags.length != batch.get(i).length()) throw new IllegalArgumentException("sample " + i + " has no tags");
            for (int s = 0; s < Math.min(t, tags.length); s++) {
                int c = checkClass(tags[s]);
                if (sparseLabels) {
                    labels[i * t + s] = c;
                } else {
                    labels[(i * numClasses + c) * t + s] = 1f;
                }
            }
        }
        INDArray mask = mask(batch, t);
        return new DataSet(features(batch, t), Nd4j.create(labels, new long[]{batch.size(), width, t}, 'c'), mask, mask);
    }

    /** Features only (for prediction): {@code [batch, width, T]} plus the mask (null when unpadded). */
    public DataSet features(List<? extends SequenceSample> batch) {
        int t = longest(batch);
        return new DataSet(features(batch, t), null, mask(batch, t), null);
    }

    /**
     * The batches of one epoch, as lists of samples. Order is a function of (seed, epoch) only, so a
     * resumed run sees the same batches. With bucketing, samples are shuffled, cut into pools of 64
     * batches, each pool sorted by length and cut into batches, and the batches shuffled.
     */
    public <T extends SequenceSample> List<List<T>> plan(List<T> samples, int epoch) {
        return BatchPlan.shuffled(samples, SequenceSample::length, batchSize, bucketing, seed, epoch);
    }

    /** Batches in input order, without shuffling (for evaluation and prediction). */
    public <T extends SequenceSample> List<List<T>> inOrder(List<T> samples) {
        return BatchPlan.inOrder(samples, batchSize);
    }

    /** Training data over in-memory samples: {@link #plan} per epoch, tensorised lazily by {@code toDataSet}. */
    public <T extends SequenceSample> EpochSource epochs(List<T> samples, Function<List<T>, DataSet> toDataSet) {
        if (samples.isEmpty()) throw new IllegalArgumentException("no training samples");
        return EpochSource.of((samples.size() + batchSize - 1) / batchSize, epoch -> plan(samples, epoch).stream().map(toDataSet).iterator());
    }

    private int longest(List<? extends SequenceSample> batch) {
        if (batch.isEmpty()) throw new IllegalArgumentException("empty batch");
        int t = 0;
        for (SequenceSample s : batch) t = Math.max(t, s.length());
        return Math.min(t, maxLength);
    }

    private INDArray features(List<? extends SequenceSample> batch, int t) {
        int width = encoding == InputEncoding.ONE_HOT ? vocabSize : 1 + maxChars;
        float[] f = new float[batch.size() * width * t];
        for (int i = 0; i < batch.size(); i++) {
            int[] tokens = batch.get(i).tokens();
            for (int s = 0; s < Math.min(t, tokens.length); s++) {
                int tok = tokens[s];
                if (tok < 0 || tok >= vocabSize) {
                    throw new IllegalArgumentException("token index " + tok + " outside the vocabulary [0, " + vocabSize + ")");
                }
                if (encoding == InputEncoding.ONE_HOT) {
                    f[(i * width + tok) * t + s] = 1f;
                } else {
                    f[i * width * t + s] = tok;
                }
            }
            if (maxChars > 0) {
                int[][] chars = batch.get(i).chars();
                if (chars == null) throw new IllegalArgumentException("sample " + i + " has no characters, but the batcher writes " + maxChars);
                for (int s = 0; s < Math.min(t, chars.length); s++) {
                    for (int c = 0; c < Math.min(maxChars, chars[s].length); c++) {
                        f[(i * width + 1 + c) * t + s] = chars[s][c];
                    }
                }
            }
        }
        return Nd4j.create(f, new long[]{batch.size(), width, t}, 'c');
    }

    private static INDArray mask(List<? extends SequenceSample> batch, int t) {
        float[] m = BatchPlan.mask(batch.stream().mapToInt(SequenceSample::length).toArray(), t);
        return m == null ? null : Nd4j.create(m, new long[]{batch.size(), t}, 'c');
    }

    private int checkClass(int c) {
        if (c < 0 || c >= numClasses) {
            throw new IllegalArgumentException("class index " + c + " outside [0, " + numClasses + ")");
        }
        return c;
    }

    /** Builder; defaults: batch size 32, no length limit, bucketing on, seed 42. */
    public static final class Builder {
        private final InputEncoding encoding;
        private final int vocabSize;
        private final int numClasses;
        private int batchSize = 32;
        private int maxLength = Integer.MAX_VALUE;
        private boolean bucketing = true;
        private long seed = 42;
        private int maxChars;
        private boolean sparseLabels;

        private Builder(InputEncoding encoding, int vocabSize, int numClasses) {
            this.encoding = encoding;
            this.vocabSize = vocabSize;
            this.numClasses = numClasses;
        }

        public Builder optBatchSize(int batchSize) { this.batchSize = batchSize; return this; }
        /** Sequences are cut to their first maxLength steps. */
        public Builder optMaxLength(int maxLength) { this.maxLength = maxLength; return this; }
        public Builder optBucketing(boolean bucketing) { this.bucketing = bucketing; return this; }
        public Builder optSeed(long seed) { this.seed = seed; return this; }
        /** INDEX input only: add rows for the first {@code maxChars} characters of every word (see the class comment). */
        public Builder optCharacters(int maxChars) { this.maxChars = maxChars; return this; }
        /**
         * Many-to-many labels as class indices {@code [batch, 1, T]} instead of one-hot rows: for large
         * class counts (a language model's vocabulary), where one-hot labels cost batch x classes x T floats.
         */
        public Builder optSparseLabels(boolean sparse) { this.sparseLabels = sparse; return this; }

        public SequenceBatcher build() {
            if (encoding == null) throw new IllegalArgumentException("encoding is required");
            if (vocabSize <= 0) throw new IllegalArgumentException("vocabSize must be positive, got " + vocabSize);
            if (numClasses <= 0) throw new IllegalArgumentException("numClasses must be positive, got " + numClasses);
            if (batchSize <= 0) throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
            if (maxLength <= 0) throw new IllegalArgumentException("maxLength must be positive, got " + maxLength);
            if (maxChars < 0 || (maxChars > 0 && encoding != InputEncoding.INDEX)) {
                throw new IllegalArgumentException("characters need INDEX input and maxChars >= 0, got " + encoding + ", " + maxChars);
            }
            return new SequenceBatcher(this);
        }
    }
}
