package dev.rnnc.examples.sensorstream;

import dev.rnnc.runtime.internal.FeaturizerState;
import dev.rnnc.runtime.SessionState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link SessionState} into bytes and back, so a stream can be checkpointed to a file or a
 * database and resumed by another process. Doubles are written as their raw bits, so the resumed
 * stream continues bit for bit.
 *
 * <p>Layout (big-endian, {@link DataOutputStream}): magic {@code "RNNS"}, format version 1, the
 * model name, the step count, the evaluator state (count, then values), the window snapshot
 * (element count, window size, buffered vector values, buffered tokens).
 */
public final class Checkpoints {

  private static final int MAGIC = 0x524E4E53; // "RNNS"
  private static final int VERSION = 1;

  private Checkpoints() {}

  /** Encodes {@code state}, saved by a session of the model named {@code model}. */
  public static byte[] encode(String model, SessionState state) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(model);
      out.writeLong(state.steps());
      writeDoubles(out, state.evaluatorState());
      FeaturizerState window = state.window();
      out.writeLong(window.elements());
      out.writeInt(window.windowSize());
      writeDoubles(out, window.vectors());
      out.writeInt(window.tokens().size());
      for (String token : window.tokens()) {
        out.writeUTF(token);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes a checkpoint written by {@link #encode} for the model named {@code model}.
   *
   * @throws IllegalArgumentException if the bytes are not such a checkpoint
   */
  public static SessionState decode(String model, byte[] checkpoint) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpoint))) {
      if (in.readInt() != MAGIC) {
        throw new IllegalArgumentException("not an rnnc session checkpoint");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IllegalArgumentException("checkpoint format " + version + " is not supported");
      }
      String written = in.readUTF();
      if (!written.equals(model)) {
        throw new IllegalArgumentException(
            "checkpoint is of model " + written + ", not " + model);
      }
      long steps = in.readLong();
      double[] evaluatorState = readDoubles(in);
      long elements = in.readLong();
      int windowSize = in.readInt();
      double[] vectors = readDoubles(in);
      int tokenCount = in.readInt();
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < tokenCount; i++) {
        tokens.add(in.readUTF());
      }
      if (in.read() != -1) {
        throw new IllegalArgumentException("checkpoint has bytes after its end");
      }
      return new SessionState(
          evaluatorState, new FeaturizerState(elements, windowSize, vectors, tokens), steps);
    } catch (EOFException e) {
      throw new IllegalArgumentException("checkpoint is truncated", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayInputStream does not fail
    }
  }

  private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
    out.writeInt(values.length);
    for (double v : values) {
      out.writeLong(Double.doubleToRawLongBits(v));
    }
  }

  private static double[] readDoubles(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available() / Long.BYTES) {
      throw new IllegalArgumentException("checkpoint is truncated");
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = Double.longBitsToDouble(in.readLong());
    }
    return values;
  }
}
