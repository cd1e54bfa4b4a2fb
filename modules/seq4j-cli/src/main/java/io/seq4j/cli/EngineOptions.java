package io.seq4j.cli;

import io.seq4j.core.train.EpochEngine;
import io.seq4j.core.train.WorkersEngine;
import io.seq4j.spark.SparkEpochEngine;
import io.seq4j.spark.SparkSettings;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a train command fits its epochs: in this thread (default), on {@code --workers N} model copies
 * in this JVM, or on a Spark cluster ({@code --spark MASTER}); docs/spark.md, docs/threads.md.
 */
final class EngineOptions {
    @Option(names = "--workers", paramLabel = "N", description = "Train N model copies at once in this JVM (DL4J ParallelWrapper, "
            + "parameter averaging; one per GPU on CUDA; on CPU see bench/scale.sh).")
    Integer workers;
    @Option(names = "--spark", paramLabel = "MASTER", description = "Train on Spark: local[N], spark://HOST:7077, yarn, ... "
            + "(DL4J parameter averaging; input files may then be hdfs:// or other Hadoop paths; see docs/spark.md).")
    String master;
    @Option(names = "--averaging", paramLabel = "N", defaultValue = "5",
            description = "With --workers or --spark: batches each worker fits between parameter averagings (default: ${DEFAULT-VALUE}).")
    int averaging;
    @Option(names = "--spark-scratch", paramLabel = "DIR",
            description = "With --spark: Spark's and Hadoop's scratch files and copied inputs (default: spark-scratch beside --out).")
    Path scratch;

    /** The engine the options ask for (the caller closes it), or null to train in this thread. */
    EpochEngine start(Path out) {
        if (averaging < 1) throw new UsageException("--averaging must be at least 1, got " + averaging);
        if (workers != null && master != null) throw new UsageException("--workers and --spark exclude each other");
        if (workers != null) {
            if (workers < 1) throw new UsageException("--workers must be at least 1, got " + workers);
            return new WorkersEngine(workers, averaging);
        }
        if (master == null) return null;
        Path dir = scratch != null ? scratch : (out.toAbsolutePath().getParent() == null ? Path.of(".") : out.toAbsolutePath().getParent())
                .resolve("spark-scratch");
        return SparkEpochEngine.start(new SparkSettings(master, dir, averaging, 0, 42));
    }

    /**
     * The local file to read for {@code input}: on Spark, a Hadoop path (hdfs://...) is copied first.
     * (A Path option turns "hdfs://nn/x" into "hdfs:/nn/x"; the authority's slashes are put back.)
     */
    static Path local(EpochEngine engine, Path input) throws IOException {
        if (!(engine instanceof SparkEpochEngine spark) || input == null) return input;
        String s = input.toString();
        if (s.matches("[a-zA-Z][a-zA-Z0-9+.-]+:/[^/].*") && !s.startsWith("file:")) s = s.replaceFirst(":/", "://");
        return spark.localCopy(s);
    }
}
