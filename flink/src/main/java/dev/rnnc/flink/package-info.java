/**
 * Keyed streaming of generated rnnc models on Apache Flink: {@link dev.rnnc.flink.RnncStreams} is
 * where a job starts, {@link dev.rnnc.flink.KeyedStep} what it emits.
 *
 * <p>Flink is a {@code provided} dependency: the job's cluster (or its own embedded MiniCluster)
 * brings it, and a job jar carries only {@code rnnc-flink} and {@code rnnc-runtime}.
 */
package dev.rnnc.flink;
