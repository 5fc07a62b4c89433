package dev.rnnc.runtime;

import dev.rnnc.runtime.internal.Featurizer;
import dev.rnnc.runtime.internal.FeaturizerState;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A checkpoint of a {@link Session}: the evaluator's state, the elements the window still needs,
 * and the element and step counters, for one model. Restoring it continues the stream bit for bit
 * as if it had never been interrupted. Immutable.
 *
 * <p>{@link #toBytes()} gives a stable, versioned byte form for checkpoints kept on disk or in a
 * streaming engine's state, and {@link #fromBytes} reads it back for a given model. Format version
 * 1, big-endian:
 *
 * <pre>
 *   int    magic 0x524E4E53 ("RNNS")
 *   int    format version (1)
 *   string model name
 *   long   model fingerprint (the first 8 bytes of SHA-256 over the model's name, precision,
 *          state size, window, inputs and outputs: a state only loads into the model it came from)
 *   long   steps completed
 *   long   elements pushed
 *   int    window size
 *   doubles  evaluator state
 *   doubles  buffered vector values (oldest element first, inputs in declaration order)
 *   int    number of buffered tokens, then each as a string
 * </pre>
 *
 * where {@code doubles} is an int count followed by that many IEEE 754 doubles (raw bits, so NaN
 * payloads and -0.0 survive) and {@code string} is an int byte count followed by UTF-8.
 */
public final class SessionState {

  /** The format version {@link #toBytes()} writes and {@link #fromBytes} reads. */
  public static final int FORMAT_VERSION = 1;

  private static final int MAGIC = 0x524E4E53;

  private final String model;
  private final long fingerprint;
  private final double[] evaluatorState;
  private final FeaturizerState window;
  private final long steps;

  SessionState(ModelInfo model, double[] evaluatorState, FeaturizerState window, long steps) {
    this(model.name(), fingerprint(model), evaluatorState, window, steps);
  }

  /** A state of the model with this name and {@link #fingerprint}, as a session saves it. */
  SessionState(
      String model, long fingerprint, double[] evaluatorState, FeaturizerState window, long steps) {
    this.model = Objects.requireNonNull(model, "model");
    this.fingerprint = fingerprint;
    this.evaluatorState = Objects.requireNonNull(evaluatorState, "evaluatorState").clone();
    this.window = Objects.requireNonNull(window, "window");
    if (steps < 0) {
      throw new IllegalArgumentException("step count must be >= 0, got " + steps);
    }
    this.steps = steps;
  }

  /** The name of the model whose session saved this state. */
  public String model() {
    return model;
  }

  /** Number of steps completed since the start of the stream. */
  public long steps() {
    return steps;
  }

  /** Number of elements pushed since the start of the stream. */
  public long elements() {
    return window.elements();
  }

  /** A copy of the evaluator's state. */
  double[] evaluatorState() {
    return evaluatorState.clone();
  }

  /** The window's snapshot. */
  FeaturizerState window() {
    return window;
  }

  /** This state in the byte form described above. */
  public byte[] toBytes() {
    byte[] name = model.getBytes(StandardCharsets.UTF_8);
    double[] vectors = window.vectors();
    List<String> tokens = window.tokens();
    byte[][] tokenBytes = new byte[tokens.size()][];
    int size = 4 + 4 + 4 + name.length + 8 + 8 + 8 + 4;
    size += 4 + 8 * evaluatorState.length + 4 + 8 * vectors.length + 4;
    for (int k = 0; k < tokenBytes.length; k++) {
      tokenBytes[k] = tokens.get(k).getBytes(StandardCharsets.UTF_8);
      size += 4 + tokenBytes[k].length;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.putInt(MAGIC).putInt(FORMAT_VERSION);
    out.putInt(name.length).put(name);
    out.putLong(fingerprint).putLong(steps).putLong(window.elements()).putInt(window.windowSize());
    putDoubles(out, evaluatorState);
    putDoubles(out, vectors);
    out.putInt(tokenBytes.length);
    for (byte[] token : tokenBytes) {
      out.putInt(token.length).put(token);
    }
    return out.array();
  }

  /**
   * Reads a state written by {@link #toBytes()} for the model {@code info} describes (an
   * evaluator's {@link Evaluator#info()}).
   *
   * @throws IllegalArgumentException with a message that says what is wrong if the bytes are not a
   *     session state, are truncated or have bytes after the end, are of another format version, or
   *     were saved by another model (or another version of it)
   */
  public static SessionState fromBytes(byte[] bytes, ModelInfo info) {
    Objects.requireNonNull(info, "info");
    SessionState state = read(bytes, info, fingerprint(info));
    // Checks the window's snapshot against the inputs (sizes, counts) without keeping anything.
    new Featurizer(info).restore(state.window);
    return state;
  }

  /**
   * Reads bytes as {@link #fromBytes} does for the model {@code info} whose {@link #fingerprint} is
   * {@code expected}, and checks what {@link #check} checks; the window's snapshot is left for the
   * featurizer that restores it to check.
   */
  static SessionState read(byte[] bytes, ModelInfo info, long expected) {
    Objects.requireNonNull(bytes, "bytes");
    ByteBuffer in = ByteBuffer.wrap(bytes);
    SessionState state;
    try {
      if (in.remaining() < 8 || in.getInt() != MAGIC) {
        throw new IllegalArgumentException("not an rnnc session state (no RNNS header)");
      }
      int version = in.getInt();
      if (version != FORMAT_VERSION) {
        throw new IllegalArgumentException(
            "unsupported session state format version "
                + version
                + "; this runtime reads version "
                + FORMAT_VERSION);
      }
      String model = readString(in);
      long fingerprint = in.getLong();
      if (fingerprint != expected) {
        throw new IllegalArgumentException(mismatch(model, info, in));
      }
      long steps = in.getLong();
      long elements = in.getLong();
      int windowSize = in.getInt();
      double[] evaluatorState = readDoubles(in);
      double[] vectors = readDoubles(in);
      int tokenCount = count(in, 4);
      List<String> tokens = new ArrayList<>(tokenCount);
      for (int k = 0; k < tokenCount; k++) {
        tokens.add(readString(in));
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException(
            "session state has "
                + in.remaining()
                + " bytes after its end ("
                + bytes.length
                + " in all)");
      }
      state =
          new SessionState(
              model,
              fingerprint,
              evaluatorState,
              new FeaturizerState(elements, windowSize, vectors, tokens),
              steps);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException(
          "session state is truncated: " + bytes.length + " bytes end in the middle of a field");
    }
    check(state, info, expected);
    return state;
  }

  /**
   * Why a state of {@code model} cannot be read for {@code info}'s model, whose fingerprint
   * differs; {@code in} is just after the fingerprint. A different state size is named: it is the
   * usual reason (nodes, groups or delays changed) and the one a user can check with {@code rnnc
   * check}.
   */
  private static String mismatch(String model, ModelInfo info, ByteBuffer in) {
    if (!model.equals(info.name())) {
      return "state was saved by model '" + model + "', not by '" + info.name() + "'";
    }
    // Steps (8), elements (8) and the window size (4) come before the evaluator state's count.
    int at = in.position() + 8 + 8 + 4;
    if (in.limit() - at >= 4) {
      int saved = in.getInt(at);
      if (saved >= 0 && saved != info.stateSize()) {
        return "state was saved by another version of model '"
            + model
            + "': its state has "
            + saved
            + (saved == 1 ? " value" : " values")
            + ", this model's has "
            + info.stateSize();
      }
    }
    return "state was saved by another version of model '"
        + model
        + "' (its inputs, outputs, precision or state differ)";
  }

  /**
   * Throws if {@code state} cannot continue a stream of the model {@code info} whose {@link
   * #fingerprint} is {@code expected}: the evaluator state's size and the step count must fit. The
   * window's snapshot is checked by the featurizer that restores it.
   */
  static void check(SessionState state, ModelInfo info, long expected) {
    if (state.fingerprint != expected) {
      throw new IllegalArgumentException(
          "state was saved by model '"
              + state.model
              + "', not by this version of '"
              + info.name()
              + "'");
    }
    if (state.evaluatorState.length != info.stateSize()) {
      throw new IllegalArgumentException(
          "state has "
              + state.evaluatorState.length
              + " evaluator values, model "
              + info.name()
              + " has "
              + info.stateSize());
    }
    long elements = state.elements();
    long steps = info.window().stepsEndedBy(elements);
    if (state.steps != steps) {
      throw new IllegalArgumentException(
          "state has "
              + state.steps
              + " steps after "
              + elements
              + " elements, the window of model "
              + info.name()
              + " makes "
              + steps);
    }
  }

  /** The model's identity for states: SHA-256 of what a state depends on, first 8 bytes. */
  static long fingerprint(ModelInfo info) {
    StringBuilder s =
        new StringBuilder()
            .append(info.name())
            .append('\n')
            .append(info.precision())
            .append('\n')
            .append(info.stateSize())
            .append('\n')
            .append(info.window())
            .append('\n')
            .append(info.inputs())
            .append('\n')
            .append(info.outputNames())
            .append('\n')
            .append(info.order())
            .append('\n');
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(s.toString().getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static void putDoubles(ByteBuffer out, double[] values) {
    out.putInt(values.length);
    for (double v : values) {
      out.putLong(Double.doubleToRawLongBits(v));
    }
  }

  /**
   * A count of items of {@code itemBytes} each, checked against the bytes left before allocating.
   */
  private static int count(ByteBuffer in, int itemBytes) {
    int n = in.getInt();
    if (n < 0 || (long) n * itemBytes > in.remaining()) {
      throw new IllegalArgumentException(
          "session state is truncated or corrupt: a count of "
              + n
              + " items at byte "
              + (in.position() - 4)
              + " needs more than the "
              + in.remaining()
              + " bytes left");
    }
    return n;
  }

  private static double[] readDoubles(ByteBuffer in) {
    double[] values = new double[count(in, 8)];
    for (int k = 0; k < values.length; k++) {
      values[k] = Double.longBitsToDouble(in.getLong());
    }
    return values;
  }

  private static String readString(ByteBuffer in) {
    byte[] utf8 = new byte[count(in, 1)];
    in.get(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /** Equal when every field is equal, the evaluator states compared bit for bit. */
  @Override
  public boolean equals(Object o) {
    return o instanceof SessionState s
        && fingerprint == s.fingerprint
        && model.equals(s.model)
        && steps == s.steps
        && Arrays.equals(evaluatorState, s.evaluatorState)
        && window.equals(s.window);
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, fingerprint, Arrays.hashCode(evaluatorState), window, steps);
  }

  @Override
  public String toString() {
    return "SessionState[model="
        + model
        + ", steps="
        + steps
        + ", elements="
        + elements()
        + ", evaluatorState="
        + evaluatorState.length
        + " values]";
  }
}
