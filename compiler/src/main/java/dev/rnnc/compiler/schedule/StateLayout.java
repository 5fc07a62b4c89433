package dev.rnnc.compiler.schedule;

import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.Node;
import dev.rnnc.runtime.ModelInfo.Precision;

/**
 * Where every value carried from one step to the next lives: the canonical state layout, shared by
 * the interpreter, generated code and {@code saveState}, so that a state saved by one loads into
 * the other.
 *
 * <p>A node's <em>history</em> is the longest delay with which it is read (0 if it is only read in
 * the same step); likewise an input's. The state holds first every node with history {@code h > 0},
 * in node index order, as {@code h} blocks {@code y(t-1), y(t-2), ..., y(t-h)} of {@code size}
 * values each; then every input with history {@code h > 0}, in input order, as {@code h} blocks
 * {@code x(t-1), ..., x(t-h)} of {@code featureCount} values each; then the cell state c(t-1) of
 * every LSTM cell, in node index order. Here {@code t} is the next step to be computed. A leaky
 * node and a cell read their own previous value, so their history is at least 1. Initially node
 * blocks hold the node's {@code initial} values (rounded to float in float precision), input blocks
 * and cell states hold 0.
 */
public final class StateLayout {

  private final Graph graph;
  private final int[] nodeHistory;
  private final int[] inputHistory;
  private final int[] nodeBase;
  private final int[] inputBase;
  private final int[] cellBase;

  /** Values per block: a node's size, an input's feature count (read on every delayed access). */
  private final int[] nodeWidth;

  private final int[] inputWidth;
  private final int size;

  StateLayout(Graph graph, int[] effectiveDelays) {
    this.graph = graph;
    nodeHistory = new int[graph.nodes().size()];
    inputHistory = new int[graph.inputs().size()];
    for (Edge e : graph.edges()) {
      int[] history = e.from().isNode() ? nodeHistory : inputHistory;
      int source = e.from().index();
      history[source] = Math.max(history[source], effectiveDelays[e.index()]);
    }
    for (Node n : graph.nodes()) {
      if (n.readsOwnPrevious()) {
        nodeHistory[n.index()] = Math.max(nodeHistory[n.index()], 1);
      }
    }
    nodeBase = new int[nodeHistory.length];
    inputBase = new int[inputHistory.length];
    nodeWidth = new int[nodeHistory.length];
    inputWidth = new int[inputHistory.length];
    long next = 0;
    for (int n = 0; n < nodeHistory.length; n++) {
      nodeWidth[n] = graph.nodes().get(n).size();
      nodeBase[n] = nodeHistory[n] > 0 ? Math.toIntExact(next) : -1;
      next += (long) nodeHistory[n] * nodeWidth[n];
    }
    for (int i = 0; i < inputHistory.length; i++) {
      inputWidth[i] = graph.inputs().get(i).featureCount();
      inputBase[i] = inputHistory[i] > 0 ? Math.toIntExact(next) : -1;
      next += (long) inputHistory[i] * inputWidth[i];
    }
    cellBase = new int[nodeHistory.length];
    for (Node n : graph.nodes()) {
      cellBase[n.index()] = n.cell().hasCellState() ? Math.toIntExact(next) : -1;
      next += n.cell().hasCellState() ? n.size() : 0;
    }
    size = Math.toIntExact(next);
  }

  /**
   * Number of doubles carried from one step to the next: {@code ModelInfo.stateSize()} and the
   * length of {@code saveState()}.
   */
  public int size() {
    return size;
  }

  /** The longest delay with which node {@code node} is read (0: only in the same step). */
  public int nodeHistory(int node) {
    return nodeHistory[node];
  }

  /** The longest delay with which input {@code input}'s features are read. */
  public int inputHistory(int input) {
    return inputHistory[input];
  }

  /** Index of node {@code node}'s block y(t-1), or -1 if it has no history. */
  public int nodeBase(int node) {
    return nodeBase[node];
  }

  /** Index of input {@code input}'s block x(t-1), or -1 if it has no history. */
  public int inputBase(int input) {
    return inputBase[input];
  }

  /** Index of element {@code element} of LSTM cell {@code node}'s cell state c(t-1). */
  public int cellIndex(int node, int element) {
    if (cellBase[node] < 0) {
      throw new IllegalArgumentException("node " + node + " has no cell state");
    }
    return cellBase[node] + element;
  }

  /** Index of element {@code element} of node {@code node}, {@code delay >= 1} steps back. */
  public int nodeIndex(int node, int delay, int element) {
    return nodeBase[node] + (delay - 1) * nodeWidth[node] + element;
  }

  /** Index of feature {@code element} of input {@code input}, {@code delay >= 1} steps back. */
  public int inputIndex(int input, int delay, int element) {
    return inputBase[input] + (delay - 1) * inputWidth[input] + element;
  }

  /** The state of a new evaluator: node blocks hold {@code initial}, input blocks 0. */
  public double[] initialState() {
    boolean isFloat = graph.precision() == Precision.FLOAT;
    double[] s = new double[size];
    for (Node node : graph.nodes()) {
      int n = node.index();
      for (int d = 1; d <= nodeHistory[n]; d++) {
        for (int i = 0; i < node.size(); i++) {
          double v = node.initial().get(i);
          s[nodeIndex(n, d, i)] = isFloat ? (float) v : v;
        }
      }
    }
    return s;
  }
}
