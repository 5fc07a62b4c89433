package dev.rnnc.flink;

import dev.rnnc.runtime.Evaluator;
import dev.rnnc.runtime.Session;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The keyed operator: one evaluator and its {@link Session} per parallel task, moved to the stream
 * of each record's key by restoring that key's checkpoint from Flink keyed state, and saved back
 * after the record.
 *
 * <p>The state of a key is one {@code byte[]}, its session's {@link
 * dev.rnnc.runtime.SessionState#toBytes() versioned byte form}: evaluator state, the elements the
 * window still needs, and the element and step counters. Flink snapshots it with every checkpoint
 * and savepoint and redistributes it by key group when the job is rescaled. The bytes carry the
 * model's identity, so a state restored into another model (or another version of it) is reported
 * instead of being read as something else.
 */
final class SessionFunction<K, T> extends KeyedProcessFunction<K, T, KeyedStep<K>>
    implements ResultTypeQueryable<KeyedStep<K>> {

  private static final long serialVersionUID = 1L;

  /** The name of the keyed state: fixed, so that a savepoint finds it whatever the model. */
  static final String STATE_NAME = "rnnc-session";

  private final EvaluatorFactory factory;
  private final Feed<T, ?> feed;
  private final Duration stateTtl;
  private final TypeInformation<KeyedStep<K>> producedType;

  private transient Session session;
  private transient ValueState<byte[]> saved;

  /**
   * @param stateTtl how long a key's state outlives its last record, or null to keep it forever
   */
  SessionFunction(
      EvaluatorFactory factory,
      Feed<T, ?> feed,
      Duration stateTtl,
      TypeInformation<KeyedStep<K>> producedType) {
    this.factory = Objects.requireNonNull(factory, "factory");
    this.feed = Objects.requireNonNull(feed, "feed");
    this.stateTtl = stateTtl;
    this.producedType = Objects.requireNonNull(producedType, "producedType");
  }

  /** The keyed state's descriptor, with the TTL if there is one. */
  static ValueStateDescriptor<byte[]> stateDescriptor(Duration stateTtl) {
    ValueStateDescriptor<byte[]> descriptor =
        new ValueStateDescriptor<>(
            STATE_NAME, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
    if (stateTtl != null) {
      descriptor.enableTimeToLive(
          StateTtlConfig.newBuilder(stateTtl)
              .updateTtlOnCreateAndWrite()
              .neverReturnExpired()
              .build());
    }
    return descriptor;
  }

  @Override
  public void open(OpenContext context) {
    Evaluator evaluator = factory.create();
    if (evaluator == null) {
      throw new IllegalStateException("the evaluator factory returned null");
    }
    session = new Session(evaluator);
    String problem = feed.problem(session.info());
    if (problem != null) {
      throw new IllegalStateException(problem);
    }
    saved = getRuntimeContext().getState(stateDescriptor(stateTtl));
  }

  @Override
  public void processElement(T record, Context context, Collector<KeyedStep<K>> out)
      throws Exception {
    push(feed, record, context.getCurrentKey(), out);
  }

  private <E> void push(Feed<T, E> feed, T record, K key, Collector<KeyedStep<K>> out)
      throws Exception {
    E element = feed.extract(record);
    byte[] checkpoint = saved.value();
    if (checkpoint == null) {
      session.reset();
    } else {
      try {
        session.restore(checkpoint);
      } catch (IllegalArgumentException e) {
        throw unrecoverable(
            new IllegalStateException(
                "key "
                    + key
                    + ": its saved state cannot continue with model "
                    + session.info().name()
                    + ": "
                    + e.getMessage()
                    + ". A checkpoint or savepoint is restored with the model that took it; to"
                    + " start the streams over with another model, run the job without it, or give"
                    + " the operator a new uid and allow non-restored state.",
                e));
      }
    }
    long elements = session.elements();
    try {
      feed.push(
          session,
          element,
          (index, at, outputs) -> out.collect(new KeyedStep<>(key, index, at, outputs)));
    } catch (IllegalArgumentException e) {
      throw unrecoverable(
          new IllegalArgumentException(
              "key "
                  + key
                  + ", element "
                  + elements
                  + " of its stream: the record does not fit model "
                  + session.info().name()
                  + " ("
                  + feed.method()
                  + "): "
                  + e.getMessage(),
              e));
    }
    if (session.elements() != elements) {
      saved.update(session.save().toBytes());
    }
  }

  /**
   * Fails the job without restarts: a state or record that does not fit the model fails again every
   * time it is replayed.
   */
  private static SuppressRestartsException unrecoverable(RuntimeException cause) {
    return new SuppressRestartsException(cause);
  }

  @Override
  public TypeInformation<KeyedStep<K>> getProducedType() {
    return producedType;
  }
}
