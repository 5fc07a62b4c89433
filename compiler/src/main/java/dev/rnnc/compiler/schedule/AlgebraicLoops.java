package dev.rnnc.compiler.schedule;

import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
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
   * @return the component of every node in the graph of {@code delay: 0} edges; two ends of an
   *     edge share a component only if the edge lies on an algebraic loop
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
    for (int v = 0; v < n; v++) {
      int c = component[v];
      if (reported[c] || (members[c] < 2 && !selfLoop[c])) {
        continue;
      }
      reported[c] = true;
      report(graph, zeroEdges, shortestCycle(out, component, v), diagnostics);
    }
    return component;
  }

  /**
   * A shortest cycle through {@code start} inside its component, by breadth-first search that
   * follows edges in declaration order. Returns indices into the {@code delay: 0} edge list, in
   * cycle order, the first leaving {@code start}.
   */
  private static List<Integer> shortestCycle(Adjacency out, int[] component, int start) {
    int n = out.nodeCount();
    int[] parentArc = new int[n];
    Arrays.fill(parentArc, -1);
    int[] parentNode = new int[n];
    boolean[] seen = new boolean[n];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(start);
    seen[start] = true;
    while (!queue.isEmpty()) {
      int v = queue.poll();
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
        if (!seen[w] && component[w] == component[start]) {
          seen[w] = true;
          parentArc[w] = out.arc(s);
          parentNode[w] = v;
          queue.add(w);
        }
      }
    }
    throw new IllegalStateException("no cycle through node " + start);
  }

  private static void report(
      Graph graph, List<Edge> zeroEdges, List<Integer> cycle, Diagnostics diagnostics) {
    Edge first = zeroEdges.get(cycle.get(0));
    StringBuilder path = new StringBuilder(graph.nodes().get(first.from().index()).name());
    for (int arc : cycle) {
      path.append(" -> ").append(graph.nodes().get(zeroEdges.get(arc).to().index()).name());
    }
    diagnostics.error(
        "algebraic-loop",
        first.position(),
        "algebraic loop: " + path + " (every edge has delay: 0)",
        "give one of these edges delay: 1 or delay: auto");
  }
}
