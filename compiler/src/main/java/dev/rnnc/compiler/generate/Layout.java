package dev.rnnc.compiler.generate;

import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.Node;
import dev.rnnc.compiler.ir.Port;
import dev.rnnc.compiler.ir.Precision;
import dev.rnnc.compiler.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;

/**
 * What the generator derives from a schedule before writing code: incoming edges per node, and
 * where each node's and input's history lives in the canonical state layout (see {@link
 * Schedule#stateSize()}).
 */
final class Layout {

  final Schedule schedule;
  final Graph graph;
  final boolean isFloat;
  final int[] nodeHistory;
  final int[] inputHistory;
  /** Index in the state array of a node's block y(t-1), or -1 if the node has no history. */
  final int[] nodeStateBase;
  /** Index in the state array of an input's block x(t-1), or -1 if it has no history. */
  final int[] inputStateBase;
  final int[] featureOffset;
  final int stateSize;
  private final List<List<Edge>> incoming;

  Layout(Schedule schedule) {
    this.schedule = schedule;
    this.graph = schedule.graph();
    this.isFloat = graph.precision() == Precision.FLOAT;
    validate(schedule);
    nodeHistory = schedule.nodeHistory();
    inputHistory = schedule.inputHistory();
    nodeStateBase = new int[nodeHistory.length];
    inputStateBase = new int[inputHistory.length];
    int next = 0;
    for (int n = 0; n < nodeHistory.length; n++) {
      nodeStateBase[n] = nodeHistory[n] > 0 ? next : -1;
      next = Math.addExact(next, Math.multiplyExact(nodeHistory[n], graph.nodes().get(n).size()));
    }
    featureOffset = new int[graph.inputs().size()];
    for (int i = 0; i < inputHistory.length; i++) {
      featureOffset[i] = graph.featureOffset(i);
      inputStateBase[i] = inputHistory[i] > 0 ? next : -1;
      next = Math.addExact(next, Math.multiplyExact(inputHistory[i], graph.inputs().get(i).featureCount()));
    }
    stateSize = next;
    if (stateSize != schedule.stateSize()) {
      throw new IllegalStateException("state layout disagrees with the schedule");
    }
    incoming = new ArrayList<>();
    for (int n = 0; n < graph.nodes().size(); n++) {
      incoming.add(new ArrayList<>());
    }
    for (Edge e : graph.edges()) {
      incoming.get(e.to().index()).add(e);
    }
  }

  /** Edges ending at {@code node}, in declaration order (the aggregation order). */
  List<Edge> incoming(int node) {
    return incoming.get(node);
  }

  /** The state as a new evaluator has it: node blocks hold {@code initial}, input blocks 0. */
  double[] initialState() {
    double[] s = new double[stateSize];
    for (int n = 0; n < nodeHistory.length; n++) {
      Node node = graph.nodes().get(n);
      for (int k = 0; k < nodeHistory[n]; k++) {
        for (int i = 0; i < node.size(); i++) {
          double v = node.initial()[i];
          s[nodeStateBase[n] + k * node.size() + i] = isFloat ? (float) v : v;
        }
      }
    }
    return s;
  }

  /** Rejects schedules that are not consistent with their graph (a bug in an earlier phase). */
  private static void validate(Schedule schedule) {
    Graph graph = schedule.graph();
    int n = graph.nodes().size();
    boolean[] seen = new boolean[n];
    for (int node : schedule.order()) {
      if (node < 0 || node >= n || seen[node]) {
        throw new IllegalArgumentException("order is not a permutation of the nodes");
      }
      seen[node] = true;
    }
    int[] position = schedule.positions();
    for (Edge e : graph.edges()) {
      checkPort(graph, e.from(), e);
      checkPort(graph, e.to(), e);
      int d = schedule.effectiveDelay(e.index());
      int expected;
      if (e.delay().auto()) {
        expected = position[e.from().index()] < position[e.to().index()] ? 0 : 1;
      } else {
        expected = e.delay().steps();
      }
      if (d != expected) {
        throw new IllegalArgumentException(
            "edge " + e.index() + " has effective delay " + d + ", expected " + expected);
      }
      if (d == 0 && e.from().isNode() && position[e.from().index()] >= position[e.to().index()]) {
        throw new IllegalArgumentException(
            "edge " + e.index() + " has delay 0 but does not point forward in the order");
      }
    }
    for (Port p : graph.outputs()) {
      if (!p.isNode()) {
        throw new IllegalArgumentException("outputs must be nodes");
      }
      checkPort(graph, p, null);
    }
  }

  private static void checkPort(Graph graph, Port p, Edge e) {
    int size = p.isNode()
        ? (p.index() < graph.nodes().size() ? graph.nodes().get(p.index()).size() : -1)
        : (p.index() < graph.inputs().size() ? graph.inputs().get(p.index()).featureCount() : -1);
    if (size < 0 || p.offset() + (long) p.size() > size) {
      throw new IllegalArgumentException(
          "port " + p + (e == null ? "" : " of edge " + e.index()) + " is out of range");
    }
  }
}
