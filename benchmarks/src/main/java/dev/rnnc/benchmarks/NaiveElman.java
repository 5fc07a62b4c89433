package dev.rnnc.benchmarks;

import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Node;

/**
 * The Elman step as a Java programmer would write it by hand: for each output, one dot product over
 * the input row, then over the recurrent row, then {@code Math.tanh}. Double precision. Its
 * arithmetic is the same as the contract's (bias added last, products in column order), so its
 * results equal the generated code's, bit for bit.
 */
final class NaiveElman {

  private final int hidden;
  private final int input;
  private final double[][] wIh;
  private final double[][] wHh;
  private final double[] bias;
  private double[] h;
  private double[] next;

  /** The network of an Elman spec loaded by {@link Workloads#elmanSpec}. */
  NaiveElman(Model model) {
    Node group = model.graph().nodes().get(0);
    Edge ih = model.graph().edges().get(0);
    Edge hh = model.graph().edges().get(1);
    this.hidden = group.size();
    this.input = ih.from().size();
    this.wIh = rows(ih);
    this.wHh = rows(hh);
    this.bias = group.bias().toArray();
    this.h = new double[hidden];
    this.next = new double[hidden];
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

  /** One step: reads {@code x}, writes the new hidden state to {@code out}. */
  void step(double[] x, double[] out) {
    for (int i = 0; i < hidden; i++) {
      double[] a = wIh[i];
      double[] b = wHh[i];
      double s = 0.0;
      for (int j = 0; j < input; j++) {
        s += a[j] * x[j];
      }
      for (int j = 0; j < hidden; j++) {
        s += b[j] * h[j];
      }
      next[i] = Math.tanh(bias[i] + s);
    }
    double[] t = h;
    h = next;
    next = t;
    System.arraycopy(h, 0, out, 0, hidden);
  }

  void reset() {
    java.util.Arrays.fill(h, 0.0);
  }
}
