package io.seq4j.cli;

import io.seq4j.spark.SparkEpochEngine;
import io.seq4j.spark.SparkSettings;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code --spark MASTER} and its settings, for the train commands that can fit their epochs on a
 * Spark cluster (docs/spark.md). Without {@code --spark}, {@link #start} gives null and training
 * runs in this JVM.
 */
final class SparkOptions {
    @Option(names = "--spark", paramLabel = "MASTER", description = "Train on Spark: local[N], spark://HOST:7077, yarn, ... "
            + "(DL4J parameter averaging; input files may then be hdfs:// or other Hadoop paths; see docs/spark.md).")
    String master;
    @Option(names = "--spark-averaging", paramLabel = "N", defaultValue = "5",
            description = "With --spark: batches each worker fits between parameter averagings (default: ${DEFAULT-VALUE}).")
    int averaging;
    @Option(names = "--spark-scratch", paramLabel = "DIR",
            description = "With --spark: Spark's and Hadoop's scratch files and copied inputs (default: spark-scratch beside --out).")
    Path scratch;

    /** The engine for {@code --spark} (the caller closes it), or null without it. */
    SparkEpochEngine start(Path out) {
        if (master == null) return null;
        if (averaging < 1) throw new UsageException("--spark-averaging must be at least 1, got " + averaging);
        Path dir = scratch != null ? scratch : (out.toAbsolutePath().getParent() == null ? Path.of(".") : out.toAbsolutePath().getParent())
                .resolve("spark-scratch");
        return SparkEpochEngine.start(new SparkSettings(master, dir, averaging, 0, 42));
    }

    /**
     * The local file to read for {@code input}: with Spark, a Hadoop path (hdfs://...) is copied first.
     * (A Path option turns "hdfs://nn/x" into "hdfs:/nn/x"; the authority's slashes are put back.)
     */
    static Path local(SparkEpochEngine spark, Path input) throws IOException {
        if (spark == null || input == null) return input;
        String s = input.toString();
        if (s.matches("[a-zA-Z][a-zA-Z0-9+.-]+:/[^/].*") && !s.startsWith("file:")) s = s.replaceFirst(":/", "://");
        return spark.localCopy(s);
    }
}
