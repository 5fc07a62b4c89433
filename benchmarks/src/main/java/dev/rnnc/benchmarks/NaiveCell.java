package dev.rnnc.benchmarks;

import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.ir.Cell;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Node;

/**
 * An LSTM or GRU step as a Java programmer would write it by hand from PyTorch's equations: per
 * gate row, a dot product over the input and one over h, then the gate formulas with {@code
 * Math.exp} and {@code Math.tanh}. Double precision.
 */
final class NaiveCell {

  private final Cell cell;
  private final int hidden;
  private final int input;
  private final double[][] wIh;
  private final double[][] wHh;
  private final double[] bIh;
  private final double[] bHh;
  private final double[] gi;
  private final double[] gh;
  private double[] h;
  private final double[] c;

  /** The cell of a spec loaded by {@link Workloads#cellSpec}. */
  NaiveCell(Model model) {
    Node group = model.graph().nodes().get(0);
    this.cell = group.cell();
    this.hidden = group.size();
    Edge ih = model.graph().edges().get(0);
    this.input = ih.from().size();
    this.wIh = rows(ih);
    this.wHh = rows(model.graph().edges().get(1));
    this.bIh = group.bias().toArray();
    this.bHh = group.recurrentBias().toArray();
    this.gi = new double[bIh.length];
    this.gh = new double[bIh.length];
    this.h = new double[hidden];
    this.c = new double[hidden];
  }

  private static double[][] rows(Edge e) {
    int rows = e.weights().rows();
    int cols = e.weights().cols();
    double[][] w = new double[rows][cols];
    double[] data = e.weights().toArray();
    for (int i = 0; i < rows; i++) {
      System.arraycopy(data, i * cols, w[i], 0, cols);
    }
    return w;
  }

  private static double sigmoid(double x) {
    return 1.0 / (1.0 + Math.exp(-x));
  }

  /** One step: reads {@code x}, writes the new h to {@code out}. */
  void step(double[] x, double[] out) {
    for (int r = 0; r < gi.length; r++) {
      double[] a = wIh[r];
      double s = 0.0;
      for (int j = 0; j < input; j++) {
        s += a[j] * x[j];
      }
      gi[r] = s + bIh[r];
      double[] b = wHh[r];
      double t = 0.0;
      for (int j = 0; j < hidden; j++) {
        t += b[j] * h[j];
      }
      gh[r] = t + bHh[r];
    }
    int n = hidden;
    for (int i = 0; i < n; i++) {
      if (cell == Cell.LSTM) {
        double in = sigmoid(gi[i] + gh[i]);
        double forget = sigmoid(gi[n + i] + gh[n + i]);
        double g = Math.tanh(gi[2 * n + i] + gh[2 * n + i]);
        double o = sigmoid(gi[3 * n + i] + gh[3 * n + i]);
        c[i] = forget * c[i] + in * g;
        out[i] = o * Math.tanh(c[i]);
      } else {
        double r = sigmoid(gi[i] + gh[i]);
        double z = sigmoid(gi[n + i] + gh[n + i]);
        double g = Math.tanh(gi[2 * n + i] + r * gh[2 * n + i]);
        out[i] = (1 - z) * g + z * h[i];
      }
    }
    System.arraycopy(out, 0, h, 0, n);
  }

  void reset() {
    java.util.Arrays.fill(h, 0.0);
    java.util.Arrays.fill(c, 0.0);
  }
}
