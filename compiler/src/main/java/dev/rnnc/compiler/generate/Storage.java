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

  /** Sparse edges: names of the stored values, their columns and the row starts. */
  private final String[] sparseValues;

  private final String[] sparseColumns;
  private final String[] sparseRows;

  /** Cells: names of the recurrent bias and of the two gate-sum arrays (input, recurrent). */
  private final String[] recurrentBiases;

  private final String[] inputSums;
  private final String[] recurrentSums;

  private Storage(
      double[] packed,
      int[] edgeOffset,
      String[] columns,
      String[] biases,
      int[] valueSlot,
      int neurons,
      String[][] sparse,
      String[][] cells) {
    this.packed = packed;
    this.edgeOffset = edgeOffset;
    this.columns = columns;
    this.biases = biases;
    this.valueSlot = valueSlot;
    this.neurons = neurons;
    this.sparseValues = sparse[0];
    this.sparseColumns = sparse[1];
    this.sparseRows = sparse[2];
    this.recurrentBiases = cells[0];
    this.inputSums = cells[1];
    this.recurrentSums = cells[2];
  }

  /** Decides the storage of {@code layout}'s graph; names come from {@code sym}. */
  static Storage plan(Layout layout, Symbols sym) {
    NumberList weights = new NumberList();
    int edges = layout.graph.edges().size();
    int[] edgeOffset = new int[edges];
    String[] columns = new String[edges];
    String[][] sparse = new String[3][edges];
    for (Edge e : layout.graph.edges()) {
      if (e.weights().isSparse()) {
        edgeOffset[e.index()] = -1;
        sparse[0][e.index()] = sym.newName("V" + e.index());
        if (!e.weights().isDiagonal()) {
          sparse[1][e.index()] = sym.newName("C" + e.index());
          sparse[2][e.index()] = sym.newName("R" + e.index());
        }
      } else if (e.weights().rows() > 1) {
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
    String[][] cells = new String[3][nodes];
    for (Node n : layout.graph.nodes()) {
      // Per-element biases: an array of their own, which the activation loop reads at [i].
      biases[n.index()] =
          n.isCell() || (n.group() && !StepBuilder.uniformBias(n, layout.isFloat))
              ? sym.newName("B" + n.index())
              : null;
      valueSlot[n.index()] = n.group() ? -1 : neurons++;
      if (n.isCell()) {
        cells[0][n.index()] = sym.newName("BH" + n.index());
        cells[1][n.index()] = sym.newName(sym.nodeNames.get(n.index()) + "Input");
        cells[2][n.index()] = sym.newName(sym.nodeNames.get(n.index()) + "Hidden");
      }
    }
    return new Storage(
        weights.toArray(), edgeOffset, columns, biases, valueSlot, neurons, sparse, cells);
  }

  /** The name of sparse edge {@code edge}'s stored values, or null for dense edges. */
  String sparseValues(int edge) {
    return sparseValues[edge];
  }

  /** The name of the columns of sparse edge {@code edge}'s values; null for diagonal edges. */
  String sparseColumns(int edge) {
    return sparseColumns[edge];
  }

  /** The name of the row starts of sparse edge {@code edge}; null for diagonal edges. */
  String sparseRows(int edge) {
    return sparseRows[edge];
  }

  /** The name of cell {@code node}'s recurrent bias (bias_hh), or null if it is not a cell. */
  String recurrentBiases(int node) {
    return recurrentBiases[node];
  }

  /** The name of cell {@code node}'s gate sums from its non-recurrent edges. */
  String inputSums(int node) {
    return inputSums[node];
  }

  /** The name of cell {@code node}'s gate sums from its recurrent edge. */
  String recurrentSums(int node) {
    return recurrentSums[node];
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
