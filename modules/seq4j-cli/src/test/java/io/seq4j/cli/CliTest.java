package io.seq4j.cli;

import io.seq4j.cli.quickstart.AgreementData;
import io.seq4j.core.bundle.ModelBundle;
import io.seq4j.core.data.LabeledTextStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {
    record Run(int status, String out, String err) {
    }

    static synchronized Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int status = Main.run(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void infoPrintsBackendAndThreads() {
        Run r = run("info", "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().matches("(?s)\\{\"seq4j\": \"[^\"]+\", \"dl4j\": \"1.0.0-M2.1\", \"backend\": \"CPU\", \"platform\": \"linux-x86_64 \\(libnd4j [^)]+\\)\".*"
                + "\"blas.threads\": \"1\".*\\}\\s*"), r.out());
    }

    @Test
    void usageErrorsExitTwoWithOneMessage() {
        Run bogus = run("bogus");
        assertEquals(2, bogus.status());
        assertTrue(bogus.err().contains("Unmatched argument at index 0: 'bogus'"), bogus.err());
        Run bad = run("quickstart", "--epochs", "0");
        assertEquals(2, bad.status());
        assertEquals("seq4j: --epochs must be at least 1, got 0", bad.err().strip());
        Run notInt = run("quickstart", "--units", "many");
        assertEquals(2, notInt.status());
        assertTrue(notInt.err().contains("--units"), notInt.err());
    }

    @Test
    void quickstartTrainsEvaluatesAndSavesBundles(@TempDir Path dir) throws Exception {
        Run r = run("quickstart", "--lengths", "2", "--cells", "GRU,LSTM", "--train", "500", "--epochs", "5",
                "--units", "16", "--parts", "long-memory", "--out", dir.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("seq4j quickstart on CPU"), r.err());
        assertTrue(r.err().contains("epoch 5/5  done in"), r.err());
        assertTrue(r.out().matches("(?s).*cell\\s+N=2\\ngru\\s+[01]\\.\\d{3}\\nlstm\\s+[01]\\.\\d{3}\\n\\nAt N=2 the subject was carried .*"), r.out());
        ModelBundle b = ModelBundle.load(dir.resolve("gru-n2.zip"));
        assertEquals("quickstart", b.task());
        assertEquals("GRU", b.setting("cell"));
        double acc = Double.parseDouble(b.metrics().get("test_accuracy"));
        assertTrue(acc > 0.9, "a 2-filler gap is easy: " + acc);

        Run inspect = run("inspect", "--model", dir.resolve("gru-n2.zip").toString());
        assertEquals(0, inspect.status(), inspect.err());
        assertTrue(inspect.out().contains("task        quickstart"), inspect.out());
    }

    @Test
    void examplesGiveExitTwoAndOneMessageForBadData(@TempDir Path dir) throws Exception {
        Run noDir = run("example", "digits", "--data", dir.resolve("nope").toString());
        assertEquals(2, noDir.status());
        assertEquals("seq4j: " + dir.resolve("nope") + ": not a directory of FSDD recordings", noDir.err().lines().reduce((a, b) -> b).orElse(""));
        String csv = writeLines(dir.resolve("weather.csv"), "location,date,precipitation,temp_max,temp_min,wind,weather", "Seattle,2012-01-01,0,warm,0,1,sun",
                "New York,2012-01-01,0,3,0,1,sun");
        Run badRow = run("example", "weather", "--data", csv);
        assertEquals(2, badRow.status());
        assertEquals("seq4j: " + csv + ":2: column temp_max: 'warm' is not a number", badRow.err().lines().reduce((a, b) -> b).orElse(""));
        Run missing = run("example", "prices", "--data", dir.toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains(dir.resolve("sp500-2000.csv").toString()), missing.err());
        Run tooFew = run("example", "frames", "--train", "2");
        assertEquals(2, tooFew.status());
        assertEquals("seq4j: --train must be at least 4, got 2", tooFew.err().strip());
    }

    @Test
    void corruptOrForeignBundlesExitTwoNamingTheFile(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.zip");
        Files.writeString(junk, "not a model");
        Run r = run("inspect", "--model", junk.toString());
        assertEquals(2, r.status());
        assertEquals("seq4j: " + junk + ": is not a seq4j model bundle: not a zip file, or truncated (zip END header not found)",
                r.err().strip());
        Run missing = run("inspect", "--model", dir.resolve("nope.zip").toString());
        assertEquals(2, missing.status());
        assertEquals("seq4j: " + dir.resolve("nope.zip") + ": no such file", missing.err().strip());
    }

    @Test
    void benchRnnPrintsTheDocumentedJsonKeys() {
        for (String cell : new String[]{"lstm", "gru", "rnn"}) {
            Run r = run("bench", "rnn", "--cell", cell, "--input", "4", "--hidden", "8", "--batch", "2", "--steps", "3",
                    "--warmup", "0", "--warmup-seconds", "0", "--iterations", "2", "--json");
            assertEquals(0, r.status(), r.err());
            for (String key : List.of("\"train_ms\": ", "\"infer_ms\": ", "\"train_tokens_per_s\": ", "\"train_gflops\": ",
                    "\"peak_rss_mib\": ", "\"kernel\": \"onednn")) {
                assertTrue(r.out().contains(key), key + " in " + r.out());
            }
        }
        Run bad = run("bench", "rnn", "--hidden", "0");
        assertEquals(2, bad.status());
    }

    @Test
    void benchGemmComparesBothPathsOnTheSameProduct() {
        Run r = run("bench", "gemm", "--m", "33", "--k", "17", "--n", "65", "--iterations", "2", "--json");
        assertEquals(0, r.status(), r.err());
        for (String key : List.of("\"nd4j_ms\": ", "\"onednn_ms\": ", "\"speedup\": ", "\"blas_threads\": 1")) {
            assertTrue(r.out().contains(key), key + " in " + r.out());
        }
        java.util.regex.Matcher d = java.util.regex.Pattern.compile("\"max_abs_difference\": ([0-9.eE+-]+)").matcher(r.out());
        assertTrue(d.find(), r.out());
        assertTrue(Double.parseDouble(d.group(1)) < 1e-3, "both paths compute the same product: " + r.out());
        assertEquals(2, run("bench", "gemm", "--m", "0").status());
    }

    @Test
    void quickstartWordOrderPartBeatsTheBagOfWords(@TempDir Path dir) throws Exception {
        Run r = run("quickstart", "--parts", "word-order", "--train", "800", "--epochs", "6", "--out", dir.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\"model\": \"([^\"]+)\", \"test_accuracy\": ([0-9.]+)\\}").matcher(r.out());
        java.util.Map<String, Double> acc = new java.util.LinkedHashMap<>();
        while (m.find()) acc.put(m.group(1), Double.parseDouble(m.group(2)));
        assertEquals(3, acc.size(), r.out());
        assertTrue(acc.get("bidirectional GRU, max pooling") > 0.9, r.out());
        assertEquals(0.5, acc.get("bag of words, naive bayes"), 0.0, r.out());
        assertTrue(Files.exists(dir.resolve("data/word-order/train.tsv")));
        assertEquals("sentiment", ModelBundle.load(dir.resolve("sentiment-word-order.zip")).task());
    }

    @Test
    void sentimentTrainEvalPredictAndBaseline(@TempDir Path dir) throws Exception {
        Path train = dir.resolve("train.tsv"), test = dir.resolve("test.tsv"), model = dir.resolve("m.zip");
        List<LabeledTextStream.Row> rows = io.seq4j.sentiment.WordOrderData.generate(400, 5);
        Files.write(train, rows.stream().map(x -> x.label() + "\t" + x.text()).toList());
        Files.write(test, io.seq4j.sentiment.WordOrderData.generate(40, 6).stream().map(x -> x.text() + "\t" + x.label()).toList());
        Run t = run("sentiment", "train", "--train", train.toString(), "--test", test.toString(), "--out", model.toString(),
                "--cell", "GRU", "--units", "8", "--embedding", "8", "--epochs", "2", "--set", "minCount=1", "--json");
        assertEquals(0, t.status(), t.err());
        assertTrue(t.err().contains("no dev set given: holding out 40"), t.err());
        assertTrue(t.out().contains("\"dev_accuracy\": ") && t.out().contains("\"test\": {\"accuracy\": "), t.out());

        Run e = run("sentiment", "eval", "--model", model.toString(), "--data", test.toString(), "--json");
        assertEquals(0, e.status(), e.err());
        for (String key : List.of("\"accuracy\": ", "\"per_class\": {\"neg\": {\"precision\": ", "\"confusion\": [[")) {
            assertTrue(e.out().contains(key), key + " in " + e.out());
        }
        Path input = dir.resolve("in.txt");
        Files.write(input, List.of("the phone is great , not awful", "", "this book is not good but weak"));
        Run p = run("sentiment", "predict", "--model", model.toString(), "--input", input.toString(), "--json");
        assertEquals(0, p.status(), p.err());
        assertEquals(2, p.out().strip().split("\n").length, p.out());
        assertTrue(p.out().startsWith("{\"text\": \"the phone is great , not awful\", \"label\": \""), p.out());

        Run b = run("sentiment", "baseline", "--train", train.toString(), "--test", test.toString(), "--ngrams", "1", "--json");
        assertEquals(0, b.status(), b.err());
        assertTrue(b.out().contains("\"naive_bayes\": {\"accuracy\": 0.5"), b.out());

        Path bad = dir.resolve("bad.tsv");
        Files.write(bad, List.of("pos\tfine", "neg\tbad\tthird"));
        Run badRun = run("sentiment", "eval", "--model", model.toString(), "--data", bad.toString(), "--format", "label-text");
        assertEquals(2, badRun.status());
        assertEquals("seq4j: " + bad + ":2: expected 2 tab-separated columns (label, text), found 3", badRun.err().strip());
        Run unknownLabel = run("sentiment", "eval", "--model", model.toString(), "--data", writeLines(dir.resolve("u.tsv"), "meh\tso so"));
        assertEquals(2, unknownLabel.status());
        assertTrue(unknownLabel.err().contains("label 'meh' was not in the training data"), unknownLabel.err());
        Run badSetting = run("sentiment", "train", "--train", train.toString(), "--set", "units=-1");
        assertEquals(2, badSetting.status());
        assertEquals("seq4j: setting 'units' must be positive, got -1", badSetting.err().strip());
        Run wrongTask = run("sentiment", "eval", "--model", dir.resolve("none.zip").toString(), "--data", test.toString());
        assertEquals(2, wrongTask.status());
    }

    @Test
    void word2vecTrainEvalNearestAnalogyAndTsne(@TempDir Path dir) throws Exception {
        Path corpus = dir.resolve("corpus.txt"), vectors = dir.resolve("v.bin");
        Files.write(corpus, io.seq4j.embeddings.word2vec.AnalogyCorpus.generate(2000, 7));
        Run t = run("word2vec", "train", corpus.toString(), "--out", vectors.toString(), "--dim", "24", "--min-count", "1", "--sample", "0",
                "--threads", "1", "--json");
        assertEquals(0, t.status(), t.err());
        assertTrue(t.out().contains("\"vocabulary\": 50, ") && t.out().contains("\"words_per_s\": "), t.out());
        assertTrue(t.err().contains("epoch 5/5  100.0%"), t.err());
        assertEquals(io.seq4j.embeddings.WordVectors.Format.WORD2VEC_BINARY, io.seq4j.embeddings.WordVectors.detect(vectors));

        String questions = writeLines(dir.resolve("q.txt"), ": family", "man king woman queen", "boy girl prince princess", "man king dog cat",
                ": gram-x", "king queen prince princess");
        String sim = writeLines(dir.resolve("sim.tsv"), "# pairs", "king\tqueen\t8", "king\tfarm\t1", "palace\tcastle\t9", "man\tfield\t2");
        Run e = run("word2vec", "eval", "--model", vectors.toString(), "--analogies", questions.toString(), "--wordsim", sim.toString(),
                "--simlex", sim.toString(), "--json");
        assertEquals(0, e.status(), e.err());
        for (String key : List.of("\"analogy_accuracy\": ", "\"analogy_coverage\": 0.75", "\"wordsim353_rho\": ", "\"simlex999_rho\": ")) {
            assertTrue(e.out().contains(key), key + " in " + e.out());
        }
        Run a = run("word2vec", "analogy", "--model", vectors.toString(), "man", "king", "woman", "--json");
        assertEquals(0, a.status(), a.err());
        assertTrue(a.out().contains("\"answers\": [{") && a.out().indexOf("queen") > 0, a.out());
        Run n = run("word2vec", "nearest", "--model", vectors.toString(), "palace", "--top", "3");
        assertEquals(0, n.status(), n.err());
        assertTrue(n.out().startsWith("palace: ["), n.out());
        Path png = dir.resolve("map.png");
        Run ts = run("word2vec", "tsne", "--model", vectors.toString(), "--words", "king,queen,man,woman,palace,farm", "--png", png.toString());
        assertEquals(0, ts.status(), ts.err());
        assertEquals(1400, javax.imageio.ImageIO.read(png.toFile()).getWidth());

        Run unknown = run("word2vec", "nearest", "--model", vectors.toString(), "unicorn");
        assertEquals(2, unknown.status());
        assertEquals("seq4j: 'unicorn' is not in the vocabulary (50 words)", unknown.err().strip());
        Run missing = run("word2vec", "train", dir.resolve("none.txt").toString(), "--out", dir.resolve("x.txt").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("none.txt: no such file or folder"), missing.err());
        Run badSetting = run("word2vec", "train", corpus.toString(), "--out", dir.resolve("x.txt").toString(), "--window", "0");
        assertEquals(2, badSetting.status());
        assertEquals("seq4j: window must be at least 1, got 0", badSetting.err().strip());
        Files.writeString(dir.resolve("broken.txt"), "2 3\nking 1 2 3\nqueen 1 x 3\n");
        Run broken = run("word2vec", "nearest", "--model", dir.resolve("broken.txt").toString(), "king");
        assertEquals(2, broken.status());
        assertTrue(broken.err().contains("broken.txt:3"), broken.err());
        org.junit.jupiter.api.Assertions.assertFalse(Files.exists(dir.resolve("x.txt")), "nothing written on failure");
    }

    @Test
    void nerTrainEvalPredictAndBadInput(@TempDir Path dir) throws Exception {
        Path train = dir.resolve("train.txt"), dev = dir.resolve("dev.txt"), model = dir.resolve("ner.zip"), pred = dir.resolve("pred.txt");
        Files.write(train, io.seq4j.ner.NerSampleData.lines(io.seq4j.ner.NerSampleData.generate(300, 1)));
        Files.write(dev, io.seq4j.ner.NerSampleData.lines(io.seq4j.ner.NerSampleData.generate(60, 2)));
        Run t = run("ner", "train", "--train", train.toString(), "--dev", dev.toString(), "--test", dev.toString(), "--out", model.toString(),
                "--units", "16", "--epochs", "6", "--lr", "0.01", "--set", "wordDim=16", "--set", "filters=8", "--set", "patience=0",
                "--predictions", pred.toString(), "--json");
        assertEquals(0, t.status(), t.err());
        assertTrue(t.out().contains("\"dev_f1\": ") && t.out().contains("\"test\": {\"precision\": "), t.out());
        assertTrue(t.err().contains("test:\nprocessed "), t.err());
        assertTrue(Files.readAllLines(pred).get(0).matches("\\S+ [BIO]\\S* [BIO]\\S*"), Files.readAllLines(pred).get(0));

        Run e = run("ner", "eval", "--model", model.toString(), "--data", dev.toString(), "--json");
        assertEquals(0, e.status(), e.err());
        for (String key : List.of("\"precision\": ", "\"recall\": ", "\"f1\": ", "\"per_type\": {\"LOC\": {")) {
            assertTrue(e.out().contains(key), key + " in " + e.out());
        }
        Run text = run("ner", "eval", "--model", model.toString(), "--data", dev.toString());
        assertTrue(text.out().startsWith("processed ") && text.out().contains("\naccuracy: "), text.out());
        Path input = dir.resolve("in.txt");
        Files.write(input, List.of("Harry Potter met Ada Lovelace in London .", ""));
        Run p = run("ner", "predict", "--model", model.toString(), "--input", input.toString(), "--json");
        assertEquals(0, p.status(), p.err());
        assertTrue(p.out().startsWith("{\"text\": \"Harry Potter met Ada Lovelace in London .\", \"entities\": [{\"type\": "), p.out());
        assertTrue(p.out().contains("\"char_start\": 0"), p.out());

        Path bad = dir.resolve("bad.txt");
        Files.write(bad, List.of("Harry B-PER", "Potter I-PER x", ""));
        Run badRun = run("ner", "eval", "--model", model.toString(), "--data", bad.toString());
        assertEquals(2, badRun.status());
        assertEquals("seq4j: " + bad + ":2: expected 2 columns (as on line 1), found 3", badRun.err().strip());
        Files.write(bad, List.of("Harry O", "Potter I-PER", ""));
        Run strict = run("ner", "eval", "--model", model.toString(), "--data", bad.toString(), "--strict", "iob2");
        assertEquals(2, strict.status());
        assertTrue(strict.err().contains(bad + ":2: I-PER does not continue a PER entity"), strict.err());
        Run wrongTask = run("ner", "eval", "--model", dir.resolve("none.zip").toString(), "--data", dev.toString());
        assertEquals(2, wrongTask.status());
    }

    @Test
    void lmTrainEvalScoreSampleAndBadInput(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("lm.zip");
        Run t = run("lm", "train", "--data", "../../data/lm/sample.txt", "--level", "word", "--tokenizer", "space", "--samples", "lines",
                "--units", "32", "--epochs", "2", "--lr", "0.01", "--set", "embedding=16", "--set", "minCount=1", "--out", model.toString(), "--json");
        assertEquals(0, t.status(), t.err());
        assertTrue(t.err().contains("validation: a seeded random 10% of ../../data/lm/sample.txt"), t.err());
        assertTrue(t.out().matches("\\{\"loss_nats\": [0-9.]+, \"bits_per_char\": [0-9.]+, \"bits_per_token\": [0-9.]+, \"perplexity\": .*\\}\\s*"), t.out());

        Run e = run("lm", "eval", "--model", model.toString(), "--data", "../../data/lm/sample.txt", "--json");
        assertEquals(0, e.status(), e.err());
        for (String key : List.of("\"loss_nats\": ", "\"bits_per_char\": ", "\"perplexity\": ")) assertTrue(e.out().contains(key), key + " in " + e.out());
        Run s = run("lm", "score", "--model", model.toString(), "apple and pear salad", "apple and pair salad");
        assertEquals(0, s.status(), s.err());
        String[] lines = s.out().split("\n");
        assertEquals("log_prob\tnats/token\tperplexity\tbits/token\ttext", lines[0]);
        assertTrue(Double.parseDouble(lines[1].split("\t")[0]) > Double.parseDouble(lines[2].split("\t")[0]), s.out());
        Run g1 = run("lm", "sample", "--model", model.toString(), "--count", "2", "--seed", "5", "--temperature", "0.7", "--json");
        Run g2 = run("lm", "sample", "--model", model.toString(), "--count", "2", "--seed", "5", "--temperature", "0.7", "--json");
        assertEquals(0, g1.status(), g1.err());
        assertEquals(g1.out(), g2.out(), "seeded sampling repeats");
        assertTrue(g1.out().startsWith("{\"seed\": 5, \"text\": \""), g1.out());

        Run missing = run("lm", "train", "--data", dir.resolve("none.txt").toString());
        assertEquals(2, missing.status());
        assertEquals("seq4j: " + dir.resolve("none.txt") + ": no such file or directory", missing.err().strip().lines().reduce((a, b) -> b).orElse(""));
        Run noTunes = run("lm", "train", "--data", "../../data/lm/sample.txt", "--samples", "abc");
        assertEquals(2, noTunes.status());
        assertTrue(noTunes.err().contains("sample.txt: no ABC tunes"), noTunes.err());
        Run badSetting = run("lm", "train", "--data", "../../data/lm/sample.txt", "--set", "window=1");
        assertEquals(2, badSetting.status());
        assertEquals("seq4j: window must be at least 2, got 1", badSetting.err().strip());
        Run badTemp = run("lm", "sample", "--model", model.toString(), "--temperature", "0");
        assertEquals(2, badTemp.status());
        assertEquals("seq4j: temperature must be positive, got 0.0", badTemp.err().strip());
    }

    private static String writeLines(Path file, String... lines) throws Exception {
        Files.write(file, List.of(lines));
        return file.toString();
    }

    /** The shipped samples are plain input for the commands, as a user would first try them. */
    @Test
    void shippedSamplesTrainFromTheCli(@TempDir Path dir) {
        Run s = run("sentiment", "train", "--train", "../../data/sentiment/word-order-sample.tsv", "--epochs", "1",
                "--out", dir.resolve("s.zip").toString());
        assertEquals(0, s.status(), s.err());
        Run n = run("ner", "train", "--train", "../../data/ner/sample.txt", "--dev", "../../data/ner/sample.txt", "--epochs", "1",
                "--out", dir.resolve("n.zip").toString());
        assertEquals(0, n.status(), n.err());
    }

    /** The shipped sample is what the generator makes, so the data the quickstart uses is reproducible. */
    @Test
    void shippedSamplesMatchTheGenerators() throws Exception {
        Path sample = Path.of("../../data/long-memory/sample-n5.tsv");
        List<String> lines = Files.readAllLines(sample);
        List<LabeledTextStream.Row> rows = AgreementData.generate(lines.size(), 5, 1);
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(rows.get(i).label() + "\t" + rows.get(i).text(), lines.get(i));
        }
        List<String> ner = Files.readAllLines(Path.of("../../data/ner/sample.txt"));
        List<String> generatedNer = io.seq4j.ner.NerSampleData.lines(io.seq4j.ner.NerSampleData.generate(25, 5));
        assertEquals(generatedNer, ner);
        List<String> sentences = Files.readAllLines(Path.of("../../data/word2vec/analogy-sample.txt"));
        assertEquals(io.seq4j.cli.quickstart.EmbeddingExperiment.sample(sentences.size(), 1), sentences);
        List<String> reviews = Files.readAllLines(Path.of("../../data/sentiment/word-order-sample.tsv"));
        List<LabeledTextStream.Row> generated = io.seq4j.sentiment.WordOrderData.generate(reviews.size(), 3);
        for (int i = 0; i < reviews.size(); i++) {
            assertEquals(generated.get(i).label() + "\t" + generated.get(i).text(), reviews.get(i));
        }
        List<String> pairs = Files.readAllLines(Path.of("../../data/translate/sample.tsv"));
        assertEquals(io.seq4j.seq2seq.TranslationSampleData.pairs(3000, 11).stream().map(p -> p.source() + "\t" + p.target()).toList(), pairs);
    }

    /** --workers N trains through ParallelWrapper into an ordinary bundle; the engine options are checked. */
    @Test
    void sentimentTrainWithWorkersAndEngineOptionErrors(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("reviews.tsv");
        Files.write(data, io.seq4j.sentiment.WordOrderData.generate(200, 4).stream().map(r -> r.label() + "\t" + r.text()).toList());
        Path model = dir.resolve("w.zip");
        Run r = run("sentiment", "train", "--train", data.toString(), "--workers", "2", "--averaging", "2", "--epochs", "2",
                "--units", "8", "--embedding", "8", "--out", model.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("training with 2 workers in this JVM: parameter averaging every 2 batches per worker"), r.err());
        assertEquals(0, run("sentiment", "predict", "--model", model.toString(), "--input", data.toString()).status());
        Run both = run("sentiment", "train", "--train", data.toString(), "--workers", "2", "--spark", "local[2]", "--out", model.toString());
        assertEquals(2, both.status());
        assertTrue(both.err().contains("--workers and --spark exclude each other"), both.err());
        Run zero = run("ner", "train", "--train", data.toString(), "--dev", data.toString(), "--workers", "0", "--out", model.toString());
        assertEquals(2, zero.status());
        assertTrue(zero.err().contains("--workers must be at least 1, got 0"), zero.err());
    }

    @Test
    void translateTrainEvalPredictAndBadInput(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("../../data/translate/sample.tsv")).subList(0, 400);
        Path tsv = dir.resolve("pairs.tsv");
        Files.write(tsv, lines);
        Files.write(dir.resolve("dev.en"), lines.subList(0, 40).stream().map(l -> l.split("\t")[0]).toList());
        Files.write(dir.resolve("dev.fr"), lines.subList(0, 40).stream().map(l -> l.split("\t")[1]).toList());
        Path model = dir.resolve("t.zip");
        Run t = run("translate", "train", "--pairs", tsv.toString(), "--dev", dir.resolve("dev").toString(), "--src", "en", "--tgt", "fr",
                "--units", "16", "--decoder-units", "24", "--embedding", "12", "--epochs", "2", "--lr", "0.01", "--set", "minCount=1",
                "--out", model.toString(), "--json");
        assertEquals(0, t.status(), t.err());
        assertTrue(t.out().contains("\"dev_loss_nats\": "), t.out());
        Run e = run("translate", "eval", "--model", model.toString(), "--data", dir.resolve("dev").toString(), "--src", "en", "--tgt", "fr",
                "--beam", "2", "--output", dir.resolve("hyp.txt").toString(), "--json");
        assertEquals(0, e.status(), e.err());
        for (String key : List.of("\"bleu\": ", "\"bleu_lowercase\": ", "\"perplexity\": ")) assertTrue(e.out().contains(key), key + " in " + e.out());
        assertEquals(40, Files.readAllLines(dir.resolve("hyp.txt")).size());
        Run b = run("translate", "bleu", "--hypotheses", dir.resolve("hyp.txt").toString(), "--references", dir.resolve("dev.fr").toString(), "--json");
        assertEquals(0, b.status(), b.err());
        String evalBleu = e.out().replaceAll(".*\"bleu\": ([0-9.E-]+),.*\\s*", "$1");
        assertTrue(b.out().startsWith("{\"bleu\": " + evalBleu + ", "), "the bleu command scores eval's translations as eval did: " + b.out() + " vs " + e.out());
        Run p = run("translate", "predict", "--model", model.toString(), "--json", "--attention-png", dir.resolve("att").toString(), "the red car sees a dog .");
        assertEquals(0, p.status(), p.err());
        assertTrue(p.out().startsWith("{\"text\": \"the red car sees a dog .\", \"translation\": "), p.out());
        assertTrue(p.out().contains("\"source_tokens\": [\"the\", \"red\", \"car\", \"sees\", \"a\", \"dog\", \".\"]"), p.out());
        assertTrue(javax.imageio.ImageIO.read(dir.resolve("att/attention-1.png").toFile()).getWidth() > 100);

        Run noTgt = run("translate", "train", "--data", dir.resolve("dev").toString(), "--src", "en");
        assertEquals(2, noTgt.status());
        assertTrue(noTgt.err().contains("--data needs --src and --tgt"), noTgt.err());
        Run missing = run("translate", "train", "--data", dir.resolve("nope").toString(), "--src", "en", "--tgt", "fr");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("nope.en"), missing.err());
        Files.write(dir.resolve("bad.en"), List.of("a", "b", "c"));
        Files.write(dir.resolve("bad.fr"), List.of("x", "y"));
        Run mismatch = run("translate", "eval", "--model", model.toString(), "--data", dir.resolve("bad").toString(), "--src", "en", "--tgt", "fr");
        assertEquals(2, mismatch.status());
        assertTrue(mismatch.err().contains("bad.en") && mismatch.err().contains("bad.fr"), mismatch.err());
        Run badSetting = run("translate", "train", "--pairs", tsv.toString(), "--set", "beam=0");
        assertEquals(2, badSetting.status());
        assertEquals("seq4j: beam must be at least 1, got 0", badSetting.err().strip());
    }
}
