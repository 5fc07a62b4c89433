package dev.rnnc.benchmarks;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * A recurrent layer exported from PyTorch ({@code nn.RNN}, {@code nn.GRU}, or with a cell state
 * {@code nn.LSTM}; float32), run by ONNX Runtime's Java API as fast as that API allows: one
 * intra-op thread (the generated code uses one), input and output tensors created once over direct
 * buffers and bound to the session as pinned outputs, so a call copies no Java arrays. Per step,
 * the hidden state goes in as {@code h0} and comes out as {@code h_n} (an LSTM's cell state as
 * {@code c0} and {@code c_n}): two tensor sets alternate, the output state of one step being the
 * input of the next. Per sequence, one call runs all steps from a zero state.
 */
final class OnnxElman implements AutoCloseable {

  private final OrtSession session;
  private final int hidden;
  private final int length;
  private final FloatBuffer[] stepX = new FloatBuffer[2];
  private final FloatBuffer[] stepH = new FloatBuffer[2];
  private final FloatBuffer[] stepC = new FloatBuffer[2];
  private final OnnxTensor[] tensors;
  private final Map<String, OnnxTensor>[] stepInputs;
  private final Map<String, OnnxTensor>[] stepOutputs;
  private final FloatBuffer seqX;
  private final FloatBuffer seqY;
  private final Map<String, OnnxTensor> seqInputs;
  private final Map<String, OnnxTensor> seqOutputs;
  private int parity;

  /**
   * @param length the steps of one {@link #sequence} call
   */
  OnnxElman(Path onnx, int hidden, int input, int length) throws OrtException {
    this(onnx, hidden, input, length, false);
  }

  /**
   * @param length the steps of one {@link #sequence} call
   * @param cellState whether the model also carries {@code c0}/{@code c_n} (an LSTM)
   */
  @SuppressWarnings("unchecked")
  OnnxElman(Path onnx, int hidden, int input, int length, boolean cellState) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      this.session = env.createSession(onnx.toString(), options);
    }
    this.hidden = hidden;
    this.length = length;
    long[] xShape = {1, 1, input};
    long[] hShape = {1, 1, hidden};
    long[] yShape = {1, 1, hidden};
    FloatBuffer[] stepY = new FloatBuffer[2];
    OnnxTensor[] x = new OnnxTensor[2];
    OnnxTensor[] h = new OnnxTensor[2];
    OnnxTensor[] y = new OnnxTensor[2];
    for (int k = 0; k < 2; k++) {
      stepX[k] = floats(input);
      stepH[k] = floats(hidden);
      stepY[k] = floats(hidden);
      x[k] = OnnxTensor.createTensor(env, stepX[k], xShape);
      h[k] = OnnxTensor.createTensor(env, stepH[k], hShape);
      y[k] = OnnxTensor.createTensor(env, stepY[k], yShape);
    }
    // Step with parity k reads x[k] and h[k], writes y[k] and h[1 - k] (c likewise).
    OnnxTensor[] c = new OnnxTensor[2];
    for (int k = 0; k < 2; k++) {
      stepC[k] = floats(hidden);
      c[k] = cellState ? OnnxTensor.createTensor(env, stepC[k], hShape) : null;
    }
    this.stepInputs = new Map[2];
    this.stepOutputs = new Map[2];
    for (int k = 0; k < 2; k++) {
      stepInputs[k] =
          cellState ? Map.of("X", x[k], "h0", h[k], "c0", c[k]) : Map.of("X", x[k], "h0", h[k]);
      stepOutputs[k] =
          cellState
              ? Map.of("Y", y[k], "h_n", h[1 - k], "c_n", c[1 - k])
              : Map.of("Y", y[k], "h_n", h[1 - k]);
    }
    this.seqX = floats(length * input);
    this.seqY = floats(length * hidden);
    FloatBuffer seqH0 = floats(hidden);
    FloatBuffer seqHn = floats(hidden);
    OnnxTensor sx = OnnxTensor.createTensor(env, seqX, new long[] {length, 1, input});
    OnnxTensor sh0 = OnnxTensor.createTensor(env, seqH0, hShape);
    OnnxTensor sy = OnnxTensor.createTensor(env, seqY, new long[] {length, 1, hidden});
    OnnxTensor shn = OnnxTensor.createTensor(env, seqHn, hShape);
    OnnxTensor sc0 = cellState ? OnnxTensor.createTensor(env, floats(hidden), hShape) : null;
    OnnxTensor scn = cellState ? OnnxTensor.createTensor(env, floats(hidden), hShape) : null;
    this.seqInputs = cellState ? Map.of("X", sx, "h0", sh0, "c0", sc0) : Map.of("X", sx, "h0", sh0);
    this.seqOutputs =
        cellState ? Map.of("Y", sy, "h_n", shn, "c_n", scn) : Map.of("Y", sy, "h_n", shn);
    this.tensors =
        cellState
            ? new OnnxTensor[] {
              x[0], x[1], h[0], h[1], y[0], y[1], sx, sh0, sy, shn, c[0], c[1], sc0, scn
            }
            : new OnnxTensor[] {x[0], x[1], h[0], h[1], y[0], y[1], sx, sh0, sy, shn};
  }

  private static FloatBuffer floats(int n) {
    return ByteBuffer.allocateDirect(n * Float.BYTES)
        .order(ByteOrder.nativeOrder())
        .asFloatBuffer();
  }

  /**
   * One step from the current state: reads {@code x}, writes the new hidden state to {@code out}.
   */
  void step(float[] x, float[] out) throws OrtException {
    int k = parity;
    stepX[k].put(0, x);
    session.run(stepInputs[k], stepOutputs[k]).close();
    stepH[1 - k].get(0, out);
    parity = 1 - k;
  }

  /** This model's step as a check step: the input rounded to float, the state widened. */
  ElmanBenchmark.CheckStep asCheckStep(int input) {
    float[] xf = new float[input];
    float[] hf = new float[hidden];
    return (x, h) -> {
      for (int j = 0; j < x.length; j++) {
        xf[j] = (float) x[j];
      }
      step(xf, hf);
      for (int i = 0; i < h.length; i++) {
        h[i] = hf[i];
      }
    };
  }

  /** Loads a whole sequence given as rows of the input size, for {@link #sequence}. */
  void setSequence(float[][] rows) {
    int input = rows[0].length;
    float[] flat = new float[rows.length * input];
    for (int s = 0; s < rows.length; s++) {
      System.arraycopy(rows[s], 0, flat, s * input, input);
    }
    setSequence(flat);
  }

  /** Loads a whole sequence ({@code length} rows of the input size) for {@link #sequence}. */
  void setSequence(float[] flat) {
    seqX.put(0, flat);
  }

  /** Runs the loaded sequence from a zero state; the outputs stay in the pinned output buffer. */
  void sequence() throws OrtException {
    session.run(seqInputs, seqOutputs).close();
  }

  /** Element {@code i} of the hidden state after step {@code t} of the last {@link #sequence}. */
  float sequenceOutput(int t, int i) {
    return seqY.get(t * hidden + i);
  }

  int length() {
    return length;
  }

  /** Returns to the zero state. */
  void reset() {
    for (int k = 0; k < 2; k++) {
      for (int i = 0; i < hidden; i++) {
        stepH[k].put(i, 0f);
        stepC[k].put(i, 0f);
      }
    }
    parity = 0;
  }

  @Override
  public void close() throws OrtException {
    for (OnnxTensor t : tensors) {
      t.close();
    }
    session.close();
  }
}
