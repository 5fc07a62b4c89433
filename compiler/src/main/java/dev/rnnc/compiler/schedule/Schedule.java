package dev.rnnc.compiler.schedule;

import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.Port;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The evaluation order of a graph and what it implies: every edge's effective delay and which
 * {@code auto} edges point backward.
 *
 * @param order node indices in evaluation order (every node exactly once)
 * @param effectiveDelays per edge index: 0 for forward {@code auto} edges, 1 for backward ones,
 *     {@code k} for {@code delay: k} edges
 * @param optimal true when the number of backward {@code auto} edges is proven minimal; an
 *     explicit {@code order:} is reported as not proven
 * @param method how the order was found, for reports: {@code explicit}, {@code exact}, {@code
 *     heuristic}, or {@code acyclic}
 */
public record Schedule(
    Graph graph, List<Integer> order, int[] effectiveDelays, boolean optimal, String method) {

  public Schedule {
    Objects.requireNonNull(graph, "graph");
    order = List.copyOf(order);
    Objects.requireNonNull(method, "method");
    if (order.size() != graph.nodes().size()) {
      throw new IllegalArgumentException("order must list every node once");
    }
    if (effectiveDelays.length != graph.edges().size()) {
      throw new IllegalArgumentException("one effective delay per edge");
    }
    effectiveDelays = effectiveDelays.clone();
  }

  /** Position of every node in the order: {@code position()[node] == i} iff {@code order.get(i) == node}. */
  public int[] positions() {
    int[] pos = new int[order.size()];
    for (int i = 0; i < order.size(); i++) {
      pos[order.get(i)] = i;
    }
    return pos;
  }

  public int effectiveDelay(int edgeIndex) {
    return effectiveDelays[edgeIndex];
  }

  /** {@code auto} edges whose effective delay came out 1, in edge declaration order. */
  public List<Edge> backwardEdges() {
    List<Edge> result = new ArrayList<>();
    for (Edge e : graph.edges()) {
      if (e.delay().auto() && effectiveDelays[e.index()] == 1) {
        result.add(e);
      }
    }
    return List.copyOf(result);
  }

  /**
   * The longest delay with which each node's value is read (0 if only read in the same step).
   * Indexed by node.
   */
  public int[] nodeHistory() {
    int[] h = new int[graph.nodes().size()];
    for (Edge e : graph.edges()) {
      if (e.from().isNode()) {
        h[e.from().index()] = Math.max(h[e.from().index()], effectiveDelays[e.index()]);
      }
    }
    return h;
  }

  /** The longest delay with which each input's features are read. Indexed by input. */
  public int[] inputHistory() {
    int[] h = new int[graph.inputs().size()];
    for (Edge e : graph.edges()) {
      Port from = e.from();
      if (from.isInput()) {
        h[from.index()] = Math.max(h[from.index()], effectiveDelays[e.index()]);
      }
    }
    return h;
  }

  /**
   * The facts a runtime user sees: inputs, window, output names, order, backward edges, state size.
   */
  public dev.rnnc.runtime.ModelInfo modelInfo() {
    List<String> orderNames = new ArrayList<>();
    for (int node : order) {
      orderNames.add(graph.nodes().get(node).name());
    }
    List<List<String>> backward = new ArrayList<>();
    for (Edge e : backwardEdges()) {
      backward.add(List.of(graph.portName(e.from()), graph.portName(e.to())));
    }
    return new dev.rnnc.runtime.ModelInfo(
        graph.name(),
        graph.inputs(),
        graph.window(),
        graph.outputNames(),
        orderNames,
        backward,
        stateSize(),
        graph.precision().name().toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * Number of doubles carried from one step to the next: for every node, its size times the
   * longest delay it is read with; for every input, its feature count times the longest delay
   * its features are read with. This is {@code ModelInfo.stateSize()} and the length of {@code
   * saveState()}.
   *
   * <p>The canonical state layout, shared by the interpreter and generated code (so a state saved
   * by one loads into the other): first every node with history {@code h > 0}, in node index
   * order, as {@code h} blocks {@code y(t-1), y(t-2), ..., y(t-h)} of {@code size} values each;
   * then every input with history {@code h > 0}, in input order, as {@code h} blocks {@code
   * x(t-1), ..., x(t-h)} of {@code featureCount} values each. Here {@code t} is the next step to be
   * computed. Initially node blocks hold the node's {@code initial} values and input blocks hold 0.
   */
  public int stateSize() {
    long size = 0;
    int[] nh = nodeHistory();
    for (int i = 0; i < nh.length; i++) {
      size += (long) nh[i] * graph.nodes().get(i).size();
    }
    int[] ih = inputHistory();
    for (int i = 0; i < ih.length; i++) {
      size += (long) ih[i] * graph.inputs().get(i).featureCount();
    }
    return Math.toIntExact(size);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Schedule s
        && s.graph.equals(graph)
        && s.order.equals(order)
        && java.util.Arrays.equals(s.effectiveDelays, effectiveDelays)
        && s.optimal == optimal
        && s.method.equals(method);
  }

  @Override
  public int hashCode() {
    return Objects.hash(order, java.util.Arrays.hashCode(effectiveDelays), optimal, method);
  }
}
