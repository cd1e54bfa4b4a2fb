package io.seq4j.ner.nn;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.*;

class CharWordEmbeddingTest {
    static final int V = 7, E = 3, VC = 6, EC = 2, F = 4, L = 5;

    static MultiLayerNetwork net(boolean freeze) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(8).dataType(DataType.DOUBLE).updater(new NoOp())
                .weightInit(WeightInit.XAVIER).list()
                .layer(new CharWordEmbedding(V, E, VC, EC, F, L, freeze))
                .layer(new CrfOutput(0, 3))
                .setInputType(InputType.recurrent(1 + L)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** [3 sentences, 1 + L, 4 words]: word ids and characters of different lengths (one longer than L, cut). */
    static INDArray input() {
        int[][] words = {{2, 3, 4, 1}, {5, 6, 1, 0}, {3, 0, 0, 0}};
        int[][][] chars = {{{1, 2}, {3, 4, 5}, {2}, {1, 1, 2, 3, 4, 5, 5}}, {{5, 4, 3, 2, 1}, {2, 2}, {3}, {}}, {{4, 1, 4}, {}, {}, {}}};
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 3, 1 + L, 4);
        for (int i = 0; i < 3; i++) {
            for (int s = 0; s < 4; s++) {
                x.putScalar(new long[]{i, 0, s}, words[i][s]);
                for (int c = 0; c < Math.min(L, chars[i][s].length); c++) x.putScalar(new long[]{i, 1 + c, s}, chars[i][s][c]);
            }
        }
        return x;
    }

    static final double[][] MASK = {{1, 1, 1, 1}, {1, 1, 1, 0}, {1, 0, 0, 0}};
    static final int[][] TAGS = {{0, 1, 2, 0}, {2, 1, 0, 0}, {1, 0, 0, 0}};

    @Test
    void gradientsMatchFiniteDifferences() {
        FiniteDifferences.inDouble(() -> {
            Nd4j.getRandom().setSeed(6);
            MultiLayerNetwork net = net(false);
            int checked = FiniteDifferences.check(net, input(), CrfOutputTest.labels(TAGS, 3, 4), Nd4j.create(MASK));
            assertTrue(checked > 40, "non-zero gradients checked: " + checked);
        });
    }

    /** The character features equal the width-3 convolution written out directly, max over the word's characters. */
    @Test
    void charFeaturesAreTheMaxOfTheConvolutionOverTheWordsCharacters() {
        FiniteDifferences.inDouble(() -> {
            MultiLayerNetwork net = net(false);
            net.getLayer(0).getParam("convB").assign(Nd4j.create(new double[][]{{-0.2, 0.1, 0.0, 0.3}}));
            INDArray x = input();
            INDArray out = net.feedForwardToLayer(0, x, false).get(1);
            INDArray chars = net.getLayer(0).getParam("chars"), conv = net.getLayer(0).getParam("conv"), bias = net.getLayer(0).getParam("convB");
            int[][] words = {{3, 4, 5}, {1, 1, 2, 3, 4}, {}};        // (0, 1), (0, 3) cut to L = 5, (1, 3) no characters
            int[][] at = {{0, 1}, {0, 3}, {1, 3}};
            for (int w = 0; w < words.length; w++) {
                int[] padded = new int[L + 2];
                for (int i = 0; i < words[w].length; i++) padded[i + 1] = words[w][i];
                int real = Math.max(1, words[w].length);
                for (int k = 0; k < F; k++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int l = 0; l < real; l++) {
                        double v = bias.getDouble(0, k);
                        for (int o = 0; o < 3; o++) {
                            for (int d = 0; d < EC; d++) v += chars.getDouble(padded[l + o], d) * conv.getDouble(o * EC + d, k);
                        }
                        max = Math.max(max, v);
                    }
                    assertEquals(max, out.getDouble(at[w][0], E + k, at[w][1]), 1e-12, "word " + w + " filter " + k);
                }
            }
        });
    }

    @Test
    void frozenWordsGetNoGradientAndOutputConcatenatesWordAndCharFeatures() throws Exception {
        FiniteDifferences.inDouble(() -> {
            MultiLayerNetwork net = net(true);
            INDArray x = input();
            FiniteDifferences.gradient(net, x, CrfOutputTest.labels(TAGS, 3, 4), Nd4j.create(MASK));
            assertEquals(0.0, net.gradient().getGradientFor("0_words").norm2Number().doubleValue(), 0.0);
            assertTrue(net.gradient().getGradientFor("0_chars").norm2Number().doubleValue() > 0);
            INDArray out = net.feedForwardToLayer(0, x, false).get(1);
            assertArrayEquals(new long[]{3, E + F, 4}, out.shape());
            INDArray wordRow = net.getLayer(0).getParam("words").getRow(5);
            for (int d = 0; d < E; d++) assertEquals(wordRow.getDouble(d), out.getDouble(1, d, 0), 0.0);
        });
        MultiLayerNetwork net = net(false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, false);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), false);
        assertEquals(net.output(input()), back.output(input()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.output(Nd4j.zeros(DataType.DOUBLE, 1, 3, 2)));
        assertTrue(e.getMessage().contains("expects input [batch, 6, T]"), e.getMessage());
    }
}
