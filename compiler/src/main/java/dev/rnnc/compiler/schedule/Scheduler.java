package dev.rnnc.compiler.schedule;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SpecException;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the evaluation order and derives every edge's effective delay.
 *
 * <p>Only edges between nodes matter for the order. {@code delay: k} edges with {@code k >= 1}
 * impose nothing; {@code delay: 0} edges must point forward; each {@code auto} edge that points
 * backward (self-loops always do; parallel edges count one each) costs one. Without an explicit
 * {@code order:}, the graph of {@code auto} and {@code delay: 0} edges is split into strongly
 * connected components. A component of at most 20 nodes gets, among its orders with the fewest
 * backward {@code auto} edges, the lexicographically smallest by node index (dynamic programming
 * over subsets); a larger one gets a deterministic heuristic order. The whole order is then the
 * lexicographically smallest (by node index) order that keeps every edge between components forward
 * and every component's nodes in the order chosen for it.
 *
 * <p>The method reported is {@code acyclic} when every edge points forward (no component of two or
 * more nodes, no {@code auto} self-loop), {@code exact} when every component was solved exactly,
 * else {@code heuristic}; only {@code heuristic} and {@code explicit} orders are not proven
 * optimal.
 */
public final class Scheduler {

  private Scheduler() {}

  /**
   * Schedules {@code graph}: uses its explicit order if it has one, else the order that keeps
   * {@code delay: 0} edges forward and minimizes backward {@code auto} edges.
   *
   * @throws SpecException for algebraic loops and explicit orders that contradict {@code delay: 0}
   */
  public static Schedule schedule(Graph graph) throws SpecException {
    List<Edge> autoEdges = new ArrayList<>();
    List<Edge> zeroEdges = new ArrayList<>();
    for (Edge e : graph.edges()) {
      if (!e.isNodeEdge()) {
        continue;
      }
      if (e.delay().auto()) {
        autoEdges.add(e);
      } else if (e.delay().steps() == 0) {
        zeroEdges.add(e);
      }
    }
    Diagnostics diagnostics = new Diagnostics();
    int[] loopComponent = AlgebraicLoops.check(graph, zeroEdges, diagnostics);
    if (graph.explicitOrder().isPresent()) {
      List<Integer> order = graph.explicitOrder().get();
      checkExplicitOrder(graph, order, zeroEdges, loopComponent, diagnostics);
      diagnostics.throwIfErrors();
      return new Schedule(graph, order, false, Schedule.Method.EXPLICIT);
    }
    diagnostics.throwIfErrors();
    return new AutomaticOrder(graph, autoEdges, zeroEdges).schedule();
  }

  private static void checkExplicitOrder(
      Graph graph,
      List<Integer> order,
      List<Edge> zeroEdges,
      int[] loopComponent,
      Diagnostics diagnostics) {
    int[] pos = new int[graph.nodes().size()];
    for (int i = 0; i < order.size(); i++) {
      pos[order.get(i)] = i;
    }
    for (Edge e : zeroEdges) {
      int u = e.from().index();
      int v = e.to().index();
      // Edges on an algebraic loop are reported as the loop.
      if (loopComponent[u] != loopComponent[v] && pos[u] > pos[v]) {
        String source = graph.nodes().get(u).name();
        String target = graph.nodes().get(v).name();
        diagnostics.error(
            Code.ORDER_CONTRADICTS_DELAY,
            e.position(),
            "order: puts '"
                + target
                + "' before '"
                + source
                + "', but edge "
                + graph.portName(e.from())
                + " -> "
                + graph.portName(e.to())
                + " has delay: 0",
            "list '"
                + source
                + "' before '"
                + target
                + "' in order:, or give the edge delay: 1 or delay: auto");
      }
    }
  }
}
