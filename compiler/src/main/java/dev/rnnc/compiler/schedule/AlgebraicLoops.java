package dev.rnnc.compiler.schedule;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Finds algebraic loops: cycles made only of {@code delay: 0} edges, which no order can evaluate.
 * Each strongly connected component of the {@code delay: 0} edges that holds a cycle is reported
 * once, naming one of its shortest cycles through its lowest-numbered node.
 */
final class AlgebraicLoops {

  private AlgebraicLoops() {}

  /**
   * Reports every algebraic loop of {@code graph} into {@code diagnostics}.
   *
   * @param zeroEdges the node-to-node {@code delay: 0} edges, in declaration order
   * @return the component of every node in the graph of {@code delay: 0} edges; two ends of an edge
   *     share a component only if the edge lies on an algebraic loop
   */
  static int[] check(Graph graph, List<Edge> zeroEdges, Diagnostics diagnostics) {
    int n = graph.nodes().size();
    int[] from = new int[zeroEdges.size()];
    int[] to = new int[zeroEdges.size()];
    for (int i = 0; i < zeroEdges.size(); i++) {
      from[i] = zeroEdges.get(i).from().index();
      to[i] = zeroEdges.get(i).to().index();
    }
    Adjacency out = Adjacency.of(n, from, to);
    int[] component = StronglyConnected.components(out);
    int[] members = new int[n];
    boolean[] selfLoop = new boolean[n];
    for (int i = 0; i < from.length; i++) {
      if (from[i] == to[i]) {
        selfLoop[component[from[i]]] = true;
      }
    }
    for (int v = 0; v < n; v++) {
      members[component[v]]++;
    }
    boolean[] reported = new boolean[n];
    CycleSearch search = new CycleSearch(out, component);
    for (int v = 0; v < n; v++) {
      int c = component[v];
      if (reported[c] || (members[c] < 2 && !selfLoop[c])) {
        continue;
      }
      reported[c] = true;
      report(graph, zeroEdges, search.shortestCycle(v), diagnostics);
    }
    return component;
  }

  /** Breadth-first search for cycles, reusing its arrays across searches. */
  private static final class CycleSearch {

    private final Adjacency out;
    private final int[] component;
    private final int[] parentArc;
    private final int[] parentNode;

    /** The start node of the search that last reached each node, plus one; 0 if none did. */
    private final int[] seenFrom;

    private final int[] queue;

    CycleSearch(Adjacency out, int[] component) {
      this.out = out;
      this.component = component;
      int n = out.nodeCount();
      parentArc = new int[n];
      parentNode = new int[n];
      seenFrom = new int[n];
      queue = new int[n];
    }

    /**
     * A shortest cycle through {@code start} inside its component, following edges in declaration
     * order. Returns indices into the {@code delay: 0} edge list, in cycle order, the first leaving
     * {@code start}. Each search stays inside one component and each component is searched once, so
     * all searches together take linear time.
     */
    List<Integer> shortestCycle(int start) {
      int head = 0;
      int tail = 0;
      queue[tail++] = start;
      seenFrom[start] = start + 1;
      while (head < tail) {
        int v = queue[head++];
        for (int s = out.begin(v); s < out.end(v); s++) {
          int w = out.target(s);
          if (w == start) {
            List<Integer> cycle = new ArrayList<>();
            cycle.add(out.arc(s));
            for (int x = v; x != start; x = parentNode[x]) {
              cycle.add(parentArc[x]);
            }
            Collections.reverse(cycle);
            return cycle;
          }
          if (seenFrom[w] != start + 1 && component[w] == component[start]) {
            seenFrom[w] = start + 1;
            parentArc[w] = out.arc(s);
            parentNode[w] = v;
            queue[tail++] = w;
          }
        }
      }
      throw new IllegalStateException("no cycle through node " + start);
    }
  }

  private static void report(
      Graph graph, List<Edge> zeroEdges, List<Integer> cycle, Diagnostics diagnostics) {
    Edge first = zeroEdges.get(cycle.get(0));
    StringBuilder path = new StringBuilder(graph.nodes().get(first.from().index()).name());
    for (int arc : cycle) {
      path.append(" -> ").append(graph.nodes().get(zeroEdges.get(arc).to().index()).name());
    }
    diagnostics.error(
        Code.ALGEBRAIC_LOOP,
        first.position(),
        "algebraic loop: " + path + " (every edge has delay: 0)",
        "give one of these edges delay: 1 or delay: auto");
  }
}
