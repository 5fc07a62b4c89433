package dev.rnnc.compiler.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostic;
import dev.rnnc.compiler.diag.SourcePosition;
import dev.rnnc.compiler.diag.SpecException;
import dev.rnnc.compiler.ir.Delay;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerTest {

  @Test
  void acyclicGraphTakesTheSmallestReadyNodeFirst() throws SpecException {
    Graph g =
        GraphBuilder.neurons("a", "b", "c", "d")
            .auto("c", "a")
            .auto("d", "b")
            .zero("a", "b")
            .build();

    Schedule s = Scheduler.schedule(g);

    assertThat(names(s)).containsExactly("c", "a", "d", "b");
    assertThat(s.method()).isEqualTo(Schedule.Method.ACYCLIC);
    assertThat(s.optimal()).isTrue();
    assertThat(s.effectiveDelays()).containsExactly(0, 0, 0);
    assertThat(s.backwardEdges()).isEmpty();
  }

  @Test
  void emptyGraphHasEmptyOrder() throws SpecException {
    Schedule s = Scheduler.schedule(GraphBuilder.neurons().build());

    assertThat(s.order()).isEmpty();
    assertThat(s.method()).isEqualTo(Schedule.Method.ACYCLIC);
  }

  @Test
  void twoCycleKeepsTheFirstDeclaredNodeFirst() throws SpecException {
    Graph g = GraphBuilder.neurons("a", "b").auto("a", "b").auto("b", "a").build();

    Schedule s = Scheduler.schedule(g);

    assertThat(names(s)).containsExactly("a", "b");
    assertThat(backward(s)).containsExactly("b -> a");
    assertThat(s.effectiveDelays()).containsExactly(0, 1);
    assertThat(s.method()).isEqualTo(Schedule.Method.EXACT);
    assertThat(s.optimal()).isTrue();
  }

  @Test
  void delayZeroEdgeDecidesWhichAutoEdgeGoesBackward() throws SpecException {
    Graph g = GraphBuilder.neurons("a", "b").auto("a", "b").zero("b", "a").build();

    Schedule s = Scheduler.schedule(g);

    assertThat(names(s)).containsExactly("b", "a");
    assertThat(s.effectiveDelays()).containsExactly(1, 0);
  }

  @Test
  void minimizesBackwardEdgesBeforeLexicographicOrder() throws SpecException {
    // a, b, c turns two edges backward (c -> a, c -> b); only c, a, b gets away with one.
    Graph g =
        GraphBuilder.neurons("a", "b", "c")
            .auto("a", "b")
            .auto("b", "c")
            .auto("c", "a")
            .auto("c", "b")
            .build();

    Schedule s = Scheduler.schedule(g);

    assertThat(names(s)).containsExactly("c", "a", "b");
    assertThat(backward(s)).containsExactly("b -> c");
  }

  @Test
  void parallelEdgesCountOnceEach() throws SpecException {
    // Two edges b -> a and one a -> b: keeping b -> a forward costs one instead of two.
    Graph g = GraphBuilder.neurons("a", "b").auto("a", "b").auto("b", "a").auto("b", "a").build();

    Schedule s = Scheduler.schedule(g);

    assertThat(names(s)).containsExactly("b", "a");
    assertThat(backward(s)).containsExactly("a -> b");
  }

  @Test
  void selfLoopsAreBackwardAndFixedDelaysImposeNothing() throws SpecException {
    Graph g =
        GraphBuilder.neurons("a", "b")
            .auto("a", "a")
            .delayed("a", "b", 2)
            .auto("b", "a")
            .inputEdge(1, "a", 3)
            .inputEdge(0, "b", 0)
            .delayed("b", "b", 1)
            .build();

    Schedule s = Scheduler.schedule(g);

    assertThat(names(s)).containsExactly("b", "a");
    assertThat(s.effectiveDelays()).containsExactly(1, 2, 0, 3, 0, 1);
    assertThat(backward(s)).containsExactly("a -> a");
    assertThat(s.method()).isEqualTo(Schedule.Method.EXACT);
    assertThat(s.optimal()).isTrue();
  }

  @Test
  void componentsKeepTheirOwnOrderAndInterleaveBySmallestReadyNode() throws SpecException {
    // Components {b, d} (order b, d) and {c, e} (order e, c: e -> c has delay 0), node a between
    // them (d -> a -> e), node f alone.
    Graph g =
        GraphBuilder.neurons("a", "b", "c", "d", "e", "f")
            .auto("b", "d")
            .auto("d", "b")
            .zero("e", "c")
            .auto("c", "e")
            .auto("d", "a")
            .auto("a", "e")
            .build();

    Schedule s = Scheduler.schedule(g);

    assertThat(names(s)).containsExactly("b", "d", "a", "e", "c", "f");
    assertThat(backward(s)).containsExactly("d -> b", "c -> e");
    assertThat(s.method()).isEqualTo(Schedule.Method.EXACT);
  }

  @Test
  void algebraicLoopsAreReportedOncePerComponentNamingTheWholeCycle() {
    Graph g =
        GraphBuilder.neurons("a", "b", "c", "d")
            .zero("b", "c")
            .zero("c", "a")
            .zero("a", "b")
            .zero("d", "d")
            .auto("a", "d")
            .build();

    List<Diagnostic> ds = failures(g);

    assertThat(ds)
        .extracting(Diagnostic::toString)
        .containsExactly(
            "test.yaml:11:5: error: algebraic loop: a -> b -> c -> a (every edge has delay: 0)"
                + " (hint: give one of these edges delay: 1 or delay: auto)",
            "test.yaml:12:5: error: algebraic loop: d -> d (every edge has delay: 0)"
                + " (hint: give one of these edges delay: 1 or delay: auto)");
    assertThat(ds).extracting(Diagnostic::code).containsOnly(Code.ALGEBRAIC_LOOP);
    assertThat(ds.get(0).position()).isEqualTo(g.edges().get(2).position());
  }

  @Test
  void algebraicLoopNamesAShortestCycleThroughTheFirstDeclaredNode() {
    // One component {x, y, z}; the shortest cycle through x is x -> y -> x.
    Graph g =
        GraphBuilder.neurons("x", "y", "z")
            .zero("z", "x")
            .zero("y", "z")
            .zero("x", "y")
            .zero("y", "x")
            .build();

    List<Diagnostic> ds = failures(g);

    assertThat(ds)
        .extracting(Diagnostic::message)
        .containsExactly("algebraic loop: x -> y -> x (every edge has delay: 0)");
    assertThat(ds.get(0).position())
        .isEqualTo(new SourcePosition(GraphBuilder.FILE, GraphBuilder.edgeLine(3, 2), 5));
  }

  @Test
  void algebraicLoopExceptionMessageListsEveryHeadline() {
    Graph g = GraphBuilder.neurons("p", "q").zero("q", "p").zero("p", "q").build();

    assertThatThrownBy(() -> Scheduler.schedule(g))
        .isInstanceOf(SpecException.class)
        .hasMessage("test.yaml:8:5: error: algebraic loop: p -> q -> p (every edge has delay: 0)");
  }

  @Test
  void explicitOrderIsUsedAsGiven() throws SpecException {
    Graph g =
        GraphBuilder.neurons("a", "b", "c")
            .zero("a", "b")
            .auto("c", "a")
            .auto("b", "c")
            .order("c", "a", "b")
            .build();

    Schedule s = Scheduler.schedule(g);

    assertThat(names(s)).containsExactly("c", "a", "b");
    assertThat(s.effectiveDelays()).containsExactly(0, 0, 1);
    assertThat(s.method()).isEqualTo(Schedule.Method.EXPLICIT);
    assertThat(s.optimal()).isFalse();
  }

  @Test
  void explicitOrderContradictingDelayZeroReportsEveryEdge() {
    Graph g =
        GraphBuilder.neurons("a", "b", "c")
            .zero("a", "b")
            .zero("b", "c")
            .auto("c", "a")
            .order("c", "b", "a")
            .build();

    List<Diagnostic> ds = failures(g);

    assertThat(ds)
        .extracting(Diagnostic::toString)
        .containsExactly(
            "test.yaml:8:5: error: order: puts 'b' before 'a', but edge a -> b has delay: 0"
                + " (hint: list 'a' before 'b' in order:,"
                + " or give the edge delay: 1 or delay: auto)",
            "test.yaml:9:5: error: order: puts 'c' before 'b', but edge b -> c has delay: 0"
                + " (hint: list 'b' before 'c' in order:,"
                + " or give the edge delay: 1 or delay: auto)");
    assertThat(ds).extracting(Diagnostic::code).containsOnly(Code.ORDER_CONTRADICTS_DELAY);
  }

  @Test
  void explicitOrderContradictionNamesGroupElements() {
    Graph g =
        GraphBuilder.neurons("out")
            .group("h", 3)
            .elementEdge("h", 2, "out", Delay.ZERO)
            .order("out", "h")
            .build();

    assertThat(failures(g))
        .extracting(Diagnostic::message)
        .containsExactly("order: puts 'out' before 'h', but edge h[2] -> out has delay: 0");
  }

  @Test
  void explicitOrderWithAlgebraicLoopReportsTheLoopAndOtherContradictions() {
    Graph g =
        GraphBuilder.neurons("a", "b", "c")
            .zero("a", "b")
            .zero("b", "a")
            .zero("c", "a")
            .order("a", "b", "c")
            .build();

    assertThat(failures(g))
        .extracting(Diagnostic::message)
        .containsExactly(
            "algebraic loop: a -> b -> a (every edge has delay: 0)",
            "order: puts 'a' before 'c', but edge c -> a has delay: 0");
  }

  @Test
  void sameGraphAlwaysGetsTheSameSchedule() throws SpecException {
    Graph first = RandomGraphs.graph(300, 2_000, 0.2, 11L);
    Graph rebuilt = RandomGraphs.graph(300, 2_000, 0.2, 11L);

    Schedule a = Scheduler.schedule(first);
    Schedule b = Scheduler.schedule(first);
    Schedule c = Scheduler.schedule(rebuilt);

    assertThat(a.method()).isEqualTo(Schedule.Method.HEURISTIC);
    assertThat(b).isEqualTo(a);
    assertThat(c.order()).isEqualTo(a.order());
    assertThat(c.effectiveDelays()).isEqualTo(a.effectiveDelays());
    assertThat(c.method()).isEqualTo(a.method());
  }

  @Test
  void componentsUpToTheLimitAreSolvedExactly() throws SpecException {
    assertThat(Scheduler.schedule(ring(ExactOrdering.MAX_SIZE)).method())
        .isEqualTo(Schedule.Method.EXACT);
    assertThat(Scheduler.schedule(ring(ExactOrdering.MAX_SIZE + 1)).method())
        .isEqualTo(Schedule.Method.HEURISTIC);
  }

  @Test
  void longChainsDoNotOverflowTheStack() throws SpecException {
    int n = 10_000;
    GraphBuilder chain = GraphBuilder.neurons(n);
    for (int i = n - 1; i > 0; i--) {
      chain.edge(i - 1, i, i % 2 == 0 ? Delay.ZERO : Delay.AUTO);
    }
    Schedule s = Scheduler.schedule(chain.build());
    assertThat(s.order()).isSorted();
    assertThat(s.method()).isEqualTo(Schedule.Method.ACYCLIC);

    Schedule cycle = Scheduler.schedule(ring(n));
    assertThat(cycle.order()).isSorted();
    assertThat(cycle.backwardEdges()).hasSize(1);
    assertThat(cycle.method()).isEqualTo(Schedule.Method.HEURISTIC);
    assertThat(cycle.optimal()).isFalse();

    GraphBuilder loop = GraphBuilder.neurons(n);
    for (int i = 0; i < n; i++) {
      loop.edge(i, (i + 1) % n, Delay.ZERO);
    }
    List<Diagnostic> ds = failures(loop.build());
    assertThat(ds).hasSize(1);
    assertThat(ds.get(0).message())
        .startsWith("algebraic loop: n0 -> n1 -> n2 -> ")
        .endsWith(" -> n9999 -> n0 (every edge has delay: 0)");
  }

  @Test
  void largeRandomGraphCompletes() throws SpecException {
    Graph g = RandomGraphs.graph(10_000, 100_000, 0.1, 2024L);

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    Schedule s = Scheduler.schedule(g);
    long millis = (System.nanoTime() - start) / 1_000_000;
    long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;

    // Informative only: correctness never depends on timing.
    System.out.printf(
        "10000 nodes, 100000 edges: %d ms (%d ms CPU, cold), %d backward auto edges, method %s%n",
        millis, cpuMillis, s.backwardEdges().size(), s.method());
    assertThat(s.order()).hasSize(10_000).doesNotHaveDuplicates();
    int[] pos = new int[s.order().size()];
    for (int v = 0; v < pos.length; v++) {
      pos[v] = s.position(v);
    }
    for (Edge e : g.edges()) {
      if (!e.delay().auto() && e.delay().steps() == 0 && e.from().isNode()) {
        assertThat(pos[e.from().index()]).isLessThan(pos[e.to().index()]);
      }
    }
  }

  /** A cycle {@code n0 -> n1 -> ... -> n0} of {@code auto} edges. */
  private static Graph ring(int n) {
    GraphBuilder b = GraphBuilder.neurons(n);
    for (int i = 0; i < n; i++) {
      b.edge(i, (i + 1) % n, Delay.AUTO);
    }
    return b.build();
  }

  private static List<Diagnostic> failures(Graph g) {
    try {
      Scheduler.schedule(g);
    } catch (SpecException e) {
      return e.diagnostics();
    }
    throw new AssertionError("expected the graph to be rejected");
  }

  private static List<String> names(Schedule s) {
    List<String> names = new ArrayList<>();
    for (int node : s.order()) {
      names.add(s.graph().nodes().get(node).name());
    }
    return names;
  }

  private static List<String> backward(Schedule s) {
    List<String> result = new ArrayList<>();
    for (Edge e : s.backwardEdges()) {
      result.add(s.graph().portName(e.from()) + " -> " + s.graph().portName(e.to()));
    }
    return result;
  }
}
