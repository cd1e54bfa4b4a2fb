import org.deeplearning4j.models.word2vec.Word2Vec;
import org.deeplearning4j.text.sentenceiterator.BasicLineIterator;
import org.deeplearning4j.text.tokenization.tokenizerfactory.DefaultTokenizerFactory;

import java.io.File;
import java.util.Locale;

/**
 * DL4J 1.0.0-M2.1 Word2Vec with seq4j's defaults (skip-gram, 100 dims, window 5, negative 5, no
 * hierarchical softmax, min count 5, sample 1e-4, alpha 0.025 to 0.0001) on a corpus of
 * space-separated tokens. Prints one JSON line: fit seconds (vocabulary and training together, as
 * fit() does both) and corpus tokens x epochs / fit seconds.
 * usage: Dl4jWord2VecBench CORPUS EPOCHS WORKERS
 */
public final class Dl4jWord2VecBench {
    public static void main(String[] args) throws Exception {
        File corpus = new File(args[0]);
        int epochs = Integer.parseInt(args[1]);
        int workers = Integer.parseInt(args[2]);
        Word2Vec vec = new Word2Vec.Builder().layerSize(100).windowSize(5).negativeSample(5).useHierarchicSoftmax(false)
                .minWordFrequency(5).sampling(1e-4).learningRate(0.025).minLearningRate(0.0001).epochs(epochs).iterations(1)
                .workers(workers).seed(1).iterate(new BasicLineIterator(corpus)).tokenizerFactory(new DefaultTokenizerFactory()).build();
        long t0 = System.nanoTime();
        vec.fit();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long tokens = vec.getVocab().totalWordOccurrences();
        System.out.printf(Locale.ROOT, "{\"peer\": \"dl4j 1.0.0-M2.1 Word2Vec\", \"workers\": %d, \"epochs\": %d, \"vocabulary\": %d, "
                + "\"vocab_tokens\": %d, \"fit_seconds\": %.3f, \"words_per_s\": %.0f}%n", workers, epochs, vec.getVocab().numWords(), tokens,
                seconds, tokens * (double) epochs / seconds);
    }
}
