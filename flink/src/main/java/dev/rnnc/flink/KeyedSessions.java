package dev.rnnc.flink;

import dev.rnnc.runtime.Evaluator;
import dev.rnnc.runtime.ModelInfo;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.function.SerializableFunction;

/**
 * One generated model over every key of a keyed stream, each key with its own session (evaluator
 * state, window and counters) in Flink keyed state. Made by {@link RnncStreams#keyed}; finished by
 * saying what each record holds: {@link #vectors}, {@link #tokens}, {@link #text} or {@link
 * #elements}, which add the operator to the job and return its stream of {@link KeyedStep}s.
 *
 * <p>Immutable: {@link #withStateTtl} returns a new instance.
 *
 * @param <T> the record type
 * @param <K> the key type
 */
public final class KeyedSessions<T, K> {

  private final KeyedStream<T, K> stream;
  private final EvaluatorFactory factory;
  private final ModelInfo model;
  private final Duration stateTtl;

  KeyedSessions(KeyedStream<T, K> stream, EvaluatorFactory factory, Duration stateTtl) {
    this.stream = Objects.requireNonNull(stream, "stream");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.model = describe(factory);
    this.stateTtl = stateTtl;
  }

  /** The model's inputs, window and outputs (the columns of {@link KeyedStep#outputs()}). */
  public ModelInfo model() {
    return model;
  }

  /**
   * Drops the state of a key that has had no record for {@code ttl} (processing time), so that keys
   * that stop sending do not keep their state forever. A record of a key whose state was dropped
   * starts a new stream: step and element indices count from 0 again, as for a new key.
   *
   * <p>Every record that adds an element to a key's stream restarts its clock; expired state is
   * never read, and is removed in full snapshots and, with the heap state backend, incrementally as
   * state is accessed (Flink's defaults).
   *
   * @param ttl at least one millisecond
   */
  public KeyedSessions<T, K> withStateTtl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.toMillis() < 1) {
      throw new IllegalArgumentException("state TTL must be at least 1 ms, got " + ttl);
    }
    return new KeyedSessions<>(stream, factory, ttl, model);
  }

  private KeyedSessions(
      KeyedStream<T, K> stream, EvaluatorFactory factory, Duration stateTtl, ModelInfo model) {
    this.stream = stream;
    this.factory = factory;
    this.stateTtl = stateTtl;
    this.model = model;
  }

  /**
   * Each record is one vector of a model whose one input is a vector input; the model's window
   * turns them into steps.
   *
   * @param vector takes the vector out of a record (length: the input's size)
   * @throws IllegalArgumentException if the model does not have exactly one input, a vector input
   */
  public SingleOutputStreamOperator<KeyedStep<K>> vectors(
      SerializableFunction<T, double[]> vector) {
    return process(new Feed.Vectors<>(vector));
  }

  /**
   * Each record is one token of a model whose one input is a tokens input (lowercased if the input
   * says so).
   *
   * @param token takes the token out of a record
   * @throws IllegalArgumentException if the model does not have exactly one input, a tokens input
   */
  public SingleOutputStreamOperator<KeyedStep<K>> tokens(SerializableFunction<T, String> token) {
    return process(new Feed.Tokens<>(token));
  }

  /**
   * Each record is a piece of text for a model whose one input is a tokens input: it is split into
   * tokens by the input's {@code pattern}, and each token is one element, so one record can end
   * several steps, or none. A key's stream is the concatenation of its texts' tokens.
   *
   * @param text takes the text out of a record
   * @throws IllegalArgumentException if the model does not have exactly one input, a tokens input
   */
  public SingleOutputStreamOperator<KeyedStep<K>> text(SerializableFunction<T, String> text) {
    return process(new Feed.Text<>(text));
  }

  /**
   * Each record is one element per input of the model, in input declaration order: a {@code
   * double[]} for a vector input, a {@code String} token for a tokens input. For models with
   * several inputs.
   *
   * @param elements takes the elements out of a record
   */
  public SingleOutputStreamOperator<KeyedStep<K>> elements(
      SerializableFunction<T, Object[]> elements) {
    return process(new Feed.Elements<>(elements));
  }

  private SingleOutputStreamOperator<KeyedStep<K>> process(Feed<T, ?> feed) {
    String problem = feed.problem(model);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    SessionFunction<K, T> function =
        new SessionFunction<>(factory, feed, stateTtl, KeyedStep.typeInfo(stream.getKeyType()));
    return stream.process(function).name("rnnc " + model.name());
  }

  /** The factory's model, after checking that the factory makes a new evaluator per call. */
  private static ModelInfo describe(EvaluatorFactory factory) {
    Evaluator first = factory.create();
    if (first == null) {
      throw new IllegalArgumentException("the evaluator factory returned null");
    }
    if (factory.create() == first) {
      String name = first.getClass().getSimpleName();
      throw new IllegalArgumentException(
          "the evaluator factory returned the same "
              + name
              + " twice; it must make a new one per call (e.g. "
              + name
              + "::new): each parallel task drives its own");
    }
    return Objects.requireNonNull(first.info(), "the evaluator's info()");
  }
}
