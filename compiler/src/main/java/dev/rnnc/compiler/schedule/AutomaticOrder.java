package dev.rnnc.compiler.schedule;

import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.Node;
import dev.rnnc.compiler.ir.Port;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The order chosen for a graph without {@code order:}, whose {@code delay: 0} edges are known to be
 * free of cycles. See {@link Scheduler} for the rule.
 */
final class AutomaticOrder {

  private final Graph graph;
  private final int nodeCount;
  private final int autoCount;
  private final int[] from;
  private final int[] to;

  /** Whether some {@code auto} edge is a self-loop, which points backward in every order. */
  private final boolean selfLoops;

  /**
   * The nodes in file order: {@code byFile[r]} is the node whose name comes r-th in the spec. The
   * search works on these ranks, so that every tie ("the smallest node first") goes to the node
   * written first, whether it is a neuron or a group.
   */
  private final int[] byFile;

  private final List<Edge> autos;

  /** Whether each rank is an output node. */
  private final boolean[] output;

  /**
   * @param autoEdges node-to-node {@code auto} edges in declaration order
   * @param zeroEdges node-to-node {@code delay: 0} edges in declaration order, acyclic
   */
  AutomaticOrder(Graph graph, List<Edge> autoEdges, List<Edge> zeroEdges) {
    this.graph = graph;
    this.nodeCount = graph.nodes().size();
    this.autos = withoutSelfLoops(autoEdges);
    this.selfLoops = autos.size() < autoEdges.size();
    List<Edge> zeros = withoutSelfLoops(zeroEdges);
    this.autoCount = autos.size();
    this.from = new int[autos.size() + zeros.size()];
    this.to = new int[from.length];
    this.byFile = fileOrder(graph);
    int[] rank = new int[nodeCount];
    for (int r = 0; r < nodeCount; r++) {
      rank[byFile[r]] = r;
    }
    for (int i = 0; i < from.length; i++) {
      Edge e = i < autoCount ? autos.get(i) : zeros.get(i - autoCount);
      from[i] = rank[e.from().index()];
      to[i] = rank[e.to().index()];
    }
    this.output = new boolean[nodeCount];
    for (Port p : graph.outputs()) {
      output[rank[p.index()]] = true;
    }
  }

  /** Node indices sorted by where their names stand in the spec (line, then column). */
  private static int[] fileOrder(Graph graph) {
    return graph.nodes().stream()
        .sorted(
            Comparator.comparingInt((Node n) -> n.position().line())
                .thenComparingInt(n -> n.position().column())
                .thenComparingInt(Node::index))
        .mapToInt(Node::index)
        .toArray();
  }

  private static List<Edge> withoutSelfLoops(List<Edge> edges) {
    List<Edge> result = new ArrayList<>();
    for (Edge e : edges) {
      if (e.from().index() != e.to().index()) {
        result.add(e);
      }
    }
    return result;
  }

  Schedule schedule() {
    Adjacency arcs = Adjacency.of(nodeCount, from, to);
    int[] component = StronglyConnected.components(arcs);
    int componentCount = 0;
    for (int c : component) {
      componentCount = Math.max(componentCount, c + 1);
    }
    int[][] members = members(component, componentCount);
    int[][] internalArcs = internalArcs(component, componentCount);
    int[] local = new int[nodeCount];
    for (int[] m : members) {
      for (int i = 0; i < m.length; i++) {
        local[m[i]] = i;
      }
    }
    // next[v]: the node after v in its component's order, or -1.
    int[] next = new int[nodeCount];
    Arrays.fill(next, -1);
    boolean cyclic = selfLoops;
    boolean heuristic = false;
    List<Edge> ties = new ArrayList<>();
    for (int c = 0; c < componentCount; c++) {
      if (members[c].length < 2) {
        continue;
      }
      cyclic = true;
      Component problem = problem(members[c].length, internalArcs[c], local);
      int[] order;
      if (problem.size() <= ExactOrdering.MAX_SIZE) {
        order = ExactOrdering.solve(problem);
        ties.addAll(ties(problem, order, internalArcs[c], local));
      } else {
        order = HeuristicOrdering.solve(problem);
        heuristic = true;
      }
      for (int i = 0; i + 1 < order.length; i++) {
        next[members[c][order[i]]] = members[c][order[i + 1]];
      }
    }
    List<Integer> order = new ArrayList<>(nodeCount);
    for (int r : mergeComponents(arcs, component, next)) {
      order.add(byFile[r]);
    }
    if (!cyclic) {
      // Every edge points forward.
      return new Schedule(graph, order, true, Schedule.Method.ACYCLIC);
    }
    ties.sort(java.util.Comparator.comparingInt(Edge::index));
    return heuristic
        ? new Schedule(graph, order, false, Schedule.Method.HEURISTIC, ties)
        : new Schedule(graph, order, true, Schedule.Method.EXACT, ties);
  }

