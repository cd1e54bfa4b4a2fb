package io.seq4j.spark;

import java.nio.file.Path;

/**
 * How seq4j trains on Spark.
 *
 * @param master             the master URL: {@code local[N]}, {@code spark://HOST:7077}, {@code yarn}, ...
 *                           (under spark-submit its own master wins)
 * @param scratchDir         where Spark's and Hadoop's local scratch files go (spark.local.dir, hadoop.tmp.dir)
 * @param averagingFrequency batches each worker fits between two parameter averagings (DL4J's advice: 5-10)
 * @param partitions         RDD partitions of an epoch's batches (0: Spark's default parallelism)
 * @param seed               seed of DL4J's repartitioning between averaging rounds
 */
public record SparkSettings(String master, Path scratchDir, int averagingFrequency, int partitions, long seed) {
    public SparkSettings {
        if (master == null || master.isBlank()) throw new IllegalArgumentException("the Spark master URL is empty");
        if (scratchDir == null) throw new IllegalArgumentException("the Spark scratch directory is not set");
        if (averagingFrequency < 1) throw new IllegalArgumentException("averaging frequency must be >= 1, got " + averagingFrequency);
        if (partitions < 0) throw new IllegalArgumentException("partitions must be >= 0, got " + partitions);
    }

    /** Averaging every 5 batches, Spark's default partitioning, seed 42. */
    public static SparkSettings of(String master, Path scratchDir) {
        return new SparkSettings(master, scratchDir, 5, 0, 42);
    }
}
