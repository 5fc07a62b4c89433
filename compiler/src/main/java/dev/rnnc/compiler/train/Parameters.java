package dev.rnnc.compiler.train;

import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.Node;

/**
 * A model's weights and biases as mutable arrays, and which entries training may change.
 *
 * <p>{@code weights[e]} holds edge e's matrix row-major ({@code [row * cols + j]}), {@code bias[v]}
 * node v's bias. An entry is trainable when its edge or node is trainable and, for an edge whose
 * zeros a sparse {@code init} made, when it is not one of those zeros (DESIGN §7). The same shape
 * holds gradients ({@link #zeros()}) and optimizer state.
 */
public final class Parameters {

  final double[][] weights;
  final double[][] bias;

  /** {@code frozen*[x] == null}: every entry of x is trainable; else true marks a frozen entry. */
  private final boolean[][] frozenWeights;

  private final boolean[][] frozenBias;

  private Parameters(
      double[][] weights, double[][] bias, boolean[][] frozenWeights, boolean[][] frozenBias) {
    this.weights = weights;
    this.bias = bias;
    this.frozenWeights = frozenWeights;
    this.frozenBias = frozenBias;
  }

  /** The values of {@code graph}, with its trainable flags and sparse masks. */
  public static Parameters of(Graph graph) {
    int edges = graph.edges().size();
    int nodes = graph.nodes().size();
    double[][] w = new double[edges][];
    double[][] b = new double[nodes][];
    boolean[][] fw = new boolean[edges][];
    boolean[][] fb = new boolean[nodes][];
    for (Edge e : graph.edges()) {
      w[e.index()] = e.weights().toArray();
      if (!e.trainable()) {
        fw[e.index()] = all(w[e.index()].length);
      } else if (e.keepZeros() || e.weights().isSparse()) {
        // Zeros a sparse init drew, and a sparse matrix's structural zeros, stay zero.
        boolean[] mask = new boolean[w[e.index()].length];
        for (int i = 0; i < mask.length; i++) {
          mask[i] = (e.keepZeros() && w[e.index()][i] == 0.0) || !e.weights().isStored(i);
        }
        fw[e.index()] = mask;
      }
    }
    for (Node n : graph.nodes()) {
      // A cell's bias_ih then its bias_hh, one array (see biasOf).
      b[n.index()] = biasOf(n);
      if (!n.trainable()) {
        fb[n.index()] = all(b[n.index()].length);
      }
    }
    return new Parameters(w, b, fw, fb);
  }

  /**
   * The trained bias values of node {@code n}: its bias, and for an LSTM or GRU cell its bias
   * followed by its recurrent bias ({@code gates * size} each).
   */
  static double[] biasOf(Node n) {
    double[] b = n.bias().toArray();
    if (!n.isCell()) {
      return b;
    }
    double[] all = java.util.Arrays.copyOf(b, 2 * b.length);
    System.arraycopy(n.recurrentBias().toArray(), 0, all, b.length, b.length);
    return all;
  }

  private static boolean[] all(int n) {
    boolean[] f = new boolean[n];
    java.util.Arrays.fill(f, true);
    return f;
  }

  /** Arrays of this shape, all zero, sharing the trainable entries (for gradients and moments). */
  public Parameters zeros() {
    double[][] w = new double[weights.length][];
    for (int e = 0; e < w.length; e++) {
      w[e] = new double[weights[e].length];
    }
    double[][] b = new double[bias.length][];
    for (int v = 0; v < b.length; v++) {
      b[v] = new double[bias[v].length];
    }
    return new Parameters(w, b, frozenWeights, frozenBias);
  }

  /** Sets every entry to 0. */
  public void clear() {
    for (double[] w : weights) {
      java.util.Arrays.fill(w, 0.0);
    }
    for (double[] b : bias) {
      java.util.Arrays.fill(b, 0.0);
    }
  }

  /** Edge e's values, row-major. Mutable: it is the parameter itself. */
  public double[] weights(int edge) {
    return weights[edge];
  }

  /** Node v's bias. Mutable: it is the parameter itself. */
  public double[] bias(int node) {
    return bias[node];
  }

  /** Whether entry i of edge e's weights is trained. */
  public boolean trainsWeight(int edge, int i) {
    return frozenWeights[edge] == null || !frozenWeights[edge][i];
  }

  /** Whether element k of node v's bias is trained. */
  public boolean trainsBias(int node, int k) {
    return frozenBias[node] == null || !frozenBias[node][k];
  }

  /** Whether any entry of edge e is trained. */
  public boolean trainsEdge(int edge) {
    if (frozenWeights[edge] == null) {
      return true;
    }
    for (boolean f : frozenWeights[edge]) {
      if (!f) {
        return true;
      }
    }
    return false;
  }

  /** The number of arrays: every edge's weights, then every node's bias. */
  int arrays() {
    return weights.length + bias.length;
  }

  /** Array k, in {@link #arrays()} order. */
  double[] array(int k) {
    return k < weights.length ? weights[k] : bias[k - weights.length];
  }

  /** Which entries of array k are frozen, or null when none is. */
  boolean[] frozen(int k) {
    return k < weights.length ? frozenWeights[k] : frozenBias[k - weights.length];
  }
}
