package dev.rnnc.compiler.schedule;

import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.Port;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The evaluation order of a graph and everything it implies, computed once here and read by the
 * interpreter, the generator and the drawing: every edge's effective delay, which {@code auto}
 * edges point backward, the incoming edges of every node in declaration order, and the state
 * layout.
 *
 * <p>A schedule checks its own invariants when it is built: the order lists every node once, every
 * edge's ports lie inside their node or input, every {@code delay: 0} edge between nodes points
 * forward, and every output is a node element.
 */
public final class Schedule {

  /** How the order was found. */
  public enum Method {
    /** Given by the spec's {@code order:}; not proven optimal. */
    EXPLICIT,
    /** Every component solved exactly: the fewest backward edges, proven. */
    EXACT,
    /** Some component too large to solve exactly: few backward edges, not proven minimal. */
    HEURISTIC,
    /** No cycle: every edge points forward. */
    ACYCLIC;

    /** The name in reports and {@code check --json}: {@code explicit}, {@code exact}, ... */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
      return label();
    }
  }

  private final Graph graph;
  private final List<Integer> order;
  private final int[] positions;
  private final int[] effectiveDelays;
  private final boolean optimal;
  private final Method method;
  private final List<List<Edge>> incoming;
  private final StateLayout layout;
  private final List<Edge> ties;

  /**
   * The schedule of {@code graph} in {@code order}; effective delays follow from the positions: 0
   * for forward {@code auto} edges, 1 for backward ones, {@code k} for {@code delay: k} edges.
   *
   * @param optimal true when the number of backward {@code auto} edges is proven minimal
   * @throws IllegalArgumentException if the order or the graph breaks an invariant above (a bug in
   *     an earlier phase: the checker and scheduler rule these out for every spec)
   */
  public Schedule(Graph graph, List<Integer> order, boolean optimal, Method method) {
    this(graph, order, optimal, method, List.of());
  }

  /**
   * A schedule that knows which {@code auto} edges into outputs another equally good order would
   * turn around (see {@link #ties()}).
   */
  public Schedule(
      Graph graph, List<Integer> order, boolean optimal, Method method, List<Edge> ties) {
    this.ties = List.copyOf(ties);
    this.graph = Objects.requireNonNull(graph, "graph");
    this.order = List.copyOf(order);
    this.optimal = optimal;
    this.method = Objects.requireNonNull(method, "method");
    int n = graph.nodes().size();
    if (this.order.size() != n) {
      throw new IllegalArgumentException("order must list every node once");
    }
    positions = new int[n];
    boolean[] seen = new boolean[n];
    for (int i = 0; i < n; i++) {
      int node = this.order.get(i);
      if (node < 0 || node >= n || seen[node]) {
        throw new IllegalArgumentException("order is not a permutation of the nodes");
      }
      seen[node] = true;
      positions[node] = i;
    }
    effectiveDelays = new int[graph.edges().size()];
    List<List<Edge>> into = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      into.add(new ArrayList<>());
    }
    for (Edge e : graph.edges()) {
      checkPort(e.from(), e);
      checkPort(e.to(), e);
      boolean forward =
          e.from().isInput() || positions[e.from().index()] < positions[e.to().index()];
      if (e.delay().auto()) {
        effectiveDelays[e.index()] = forward ? 0 : 1;
      } else if (e.delay().steps() == 0 && !forward) {
        throw new IllegalArgumentException(
            "edge " + e.index() + " has delay 0 but does not point forward in the order");
      } else {
        effectiveDelays[e.index()] = e.delay().steps();
      }
      into.get(e.to().index()).add(e);
    }
    for (Port p : graph.outputs()) {
      if (!p.isNode()) {
        throw new IllegalArgumentException("outputs must be nodes");
      }
      checkPort(p, null);
    }
    List<List<Edge>> frozen = new ArrayList<>();
    for (List<Edge> edges : into) {
      frozen.add(List.copyOf(edges));
    }
    incoming = Collections.unmodifiableList(frozen);
    layout = new StateLayout(graph, effectiveDelays);
  }

  private void checkPort(Port p, Edge e) {
    int size =
        p.isNode()
            ? (p.index() < graph.nodes().size() ? graph.nodes().get(p.index()).size() : -1)
            : (p.index() < graph.inputs().size()
                ? graph.inputs().get(p.index()).featureCount()
                : -1);
    if (size < 0 || p.offset() + (long) p.size() > size) {
      throw new IllegalArgumentException(
          "port " + p + (e == null ? "" : " of edge " + e.index()) + " is out of range");
    }
  }

  public Graph graph() {
    return graph;
  }

  /** Node indices in evaluation order (every node exactly once). */
  public List<Integer> order() {
    return order;
  }

  /** True when the number of backward {@code auto} edges is proven minimal. */
  public boolean optimal() {
    return optimal;
  }

  public Method method() {
    return method;
  }

  /** Position of {@code node} in the order: {@code order().get(position(node)) == node}. */
  public int position(int node) {
    return positions[node];
  }

  /** The number of steps back edge {@code edgeIndex} reads its source. */
  public int effectiveDelay(int edgeIndex) {
    return effectiveDelays[edgeIndex];
  }

  /** Every edge's effective delay, by edge index. */
  public List<Integer> effectiveDelays() {
    List<Integer> delays = new ArrayList<>(effectiveDelays.length);
    for (int d : effectiveDelays) {
      delays.add(d);
    }
    return Collections.unmodifiableList(delays);
  }

  /** The edges ending at {@code node}, in declaration order (the aggregation order). */
  public List<Edge> incoming(int node) {
    return incoming.get(node);
  }

  /** Where the state carried between steps lives. */
  public StateLayout layout() {
    return layout;
  }

  /**
   * The {@code auto} edges into output nodes that point one way in this order and the other way in
   * another order with as few backward edges: the tie-break decided whether the output reads its
   * source's current or previous value. Known for components solved exactly; in declaration order.
   */
  public List<Edge> ties() {
    return ties;
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
   * The facts a runtime user sees: inputs, window, output names, order, backward edges, state size.
   */
  public dev.rnnc.runtime.ModelInfo modelInfo() {
    List<String> orderNames = new ArrayList<>();
    for (int node : order) {
      orderNames.add(graph.nodes().get(node).name());
    }
    List<dev.rnnc.runtime.ModelInfo.BackwardEdge> backward = new ArrayList<>();
    for (Edge e : backwardEdges()) {
      backward.add(
          new dev.rnnc.runtime.ModelInfo.BackwardEdge(
              graph.portName(e.from()), graph.portName(e.to())));
    }
    return new dev.rnnc.runtime.ModelInfo(
        graph.name(),
        graph.inputs(),
        graph.window(),
        graph.outputNames(),
        orderNames,
        backward,
        stateSize(),
        graph.precision());
  }

  /** Number of doubles carried from one step to the next (see {@link StateLayout}). */
  public int stateSize() {
    return layout.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Schedule s
        && s.graph.equals(graph)
        && s.order.equals(order)
        && s.optimal == optimal
        && s.method == method;
  }

  @Override
  public int hashCode() {
    return Objects.hash(order, optimal, method);
  }

  @Override
  public String toString() {
    return "Schedule[" + graph.name() + ", order=" + order + ", " + method + "]";
  }
}
