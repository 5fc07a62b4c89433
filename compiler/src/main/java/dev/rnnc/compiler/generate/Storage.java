package dev.rnnc.compiler.generate;

import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Node;

/**
 * Where the generated class keeps what does not depend on how {@code step} is cut into methods,
 * decided once before the body is built: matrices with several rows get one array per column (so
 * that a column loop vectorizes); single-row matrices too long to inline go into the packed weight
 * array {@code W}; groups whose elements have different biases get a bias array; neurons get a slot
 * in {@code values} (used when they do not fit in locals).
 */
final class Storage {

  /** The packed weight array's fixed part: the single-row matrices, at {@link #edgeOffset}. */
  private final double[] packed;

  private final int[] edgeOffset;
  private final String[] columns;
  private final String[] biases;
  private final int[] valueSlot;
  private final int neurons;

  private Storage(
      double[] packed,
      int[] edgeOffset,
      String[] columns,
      String[] biases,
      int[] valueSlot,
      int neurons) {
    this.packed = packed;
    this.edgeOffset = edgeOffset;
    this.columns = columns;
    this.biases = biases;
    this.valueSlot = valueSlot;
    this.neurons = neurons;
  }

  /** Decides the storage of {@code layout}'s graph; names come from {@code sym}. */
  static Storage plan(Layout layout, Symbols sym) {
    NumberList weights = new NumberList();
    int edges = layout.graph.edges().size();
    int[] edgeOffset = new int[edges];
    String[] columns = new String[edges];
    for (Edge e : layout.graph.edges()) {
      if (e.to().size() > 1) {
        edgeOffset[e.index()] = -1;
        columns[e.index()] = sym.newName("M" + e.index());
      } else {
        edgeOffset[e.index()] = StepBuilder.inlined(e) ? -1 : weights.addAll(e.weights().toArray());
      }
    }
    int nodes = layout.graph.nodes().size();
    String[] biases = new String[nodes];
    int[] valueSlot = new int[nodes];
    int neurons = 0;
    for (Node n : layout.graph.nodes()) {
      // Per-element biases: an array of their own, which the activation loop reads at [i].
      biases[n.index()] =
          n.group() && !StepBuilder.uniformBias(n, layout.isFloat)
              ? sym.newName("B" + n.index())
              : null;
      valueSlot[n.index()] = n.group() ? -1 : neurons++;
    }
    return new Storage(weights.toArray(), edgeOffset, columns, biases, valueSlot, neurons);
  }

  /** Length of the fixed part of {@code W}; constants a step plan adds come after it. */
  int packedSize() {
    return packed.length;
  }

  /** {@code W} for a step plan: the fixed part, then the plan's constants. */
  double[] packedWith(double[] constants) {
    double[] all = java.util.Arrays.copyOf(packed, packed.length + constants.length);
    System.arraycopy(constants, 0, all, packed.length, constants.length);
    return all;
  }

  /** Where edge {@code edge}'s weights start in {@code W}, or -1 if they are not there. */
  int edgeOffset(int edge) {
    return edgeOffset[edge];
  }

  /** The name of edge {@code edge}'s array of weight columns, or null for single-row edges. */
  String columns(int edge) {
    return columns[edge];
  }

  /** The name of node {@code node}'s bias array, or null if its bias is one constant. */
  String biases(int node) {
    return biases[node];
  }

  /** Neuron {@code node}'s index in {@code values}. */
  int valueSlot(int node) {
    return valueSlot[node];
  }

  /** Number of neurons (slots of {@code values}). */
  int neurons() {
    return neurons;
  }
}