  /**
   * The {@code auto} edges into an output node that another order, with as few backward edges as
   * {@code order}, would turn around: there the output would read the other step of its source.
   * Each is found by solving the component again with the edge forced the other way.
   */
  private List<Edge> ties(Component problem, int[] order, int[] arcs, int[] local) {
    List<Edge> result = new ArrayList<>();
    int cost = problem.cost(order);
    int[] pos = Component.positions(order);
    for (int arc : arcs) {
      if (arc >= autoCount || !output[to[arc]]) {
        continue;
      }
      int u = local[from[arc]];
      int v = local[to[arc]];
      // Forward now: force v before u; backward now: force u before v.
      Component forced = pos[u] < pos[v] ? problem.withZeroArc(v, u) : problem.withZeroArc(u, v);
      if (forced.zeroArcsAcyclic() && problem.cost(ExactOrdering.solve(forced)) == cost) {
        result.add(autos.get(arc));
      }
    }
    return result;
  }

  /** Each component's nodes in increasing rank. */
  private int[][] members(int[] component, int componentCount) {
    int[] size = new int[componentCount];
    for (int c : component) {
      size[c]++;
    }
    int[][] members = new int[componentCount][];
    for (int c = 0; c < componentCount; c++) {
      members[c] = new int[size[c]];
    }
    int[] filled = new int[componentCount];
    for (int v = 0; v < nodeCount; v++) {
      members[component[v]][filled[component[v]]++] = v;
    }
    return members;
  }

  /** Each component's arcs with both ends inside it, in arc order. */
  private int[][] internalArcs(int[] component, int componentCount) {
    int[] count = new int[componentCount];
    for (int i = 0; i < from.length; i++) {
      if (component[from[i]] == component[to[i]]) {
        count[component[from[i]]]++;
      }
    }
    int[][] arcsOf = new int[componentCount][];
    for (int c = 0; c < componentCount; c++) {
      arcsOf[c] = new int[count[c]];
    }
    int[] filled = new int[componentCount];
    for (int i = 0; i < from.length; i++) {
      int c = component[from[i]];
      if (c == component[to[i]]) {
        arcsOf[c][filled[c]++] = i;
      }
    }
    return arcsOf;
  }

  private Component problem(int size, int[] arcs, int[] local) {
    int autos = 0;
    for (int arc : arcs) {
      if (arc < autoCount) {
        autos++;
      }
    }
    int[] autoFrom = new int[autos];
    int[] autoTo = new int[autos];
    int[] zeroFrom = new int[arcs.length - autos];
    int[] zeroTo = new int[arcs.length - autos];
    int a = 0;
    int z = 0;
    for (int arc : arcs) {
      if (arc < autoCount) {
        autoFrom[a] = local[from[arc]];
        autoTo[a++] = local[to[arc]];
      } else {
        zeroFrom[z] = local[from[arc]];
        zeroTo[z++] = local[to[arc]];
      }
    }
    return new Component(size, autoFrom, autoTo, zeroFrom, zeroTo);
  }

  /**
   * The lexicographically smallest order (of ranks) that keeps every arc between components forward
   * and follows each component's chain: Kahn's algorithm, always taking the smallest ready node.
   */
  private List<Integer> mergeComponents(Adjacency arcs, int[] component, int[] next) {
    int[] waiting = new int[nodeCount];
    for (int i = 0; i < from.length; i++) {
      if (component[from[i]] != component[to[i]]) {
        waiting[to[i]]++;
      }
    }
    for (int v = 0; v < nodeCount; v++) {
      if (next[v] >= 0) {
        waiting[next[v]]++;
      }
    }
    IndexedHeap ready = new IndexedHeap(nodeCount);
    for (int v = 0; v < nodeCount; v++) {
      if (waiting[v] == 0) {
        ready.put(v, 0);
      }
    }
    List<Integer> order = new ArrayList<>(nodeCount);
    while (!ready.isEmpty()) {
      int v = ready.poll();
      order.add(v);
      for (int s = arcs.begin(v); s < arcs.end(v); s++) {
        int w = arcs.target(s);
        if (component[w] != component[v] && --waiting[w] == 0) {
          ready.put(w, 0);
        }
      }
      if (next[v] >= 0 && --waiting[next[v]] == 0) {
        ready.put(next[v], 0);
      }
    }
    if (order.size() != nodeCount) {
      throw new IllegalStateException("component chains and arcs between components form a cycle");
    }
    return order;
  }
}
