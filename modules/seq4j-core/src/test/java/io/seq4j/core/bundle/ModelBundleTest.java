package io.seq4j.core.bundle;

import io.seq4j.core.nn.RecurrentSpec;
import io.seq4j.core.text.LabelSet;
import io.seq4j.core.text.Vocabulary;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelBundleTest {
    static final RecurrentSpec SPEC = RecurrentSpec.builder(RecurrentSpec.Cell.GRU, 8)
            .optBidirectional(RecurrentSpec.Merge.CONCAT).build();

    static MultiLayerNetwork network() {
        var list = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(0.01)).list();
        SPEC.layers(5).forEach(list::layer);
        list.layer(new OutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(SPEC.outputSize()).nOut(2).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.setInputType(InputType.recurrent(5)).build());
        net.init();
        return net;
    }

    static ModelBundle bundle(org.deeplearning4j.nn.api.Model net) {
        return ModelBundle.builder("sentiment", net).optSettings(SPEC.toMap()).optSetting("note", "a=b: c#d\nnext")
                .optMetric("accuracy", 0.875).optSeed(42)
                .optVocabulary("vocab.txt", Vocabulary.of(List.of("good", "bad", "ünïcode")))
                .optLabels("labels.txt", LabelSet.of(List.of("neg", "pos"))).build();
    }

    @Test
    void roundTripKeepsNetworkArtifactsAndManifest(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = network();
        Path f = dir.resolve("m.zip");
        bundle(net).save(f);
        try (ZipFile z = new ZipFile(f.toFile())) {
            for (String e : List.of("manifest.properties", "configuration.json", "coefficients.bin", "updaterState.bin",
                    "artifacts/vocab.txt", "artifacts/labels.txt")) {
                assertTrue(z.getEntry(e) != null, e);
            }
        }
        ModelBundle back = ModelBundle.load(f);
        assertEquals("sentiment", back.task());
        assertEquals(SPEC, RecurrentSpec.fromMap(back.settings()));
        assertEquals("a=b: c#d\nnext", back.setting("note"));
        assertEquals("0.875", back.metrics().get("accuracy"));
        assertEquals("42", back.info().get("seed"));
        assertEquals("1", back.info().get("format.version"));
        assertEquals("CPU", back.info().get("backend"));
        assertEquals(Vocabulary.of(List.of("good", "bad", "ünïcode")), back.vocabulary("vocab.txt"));
        assertEquals(LabelSet.of(List.of("neg", "pos")), back.labels("labels.txt"));
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 5, 6);
        assertEquals(net.output(x), back.multiLayerNetwork().output(x));
        assertEquals(net.getUpdater().getStateViewArray(), back.multiLayerNetwork().getUpdater().getStateViewArray());
    }

    @Test
    void computationGraphRoundTrip(@TempDir Path dir) throws Exception {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).graphBuilder().addInputs("in")
                .addLayer("rnn", SPEC.layers(5).get(0), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(16).nOut(2).build(), "rnn")
                .setOutputs("out").setInputTypes(InputType.recurrent(5)).build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        Path f = dir.resolve("g.zip");
        bundle(g).save(f);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 5, 4);
        assertEquals(g.outputSingle(x), ModelBundle.load(f).computationGraph().outputSingle(x));
    }

    @Test
    void badFilesGiveClearErrors(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.zip");
        bundle(network()).save(good);
        byte[] bytes = Files.readAllBytes(good);

        assertError(dir.resolve("missing.zip"), "no such file");

        Path text = dir.resolve("text.zip");
        Files.writeString(text, "hello");
        assertError(text, "is not a seq4j model bundle: not a zip file");

        Path truncated = dir.resolve("truncated.zip");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertError(truncated, "not a zip file, or truncated");

        Path corrupt = dir.resolve("corrupt.zip");
        byte[] flipped = bytes.clone();
        int mid = indexOf(bytes, "coefficients.bin".getBytes()) + 200;   // inside the coefficients' data
        for (int i = mid; i < mid + 16; i++) flipped[i] ^= 0x5a;
        Files.write(corrupt, flipped);
        assertError(corrupt, "is corrupt");

        Path dl4j = dir.resolve("dl4j.zip");
        ModelSerializer.writeModel(network(), dl4j.toFile(), false);
        assertError(dl4j, "it has no manifest.properties (it looks like a plain DL4J model zip)");

        Path newer = dir.resolve("newer.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(newer))) {
            z.putNextEntry(new ZipEntry("manifest.properties"));
            z.write("format.version=99\nseq4j.version=9.0\ntask=ner\nnetwork=MultiLayerNetwork\n".getBytes());
        }
        assertError(newer, "was written in bundle format 99 by seq4j 9.0; this seq4j reads format 1 and older");
    }

    /** Entries swapped within a bundle, or one taken from another bundle, are refused by their manifest digests. */
    @Test
    void splicedBundlesAreRefused(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.zip"), b = dir.resolve("b.zip");
        bundle(network()).save(a);
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork other = network();
        other.params().addi(1);     // same shapes, other weights: only the digest can tell
        bundle(other).save(b);
        Path mixed = dir.resolve("mixed.zip");
        rewrite(a, mixed, (name, data) -> name.equals("coefficients.bin") ? entry(b, name) : data);
        assertError(mixed, "is corrupt: entry coefficients.bin is not the one its manifest records (replaced, or swapped with another entry or bundle)");
        Path swapped = dir.resolve("swapped.zip");
        rewrite(a, swapped, (name, data) -> name.equals("coefficients.bin") ? entry(a, "configuration.json")
                : name.equals("configuration.json") ? entry(a, "coefficients.bin") : data);
        assertError(swapped, "is not the one its manifest records");
        Path missing = dir.resolve("missing-artifact.zip");
        rewrite(a, missing, (name, data) -> name.startsWith("artifacts/") ? null : data);
        assertError(missing, "is corrupt: the entry artifacts/");
    }

    interface EntryEdit {
        byte[] apply(String name, byte[] data) throws Exception;
    }

    private static byte[] entry(Path zip, String name) throws Exception {
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
            return z.getInputStream(z.getEntry(name)).readAllBytes();
        }
    }

    /** Copies a zip entry by entry through {@code edit} (null drops the entry). */
    private static void rewrite(Path from, Path to, EntryEdit edit) throws Exception {
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(from.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (var en = z.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                byte[] data = edit.apply(e.getName(), z.getInputStream(e).readAllBytes());
                if (data == null) continue;
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(data);
                out.closeEntry();
            }
        }
    }

    /** A checkpoint write that fails half-way leaves the previous file in place and loadable, and no temp file. */
    @Test
    void aWriteThatFailsHalfWayKeepsThePreviousFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("checkpoint.zip");
        bundle(network()).save(f);
        byte[] before = Files.readAllBytes(f);
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> io.seq4j.core.io.AtomicFiles.write(f, out -> {
            out.write(Arrays.copyOf(before, before.length / 2));
            throw new java.io.IOException("disk full (simulated)");
        }));
        assertEquals("disk full (simulated)", e.getMessage());
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(f));
        ModelBundle.load(f);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList());
        }
    }

    private static void assertError(Path f, String expected) {
        BundleFormatException e = assertThrows(BundleFormatException.class, () -> ModelBundle.load(f));
        assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** First occurrence of needle in hay (the entry's local header, followed by its data). */
    private static int indexOf(byte[] hay, byte[] needle) throws IOException {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new IOException("entry not found");
    }
}
