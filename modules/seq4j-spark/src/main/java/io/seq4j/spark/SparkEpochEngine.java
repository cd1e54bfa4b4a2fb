package io.seq4j.spark;

import io.seq4j.core.train.EpochEngine;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Fits each training epoch on a Spark cluster with DL4J's parameter averaging
 * ({@link ParameterAveragingTrainingMaster}): the epoch's batches (the ones a single-machine run
 * would fit, from the task's own batcher) become an RDD; every worker fits its share from the
 * current parameters, and the parameters (and Adam's state) are averaged every
 * {@link SparkSettings#averagingFrequency()} batches per worker. The averaged parameters are written
 * back into the driver's network, so the Trainer evaluates, keeps and saves it exactly as it does a
 * local one, and the bundle is the same kind of file.
 *
 * <p>On each worker the network is rebuilt from its configuration; a training hook installs seq4j's
 * fast recurrent kernels there too ({@link KernelHook}).
 */
public final class SparkEpochEngine implements EpochEngine {
    private final JavaSparkContext sc;
    private final SparkSettings settings;
    private final boolean ownsContext;
    private Model wrappedFor;
    private Object wrapper;            // SparkDl4jMultiLayer or SparkComputationGraph for wrappedFor

    private SparkEpochEngine(JavaSparkContext sc, SparkSettings settings, boolean ownsContext) {
        this.sc = sc;
        this.settings = settings;
        this.ownsContext = ownsContext;
    }

    /**
     * Starts a Spark context for {@code settings} (master URL, scratch directory) and an engine on
     * it; {@link #close()} stops the context. Under {@code spark-submit} the submit command's master
     * wins over {@link SparkSettings#master()}.
     */
    public static SparkEpochEngine start(SparkSettings settings) {
        return new SparkEpochEngine(new JavaSparkContext(conf(settings)), settings, true);
    }

    /** An engine on a context the caller owns (and stops). */
    public static SparkEpochEngine on(JavaSparkContext sc, SparkSettings settings) {
        return new SparkEpochEngine(sc, settings, false);
    }

    /**
     * The Spark configuration seq4j runs with: Spark's and Hadoop's scratch files inside
     * {@link SparkSettings#scratchDir()} (not /tmp/hadoop-USER), no web UI, and for local masters
     * the driver bound to the loopback address.
     */
    static SparkConf conf(SparkSettings s) {
        SparkConf c = new SparkConf().setAppName("seq4j");
        if (!c.contains("spark.master")) c.setMaster(s.master());
        Path scratch = s.scratchDir().toAbsolutePath();
        c.setIfMissing("spark.ui.enabled", "false");
        c.setIfMissing("spark.local.dir", scratch.resolve("spark-local").toString());
        c.setIfMissing("spark.hadoop.hadoop.tmp.dir", scratch.resolve("hadoop-tmp").toString());
        if (c.get("spark.master").startsWith("local")) {
            c.setIfMissing("spark.driver.host", "127.0.0.1");
            c.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        return c;
    }

    /**
     * A local file for {@code location}: a path on a Hadoop file system ({@code hdfs://NAMENODE/...},
     * {@code s3a://...}, anything this Spark's Hadoop can read) is copied into the scratch directory
     * under its own file name, so the task's readers (and their file:line errors) work on it; a local
     * path is returned as it is. The driver reads the data and the batches go to the workers.
     */
    public Path localCopy(String location) throws IOException {
        URI uri = URI.create(location.replace(" ", "%20"));
        String scheme = uri.getScheme();
        if (scheme == null || scheme.length() == 1) return Path.of(location);      // a plain path (or a Windows drive letter)
        if (scheme.equals("file")) return Path.of(uri.getPath());
        org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(uri);
        FileSystem fs = src.getFileSystem(sc.hadoopConfiguration());
        if (!fs.exists(src)) throw new FileNotFoundException(location + ": no such file on " + scheme);
        Path local = Files.createDirectories(settings.scratchDir().resolve("inputs")).resolve(src.getName());
        fs.copyToLocalFile(false, src, new org.apache.hadoop.fs.Path(local.toUri()), true);
        return local;
    }

    /** The context's master URL (as Spark resolved it). */
    public String master() {
        return sc.master();
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "training on Spark %s: parameter averaging every %d batches per worker, %d partitions",
                sc.master(), settings.averagingFrequency(), partitions());
    }

    private int partitions() {
        return settings.partitions() > 0 ? settings.partitions() : sc.defaultParallelism();
    }

    @Override
    public double fitEpoch(Model network, List<?> batches) {
        if (batches.isEmpty()) throw new IllegalArgumentException("an epoch without batches");
        int batchSize = examples(batches.get(0));
        if (network instanceof MultiLayerNetwork m) {
            SparkDl4jMultiLayer spark = (SparkDl4jMultiLayer) wrap(network, () -> new SparkDl4jMultiLayer(sc, m, master(batchSize)));
            List<DataSet> data = new ArrayList<>(batches.size());
            for (Object b : batches) data.add((DataSet) b);
            spark.fit(sc.parallelize(data, partitions()));       // DL4J writes the averaged parameters into m itself
            return spark.getScore();
        }
        if (network instanceof ComputationGraph g) {
            SparkComputationGraph spark = (SparkComputationGraph) wrap(network, () -> new SparkComputationGraph(sc, g, master(batchSize)));
            List<MultiDataSet> data = new ArrayList<>(batches.size());
            for (Object b : batches) {
                data.add(b instanceof MultiDataSet mds ? mds : ((DataSet) b).toMultiDataSet());
            }
            spark.fitMultiDataSet(sc.parallelize(data, partitions()));     // likewise into g
            return spark.getScore();
        }
        throw new IllegalArgumentException("Spark trains a MultiLayerNetwork or ComputationGraph, got " + network.getClass().getName());
    }

    /** One DL4J wrapper per network (its training master keeps state between epochs). */
    private Object wrap(Model network, Supplier<Object> create) {
        if (wrappedFor != network) {
            wrapper = create.get();
            wrappedFor = network;
        }
        return wrapper;
    }

    private TrainingMaster<?, ?> master(int batchSize) {
        return new ParameterAveragingTrainingMaster.Builder(batchSize).batchSizePerWorker(batchSize)
                .averagingFrequency(settings.averagingFrequency()).workerPrefetchNumBatches(0)
                .rddTrainingApproach(RDDTrainingApproach.Direct).saveUpdater(true)
                .trainingHooks(new KernelHook()).rngSeed(settings.seed()).build();
    }

    private static int examples(Object batch) {
        return (int) (batch instanceof MultiDataSet m ? m.getFeatures(0).size(0) : ((DataSet) batch).getFeatures().size(0));
    }

    @Override
    public void close() {
        if (ownsContext) sc.stop();
    }
}
