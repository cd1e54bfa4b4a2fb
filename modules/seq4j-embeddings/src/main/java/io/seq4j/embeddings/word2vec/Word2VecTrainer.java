package io.seq4j.embeddings.word2vec;

import io.seq4j.core.text.Tokenizer;
import io.seq4j.embeddings.WordVectors;
import io.seq4j.embeddings.word2vec.Word2VecConfig.Model;
import io.seq4j.embeddings.word2vec.Word2VecConfig.Objective;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Trains word2vec (Mikolov et al. 2013) on a {@link TextCorpus}: skip-gram or CBOW, with negative
 * sampling or hierarchical softmax, the algorithm of the C tool and gensim (random window shrink,
 * frequent-word sub-sampling, noise distribution count^0.75, learning rate decaying linearly over
 * the run, CBOW averaging its context as gensim's {@code cbow_mean=1}).
 *
 * <p>One pass counts the vocabulary ({@link Word2VecVocab#scan}); every epoch then streams the
 * corpus again: a reader thread turns sentences into word ids and hands chunks of about 10,000
 * words to {@code threads} workers, which update the shared weight arrays without locks
 * ("Hogwild", as both peers do). With one thread the result is a pure function of the corpus and
 * the settings.
 *
 * <p>Why not DL4J's {@code Word2Vec}: it routes every window through ND4J native ops built per
 * batch ({@code SkipGramRound}/{@code CbowRound} with INDArray arguments), so per-word work of a few
 * hundred flops pays JNI and op-construction overhead that costs more than the arithmetic; see
 * docs/word2vec.md. This kernel keeps the weights in two plain {@code float[]} matrices
 * {@code [vocab, dimensions]} and runs the inner loops on the JVM, where they are JIT-compiled to
 * SIMD code.
 */
public final class Word2VecTrainer {
    private static final int EXP_TABLE_SIZE = 1000;
    private static final float MAX_EXP = 6;
    private static final int NOISE_TABLE_SIZE = 10_000_000;
    private static final int CHUNK_WORDS = 10_000;
    private static final float[] EXP_TABLE = new float[EXP_TABLE_SIZE];
    private static final VectorMath MATH = VectorMath.best();

    static {
        for (int i = 0; i < EXP_TABLE_SIZE; i++) {
            double e = Math.exp((i / (double) EXP_TABLE_SIZE * 2 - 1) * MAX_EXP);
            EXP_TABLE[i] = (float) (e / (e + 1));
        }
    }

    /** Where a run is; sent about every two seconds. */
    public record Status(double fraction, long words, double wordsPerSecond, double alpha, double secondsLeft, int epoch, int epochs) {
    }

    /** Receives {@link Status} updates. */
    @FunctionalInterface
    public interface Progress {
        void report(Status status);

        Progress NONE = s -> { };
    }

    /**
     * A finished run.
     *
     * @param vectors        one row per vocabulary word, most frequent first
     * @param trainedWords   vocabulary-word occurrences processed over all epochs (before sub-sampling)
     * @param wordsPerSecond {@code trainedWords / trainSeconds}, the figure word2vec and gensim report
     */
    public record Result(WordVectors vectors, Word2VecVocab vocab, long trainedWords, double scanSeconds, double trainSeconds,
                         double wordsPerSecond) {
    }

    private final Word2VecConfig config;

    public Word2VecTrainer(Word2VecConfig config) {
        this.config = config;
    }

    /**
     * Counts the vocabulary of {@code corpus}, then trains on it. A corpus of at most a 32nd of the
     * JVM's heap in tokens (4 bytes each) is kept in memory as word ids after the counting pass;
     * a larger one is read from disk again every epoch.
     */
    public Result train(TextCorpus corpus, Progress progress) throws IOException {
        long t0 = System.nanoTime();
        Word2VecVocab vocab = Word2VecVocab.scan(corpus, config.minCount(), config.maxVocab(), Runtime.getRuntime().maxMemory() / 32);
        double scan = (System.nanoTime() - t0) / 1e9;
        return train(corpus, vocab, scan, progress);
    }

    /** Trains on {@code corpus} with a vocabulary counted before. */
    public Result train(TextCorpus corpus, Word2VecVocab vocab, double scanSeconds, Progress progress) throws IOException {
        if (config.objective() == Objective.HIERARCHICAL && vocab.size() < 2) {
            throw new IllegalArgumentException("hierarchical softmax needs at least 2 words in the vocabulary");
        }
        Weights w = new Weights(vocab, config);
        long total = vocab.trainWords() * config.epochs();
        AtomicLong done = new AtomicLong();
        BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(4 * config.threads() + 4);
        Failure failure = new Failure();
        long t0 = System.nanoTime();
        Thread reader = new Thread(() -> read(corpus, vocab, queue, failure), "word2vec-reader");
        reader.setDaemon(true);
        reader.start();
        Thread[] workers = new Thread[config.threads()];
        for (int t = 0; t < workers.length; t++) {
            Worker worker = new Worker(w, config, total, done, config.seed() * 1_000_003L + t);
            workers[t] = new Thread(() -> worker.run(queue, failure), "word2vec-" + t);
            workers[t].setDaemon(true);
            workers[t].start();
        }
        try {
            for (Thread t : workers) {
                while (t.isAlive()) {
                    t.join(2000);
                    if (t.isAlive() && failure.error == null) progress.report(status(done.get(), total, t0));
                }
            }
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.set(e);
            reader.interrupt();
            for (Thread t : workers) t.interrupt();
        }
        failure.rethrow();
        double seconds = (System.nanoTime() - t0) / 1e9;
        progress.report(status(done.get(), total, t0));
        WordVectors vectors = WordVectors.of(vocab.words(), w.syn0, config.dimensions());
        return new Result(vectors, vocab, done.get(), scanSeconds, seconds, done.get() / Math.max(seconds, 1e-9));
    }

    /** Builds the corpus of a config's tokenizer over {@code paths}. */
    public static TextCorpus corpus(List<java.nio.file.Path> paths, Word2VecConfig config) throws IOException {
        return new TextCorpus(paths, Tokenizer.forName(config.tokenizer()));
    }

    private Status status(long words, long total, long t0) {
        double secs = (System.nanoTime() - t0) / 1e9;
        double rate = words / Math.max(secs, 1e-9);
        double fraction = Math.min(1, words / (double) total);
        int epoch = Math.min(config.epochs(), 1 + (int) (fraction * config.epochs()));
        return new Status(fraction, words, rate, alpha(config, fraction), rate > 0 ? (total - words) / rate : Double.NaN, epoch,
                config.epochs());
    }

    private static double alpha(Word2VecConfig c, double fraction) {
        return Math.max(c.minAlpha(), c.alpha() - (c.alpha() - c.minAlpha()) * fraction);
    }

    /** The reader: every epoch, the corpus as chunks of word ids; then one end marker per worker. */
    private void read(TextCorpus corpus, Word2VecVocab vocab, BlockingQueue<Chunk> queue, Failure failure) {
        try {
            Word2VecVocab.Encoded cached = vocab.cached();
            for (int epoch = 0; epoch < config.epochs() && failure.error == null; epoch++) {
                if (cached != null) {
                    readCached(cached, queue);
                    continue;
                }
                Chunk[] chunk = {new Chunk(CHUNK_WORDS)};
                corpus.forEachSentence(sentence -> {
                    if (failure.error != null) throw new IOException("stopped");
                    if (chunk[0].words > 0 && chunk[0].words + sentence.size() > chunk[0].ids.length) {
                        put(queue, chunk[0]);
                        chunk[0] = new Chunk(Math.max(CHUNK_WORDS, sentence.size()));
                    }
                    chunk[0].add(sentence, vocab);
                });
                if (chunk[0].words > 0) put(queue, chunk[0]);
            }
        } catch (Throwable e) {
            failure.set(e);
        } finally {
            for (int t = 0; t < config.threads(); t++) {
                try {
                    queue.put(Chunk.END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** One epoch of a corpus kept in memory, as chunks of whole sentences. */
    private static void readCached(Word2VecVocab.Encoded text, BlockingQueue<Chunk> queue) throws IOException {
        Chunk chunk = new Chunk(CHUNK_WORDS);
        int from = 0;
        for (int s = 0; s < text.sentences(); s++) {
            int to = text.ends()[s];
            if (chunk.words > 0 && chunk.words + to - from > chunk.ids.length) {
                put(queue, chunk);
                chunk = new Chunk(Math.max(CHUNK_WORDS, to - from));
            }
            chunk.add(text.ids(), from, to);
            from = to;
        }
        if (chunk.words > 0) put(queue, chunk);
    }

    private static void put(BlockingQueue<Chunk> queue, Chunk c) throws IOException {
        try {
            queue.put(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The first error of any thread. */
    private static final class Failure {
        volatile Throwable error;

        synchronized void set(Throwable e) {
            if (error == null) error = e;
        }

        void rethrow() throws IOException {
            Throwable e = error;
            if (e == null) return;
            if (e instanceof IOException io) throw io;
            if (e instanceof RuntimeException re) throw re;
            if (e instanceof Error err) throw err;
            throw new IOException(e);
        }
    }

    /** Sentences as word ids: {@code ids[ends[s-1] .. ends[s])} is sentence s; unknown words are dropped. */
    private static final class Chunk {
        static final Chunk END = new Chunk(0);
        final int[] ids;
        int[] ends = new int[64];
        int words;
        int sentences;

        Chunk(int capacity) {
            ids = new int[capacity];
        }

        void add(List<String> sentence, Word2VecVocab vocab) {
            int before = words;
            for (String token : sentence) {
                int id = vocab.indexOf(token);
                if (id >= 0) ids[words++] = id;
            }
            end(before);
        }

        void add(int[] src, int from, int to) {
            int before = words;
            System.arraycopy(src, from, ids, words, to - from);
            words += to - from;
            end(before);
        }

        private void end(int before) {
            if (words == before) return;
            if (sentences == ends.length) ends = java.util.Arrays.copyOf(ends, 2 * sentences);
            ends[sentences++] = words;
        }
    }

    /** The model's parameters and the tables derived from the vocabulary, shared by all workers. */
    static final class Weights {
        final int dim;
        final float[] syn0;     // [vocab, dim] input vectors: the word vectors
        final float[] syn1;     // [vocab, dim] output vectors (NEGATIVE) or inner-node vectors (HIERARCHICAL, vocab - 1 rows used)
        final float[] keep;     // per word: probability to keep an occurrence (sub-sampling), 1 without it
        final int[] noise;      // NEGATIVE: word ids distributed as count^0.75
        final byte[][] codes;   // HIERARCHICAL: Huffman code of each word, root first
        final int[][] points;   // HIERARCHICAL: inner-node rows on the path of each word, root first

        Weights(Word2VecVocab vocab, Word2VecConfig c) {
            int v = vocab.size();
            dim = c.dimensions();
            syn0 = new float[v * dim];
            syn1 = new float[v * dim];
            long r = c.seed();
            for (int i = 0; i < syn0.length; i++) {
                r = r * 25214903917L + 11;
                syn0[i] = (((r & 0xFFFF) / 65536f) - 0.5f) / dim;
            }
            keep = new float[v];
            double threshold = c.sample() * vocab.trainWords();
            for (int i = 0; i < v; i++) {
                double f = vocab.count(i);
                keep[i] = c.sample() == 0 ? 1f : (float) Math.min(1, (Math.sqrt(f / threshold) + 1) * threshold / f);
            }
            if (c.objective() == Objective.NEGATIVE) {
                noise = noiseTable(vocab);
                codes = null;
                points = null;
            } else {
                noise = null;
                codes = new byte[v][];
                points = new int[v][];
                huffman(vocab, codes, points);
            }
        }

        private static int[] noiseTable(Word2VecVocab vocab) {
            int v = vocab.size();
            double norm = 0;
            for (int i = 0; i < v; i++) norm += Math.pow(vocab.count(i), 0.75);
            int[] table = new int[NOISE_TABLE_SIZE];
            int word = 0;
            double edge = Math.pow(vocab.count(0), 0.75) / norm;
            for (int a = 0; a < table.length; a++) {
                table[a] = word;
                if (a / (double) table.length > edge && word < v - 1) {
                    word++;
                    edge += Math.pow(vocab.count(word), 0.75) / norm;
                }
            }
            return table;
        }

        /** The C tool's CreateBinaryTree: counts are sorted, so two queues find the two smallest nodes. */
        static void huffman(Word2VecVocab vocab, byte[][] codes, int[][] points) {
            int v = vocab.size();
            long[] count = new long[2 * v - 1];
            byte[] binary = new byte[2 * v - 1];
            int[] parent = new int[2 * v - 1];
            for (int a = 0; a < v; a++) count[a] = vocab.count(a);
            for (int a = v; a < 2 * v - 1; a++) count[a] = Long.MAX_VALUE;
            int pos1 = v - 1;
            int pos2 = v;
            for (int a = 0; a < v - 1; a++) {
                int min1 = pos1 >= 0 && count[pos1] < count[pos2] ? pos1-- : pos2++;
                int min2 = pos1 >= 0 && count[pos1] < count[pos2] ? pos1-- : pos2++;
                count[v + a] = count[min1] + count[min2];
                parent[min1] = v + a;
                parent[min2] = v + a;
                binary[min2] = 1;
            }
            int root = 2 * v - 2;
            byte[] code = new byte[64];
            int[] point = new int[64];
            for (int a = 0; a < v; a++) {
                int n = 0;
                for (int b = a; b != root; b = parent[b]) {
                    if (n == code.length) {
                        code = java.util.Arrays.copyOf(code, 2 * n);
                        point = java.util.Arrays.copyOf(point, 2 * n);
                    }
                    code[n] = binary[b];
                    point[n] = b;
                    n++;
                }
                codes[a] = new byte[n];
                points[a] = new int[n];
                points[a][0] = root - v;
                for (int b = 0; b < n; b++) {
                    codes[a][n - b - 1] = code[b];
                    if (b > 0) points[a][n - b] = point[b] - v;
                }
            }
        }
    }

    /** One training thread: its own random state and scratch vectors. */
    private static final class Worker {
        private final Weights w;
        private final Word2VecConfig c;
        private final long total;
        private final AtomicLong done;
        private final float[] neu1;
        private final float[] neu1e;
        private int[] sentence = new int[CHUNK_WORDS];
        private long random;
        private float alpha;

        Worker(Weights w, Word2VecConfig c, long total, AtomicLong done, long seed) {
            this.w = w;
            this.c = c;
            this.total = total;
            this.done = done;
            this.neu1 = new float[w.dim];
            this.neu1e = new float[w.dim];
            this.random = seed;
        }

        void run(BlockingQueue<Chunk> queue, Failure failure) {
            try {
                while (true) {
                    Chunk chunk = queue.poll(1, TimeUnit.SECONDS);
                    if (chunk == Chunk.END || failure.error != null) return;
                    if (chunk == null) continue;
                    alpha = (float) alpha(c, done.get() / (double) total);
                    int from = 0;
                    for (int s = 0; s < chunk.sentences; s++) {
                        train(chunk.ids, from, chunk.ends[s]);
                        from = chunk.ends[s];
                    }
                    done.addAndGet(chunk.words);
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }

        private int nextRandom() {
            random = random * 25214903917L + 11;
            return (int) (random >>> 16) & 0x7FFFFFFF;
        }

        /** One sentence {@code ids[from, to)}: sub-sample, then every position with its shrunk window. */
        private void train(int[] ids, int from, int to) {
            if (sentence.length < to - from) sentence = new int[to - from];
            int n = 0;
            for (int i = from; i < to; i++) {
                int id = ids[i];
                if (w.keep[id] < 1f && w.keep[id] < (nextRandom() & 0xFFFF) / 65536f) continue;
                sentence[n++] = id;
            }
            int window = c.window();
            boolean skipGram = c.model() == Model.SKIP_GRAM;
            for (int pos = 0; pos < n; pos++) {
                int reach = window - nextRandom() % window;   // 1..window
                int lo = Math.max(0, pos - reach);
                int hi = Math.min(n - 1, pos + reach);
                if (skipGram) {
                    for (int j = lo; j <= hi; j++) {
                        if (j != pos) pair(sentence[j] * w.dim, sentence[pos]);
                    }
                } else {
                    cbow(pos, lo, hi);
                }
            }
        }

        /** Skip-gram: the vector of a context word (row offset {@code l1}) predicts {@code target}. */
        private void pair(int l1, int target) {
            java.util.Arrays.fill(neu1e, 0f);
            float[] h = w.syn0;
            update(h, l1, target);
            MATH.axpy(1f, neu1e, 0, h, l1, w.dim);
        }

        /** CBOW: the mean of the context vectors predicts the word at {@code pos}. */
        private void cbow(int pos, int lo, int hi) {
            int count = hi - lo;
            if (count == 0) return;
            int dim = w.dim;
            java.util.Arrays.fill(neu1, 0f);
            for (int j = lo; j <= hi; j++) {
                if (j != pos) MATH.axpy(1f, w.syn0, sentence[j] * dim, neu1, 0, dim);
            }
            float inv = 1f / count;
            for (int d = 0; d < dim; d++) neu1[d] *= inv;
            java.util.Arrays.fill(neu1e, 0f);
            update(neu1, 0, sentence[pos]);
            for (int j = lo; j <= hi; j++) {   // the whole error to every context word, as gensim's cbow_mean=1 does
                if (j != pos) MATH.axpy(1f, neu1e, 0, w.syn0, sentence[j] * dim, dim);
            }
        }

        /** The output-layer step for hidden vector {@code h[l1..]} and word {@code target}; accumulates into neu1e. */
        private void update(float[] h, int l1, int target) {
            int dim = w.dim;
            float[] syn1 = w.syn1;
            if (w.noise != null) {
                for (int d = 0; d <= c.negative(); d++) {
                    int word;
                    float label;
                    if (d == 0) {
                        word = target;
                        label = 1;
                    } else {
                        word = w.noise[nextRandom() % NOISE_TABLE_SIZE];
                        if (word == target) continue;
                        label = 0;
                    }
                    int l2 = word * dim;
                    float f = MATH.dot(h, l1, syn1, l2, dim);
                    float g;
                    if (f > MAX_EXP) g = (label - 1) * alpha;
                    else if (f < -MAX_EXP) g = label * alpha;
                    else g = (label - EXP_TABLE[(int) ((f + MAX_EXP) * (EXP_TABLE_SIZE / MAX_EXP / 2))]) * alpha;
                    MATH.axpy(g, syn1, l2, neu1e, 0, dim);
                    MATH.axpy(g, h, l1, syn1, l2, dim);
                }
            } else {
                byte[] code = w.codes[target];
                int[] point = w.points[target];
                for (int d = 0; d < code.length; d++) {
                    int l2 = point[d] * dim;
                    float f = MATH.dot(h, l1, syn1, l2, dim);
                    if (f <= -MAX_EXP || f >= MAX_EXP) continue;
                    f = EXP_TABLE[(int) ((f + MAX_EXP) * (EXP_TABLE_SIZE / MAX_EXP / 2))];
                    float g = (1 - code[d] - f) * alpha;
                    MATH.axpy(g, syn1, l2, neu1e, 0, dim);
                    MATH.axpy(g, h, l1, syn1, l2, dim);
                }
            }
        }
    }
}
