package dev.rnnc.flink;

import java.util.Objects;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;

/**
 * Runs a generated rnnc model over many keyed streams on Apache Flink: one stream per key (a user,
 * a sensor, a session), each driven exactly as one {@link dev.rnnc.runtime.Session} would drive it.
 *
 * <pre>{@code
 * DataStream<KeyedStep<String>> steps =
 *     RnncStreams.keyed(readings, Reading::sensor, ImpactDetector::new).vectors(Reading::xyz);
 * }</pre>
 *
 * <p>Records of one key must arrive in stream order, as they do from one partition of a source
 * (Flink keeps the order of records between two tasks). Each key's session lives in Flink keyed
 * state, so checkpoints, recovery from a failure, savepoints and rescaling keep every key's steps
 * exactly those of an uninterrupted {@code Session}: with checkpointing on and an exactly-once
 * sink, every step is delivered once. A step's {@code (key, index)} identifies it, for sinks that
 * are at-least-once.
 *
 * <p>Give the returned operator a {@code uid} when the job will be restored from savepoints, as for
 * any stateful Flink operator.
 */
public final class RnncStreams {

  private RnncStreams() {}

  /**
   * The model made by {@code model} over every key of {@code stream}. Nothing is added to the job
   * until {@link KeyedSessions#vectors}, {@link KeyedSessions#tokens}, {@link KeyedSessions#text}
   * or {@link KeyedSessions#elements} says what the records hold.
   *
   * @param model makes a new evaluator per call, usually the generated class's constructor ({@code
   *     ImpactDetector::new}); called here once or twice to check it and read the model's inputs
   * @throws IllegalArgumentException if the factory returns null or the same evaluator twice
   */
  public static <T, K> KeyedSessions<T, K> keyed(KeyedStream<T, K> stream, EvaluatorFactory model) {
    return new KeyedSessions<>(stream, model, null);
  }

  /**
   * The model made by {@code model} over {@code stream} keyed by {@code key}: the same as {@code
   * keyed(stream.keyBy(key), model)}.
   */
  public static <T, K> KeyedSessions<T, K> keyed(
      DataStream<T> stream, KeySelector<T, K> key, EvaluatorFactory model) {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(key, "key");
    return keyed(stream.keyBy(key), model);
  }
}
