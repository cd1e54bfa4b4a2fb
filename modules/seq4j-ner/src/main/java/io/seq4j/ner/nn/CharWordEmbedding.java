package io.seq4j.ner.nn;

import io.seq4j.core.nn.LayerWiring;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * Word features for a tagger, as Ma and Hovy (2016) build them: a word embedding concatenated with
 * a character CNN over the word's letters, so unknown and rare words still carry their shape
 * ("Granger", "1996", "U.S."). Input {@code [batch, 1 + maxChars, T]} as SequenceBatcher writes it
 * with {@code optCharacters(maxChars)}: row 0 word indices, rows 1.. character indices (0 =
 * padding). Per word: character embeddings {@code [chars, charDim]}, a width-3 convolution with
 * {@code filters} outputs over the characters (one padding position each side), max over the
 * word's characters; output {@code [batch, wordDim + filters, T]}. The word table can be frozen
 * (pretrained vectors kept as they are). Forward and backward are written out in
 * {@link CharWordEmbeddingLayer} and checked against finite differences in CharWordEmbeddingTest.
 */
public class CharWordEmbedding extends FeedForwardLayer {
    private int vocabSize;
    private int wordDim;
    private int charVocab;
    private int charDim;
    private int filters;
    private int maxChars;
    private boolean freezeWords;

    /** For JSON deserialization. */
    @SuppressWarnings("unused")
    private CharWordEmbedding() {
    }

    public CharWordEmbedding(int vocabSize, int wordDim, int charVocab, int charDim, int filters, int maxChars, boolean freezeWords) {
        if (vocabSize < 1 || wordDim < 1 || charVocab < 1 || charDim < 1 || filters < 1 || maxChars < 1) {
            throw new IllegalArgumentException("char-word embedding sizes must be positive");
        }
        this.vocabSize = vocabSize;
        this.wordDim = wordDim;
        this.charVocab = charVocab;
        this.charDim = charDim;
        this.filters = filters;
        this.maxChars = maxChars;
        this.freezeWords = freezeWords;
        this.nIn = 1 + maxChars;
        this.nOut = wordDim + filters;
    }

    public int getVocabSize() { return vocabSize; }
    public void setVocabSize(int v) { vocabSize = v; }
    public int getWordDim() { return wordDim; }
    public void setWordDim(int v) { wordDim = v; }
    public int getCharVocab() { return charVocab; }
    public void setCharVocab(int v) { charVocab = v; }
    public int getCharDim() { return charDim; }
    public void setCharDim(int v) { charDim = v; }
    public int getFilters() { return filters; }
    public void setFilters(int v) { filters = v; }
    public int getMaxChars() { return maxChars; }
    public void setMaxChars(int v) { maxChars = v; }
    public boolean isFreezeWords() { return freezeWords; }
    public void setFreezeWords(boolean v) { freezeWords = v; }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new CharWordEmbeddingLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializer(), initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return CharWordEmbeddingParamInitializer.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        long t = inputType instanceof InputType.InputTypeRecurrent r ? r.getTimeSeriesLength() : -1;
        return InputType.recurrent(wordDim + filters, t);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        // nIn is fixed by maxChars
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return null;
    }
}
