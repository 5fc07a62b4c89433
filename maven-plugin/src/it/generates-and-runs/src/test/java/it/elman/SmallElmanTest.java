package it.elman;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnc.runtime.Evaluator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmallElmanTest {

  // The same numbers as elman.yaml and w_ih.npy.
  static final double[][] W_IH = {{0.5, -0.3}, {0.8, 0.2}, {-0.6, 0.9}};
  static final double[][] W_HH = {{0.1, 0.4, -0.2}, {-0.3, 0.2, 0.5}, {0.6, -0.1, 0.3}};
  static final double[] BIAS = {0.1, -0.1, 0.0};
  static final double[] W_OUT = {1.0, -1.0, 0.5};

  static final double[][] INPUTS = {{1.0, 0.0}, {0.5, -0.5}, {-1.0, 2.0}, {0.0, 0.0}};

  /** h(t) = tanh(b + W_ih x(t) + W_hh h(t-1)); y(t) = W_out h(t). */
  static double[][] reference() {
    double[] h = new double[3];
    double[][] rows = new double[INPUTS.length][];
    for (int t = 0; t < INPUTS.length; t++) {
      double[] next = new double[3];
      for (int i = 0; i < 3; i++) {
        double acc = 0.0;
        for (int j = 0; j < 2; j++) {
          acc += W_IH[i][j] * INPUTS[t][j];
        }
        for (int k = 0; k < 3; k++) {
          acc += W_HH[i][k] * h[k];
        }
        next[i] = Math.tanh(BIAS[i] + acc);
      }
      h = next;
      double y = 0.0;
      for (int k = 0; k < 3; k++) {
        y += W_OUT[k] * h[k];
      }
      rows[t] = new double[] {y, h[0], h[1], h[2]};
    }
    return rows;
  }

  @Test
  void describesItself() {
    Evaluator model = new SmallElman();
    assertEquals("SmallElman", model.info().name());
    assertEquals(2, model.info().featureCount());
    assertEquals(List.of("y", "h[0]", "h[1]", "h[2]"), model.info().outputNames());
  }

  @Test
  void computesTheElmanRecurrenceAndResets() {
    Evaluator model = new SmallElman();
    double[][] expected = reference();
    double[] out = new double[4];
    for (int pass = 0; pass < 2; pass++) {
      for (int t = 0; t < INPUTS.length; t++) {
        model.step(INPUTS[t], out);
        assertArrayEquals(expected[t], out, 1e-12, "step " + t);
      }
      model.reset();
    }
  }
}
