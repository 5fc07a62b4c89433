package dev.rnnc.compiler.schedule;

import static dev.rnnc.compiler.schedule.BruteForce.AUTO;
import static dev.rnnc.compiler.schedule.BruteForce.ZERO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostic;
import dev.rnnc.compiler.diag.SpecException;
import dev.rnnc.compiler.ir.Delay;
import dev.rnnc.compiler.ir.Graph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/** The scheduler against brute force over every permutation of small random graphs. */
class SchedulerPropertiesTest {

  @Property(seed = "20240601", tries = 3000)
  void smallGraphsGetAnOptimalOrderByTheDocumentedTieBreak(@ForAll("smallGraphs") BruteForce g) {
    check(g);
  }

  @Property(seed = "8675309", tries = 3000)
  void stronglyConnectedGraphsGetTheFirstOptimalPermutation(
      @ForAll("stronglyConnected") BruteForce g) {
    check(g);
  }

  @Property(seed = "424242", tries = 2000)
  void explicitOrdersAreCheckedEdgeByEdge(
      @ForAll("smallGraphs") BruteForce g, @ForAll("shuffles") List<Integer> shuffle) {
    int[] order = shuffle.stream().filter(v -> v < g.nodes()).mapToInt(Integer::intValue).toArray();
    GraphBuilder b = builder(g);
    String[] names = Arrays.stream(order).mapToObj(v -> "n" + v).toArray(String[]::new);
    Graph graph = b.order(names).build();
    boolean[][] zeroSame = g.strongly(k -> k == ZERO);
    int loops = loopComponents(g, zeroSame);
    int[] pos = Component.positions(order);
    int contradictions = 0;
    for (int i = 0; i < g.from().length; i++) {
      int u = g.from()[i];
      int v = g.to()[i];
      if (g.kinds()[i] == ZERO && !zeroSame[u][v] && pos[u] > pos[v]) {
        contradictions++;
      }
    }
    if (loops + contradictions > 0) {
      List<Diagnostic> ds = failures(graph);
      assertThat(ds.stream().filter(d -> d.code() == Code.ALGEBRAIC_LOOP)).hasSize(loops);
      assertThat(ds.stream().filter(d -> d.code() == Code.ORDER_CONTRADICTS_DELAY))
          .hasSize(contradictions);
      return;
    }
    Schedule s = schedule(graph);
    assertThat(s.order()).containsExactlyElementsOf(Arrays.stream(order).boxed().toList());
    assertThat(s.method()).isEqualTo(Schedule.Method.EXPLICIT);
    assertThat(s.optimal()).isFalse();
    checkDelays(g, s);
  }

  private static void check(BruteForce g) {
    Graph graph = builder(g).build();
    BruteForce.Optimum optimum = g.optimum();
    if (optimum == null) {
      Statistics.label("case").collect("algebraic loop");
      checkLoops(g, failures(graph));
      return;
    }
    Schedule s = schedule(graph);
    int[] order = s.order().stream().mapToInt(Integer::intValue).toArray();
    assertThat(g.feasible(order)).as("delay-0 edges forward").isTrue();
    assertThat(g.cost(order)).as("backward auto edges").isEqualTo(optimum.cost());
    assertThat(s.optimal()).isTrue();
    checkDelays(g, s);

    List<int[]> components = BruteForce.components(g.strongly(k -> k <= 0));
    boolean acyclic = components.stream().allMatch(c -> c.length == 1);
    Statistics.label("case")
        .collect(acyclic ? "acyclic" : components.size() == 1 ? "one component" : "components");
    boolean allForward =
        IntStream.range(0, g.from().length)
            .noneMatch(i -> g.kinds()[i] == AUTO && g.from()[i] == g.to()[i]);
    assertThat(s.method())
        .isEqualTo(acyclic && allForward ? Schedule.Method.ACYCLIC : Schedule.Method.EXACT);
    if (s.method() == Schedule.Method.ACYCLIC) {
      assertThat(s.backwardEdges()).isEmpty();
    }
    if (acyclic || components.size() == 1) {
      assertThat(order).as("first optimal permutation").containsExactly(optimum.firstOrder());
    }
    // The documented rule: each component's first optimal order on its own, then the first
    // permutation that keeps those and every edge between components forward.
    int[] componentOf = new int[g.nodes()];
    List<int[]> chains = new ArrayList<>();
    for (int c = 0; c < components.size(); c++) {
      int[] members = components.get(c);
      int[] local = g.restrictedTo(members).optimum().firstOrder();
      chains.add(Arrays.stream(local).map(i -> members[i]).toArray());
      for (int v : members) {
        componentOf[v] = c;
      }
    }
    int[] expected =
        g.first(
            p -> {
              int[] pos = Component.positions(p);
              for (int i = 0; i < g.from().length; i++) {
                int u = g.from()[i];
                int v = g.to()[i];
                if (g.kinds()[i] <= 0 && componentOf[u] != componentOf[v] && pos[u] > pos[v]) {
                  return false;
                }
              }
              for (int[] chain : chains) {
                for (int i = 0; i + 1 < chain.length; i++) {
                  if (pos[chain[i]] > pos[chain[i + 1]]) {
                    return false;
                  }
                }
              }
              return true;
            });
    assertThat(order).as("documented tie-break").containsExactly(expected);
  }

  /** Every diagnostic names a real delay-0 cycle from the smallest node of its component. */
  private static void checkLoops(BruteForce g, List<Diagnostic> diagnostics) {
    boolean[][] zeroSame = g.strongly(k -> k == ZERO);
    assertThat(diagnostics).hasSize(loopComponents(g, zeroSame));
    for (Diagnostic d : diagnostics) {
      assertThat(d.code()).isEqualTo(Code.ALGEBRAIC_LOOP);
      assertThat(d.hint()).isEqualTo("give one of these edges delay: 1 or delay: auto");
      assertThat(d.message()).startsWith("algebraic loop: ").endsWith(" (every edge has delay: 0)");
      String path =
          d.message().substring("algebraic loop: ".length(), d.message().indexOf(" (every"));
      int[] cycle =
          Arrays.stream(path.split(" -> "))
              .mapToInt(name -> Integer.parseInt(name.substring(1)))
              .toArray();
      assertThat(cycle[0]).isEqualTo(cycle[cycle.length - 1]);
      for (int v : cycle) {
        assertThat(zeroSame[cycle[0]][v]).isTrue();
        assertThat(v).isGreaterThanOrEqualTo(cycle[0]);
      }
      assertThat(IntStream.range(0, cycle.length - 1).map(i -> cycle[i]).distinct().count())
          .isEqualTo(cycle.length - 1);
      for (int i = 0; i + 1 < cycle.length; i++) {
        int u = cycle[i];
        int v = cycle[i + 1];
        assertThat(
                IntStream.range(0, g.from().length)
                    .anyMatch(e -> g.kinds()[e] == ZERO && g.from()[e] == u && g.to()[e] == v))
            .as("edge n%d -> n%d has delay 0", u, v)
            .isTrue();
      }
    }
  }

  private static int loopComponents(BruteForce g, boolean[][] zeroSame) {
    int loops = 0;
    for (int[] c : BruteForce.components(zeroSame)) {
      boolean selfLoop = false;
      for (int i = 0; i < g.from().length; i++) {
        if (g.kinds()[i] == ZERO && g.from()[i] == g.to()[i] && zeroSame[c[0]][g.from()[i]]) {
          selfLoop = true;
        }
      }
      if (c.length > 1 || selfLoop) {
        loops++;
      }
    }
    return loops;
  }

  private static void checkDelays(BruteForce g, Schedule s) {
    int[] pos = new int[s.order().size()];
    for (int v = 0; v < pos.length; v++) {
      pos[v] = s.position(v);
    }
    for (int i = 0; i < g.from().length; i++) {
      int expected =
          g.kinds()[i] == AUTO ? (pos[g.from()[i]] < pos[g.to()[i]] ? 0 : 1) : g.kinds()[i];
      assertThat(s.effectiveDelay(i)).as("delay of edge %d", i).isEqualTo(expected);
    }
  }

  @Provide
  Arbitrary<BruteForce> smallGraphs() {
    return Arbitraries.integers()
        .between(1, 7)
        .flatMap(n -> edges(n, true).list().ofMaxSize(14).map(edges -> graph(n, edges)));
  }

  /** A ring through all nodes in a random order plus random edges: usually strongly connected. */
  @Provide
  Arbitrary<BruteForce> stronglyConnected() {
    return Arbitraries.integers()
        .between(2, 7)
        .flatMap(
            n ->
                Combinators.combine(
                        Arbitraries.shuffle(IntStream.range(0, n).boxed().toList()),
                        Arbitraries.frequency(Tuple.of(6, AUTO), Tuple.of(1, ZERO))
                            .list()
                            .ofSize(n),
                        edges(n, false).list().ofMaxSize(12))
                    .as(
                        (ring, ringKinds, extra) -> {
                          List<int[]> edges = new ArrayList<>();
                          for (int i = 0; i < n; i++) {
                            edges.add(
                                new int[] {ring.get(i), ring.get((i + 1) % n), ringKinds.get(i)});
                          }
                          edges.addAll(extra);
                          return graph(n, edges);
                        }));
  }

  @Provide
  Arbitrary<List<Integer>> shuffles() {
    return Arbitraries.shuffle(IntStream.range(0, 7).boxed().toList());
  }

  private static Arbitrary<int[]> edges(int n, boolean zeroSelfLoops) {
    Arbitrary<Integer> node = Arbitraries.integers().between(0, n - 1);
    Arbitrary<Integer> kind =
        Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.just(AUTO)),
            Tuple.of(3, Arbitraries.just(ZERO)),
            Tuple.of(1, Arbitraries.integers().between(1, 2)));
    return Combinators.combine(node, node, kind)
        .as((f, t, k) -> new int[] {f, t, f.equals(t) && k == ZERO && !zeroSelfLoops ? AUTO : k});
  }

  private static BruteForce graph(int n, List<int[]> edges) {
    int[] from = edges.stream().mapToInt(e -> e[0]).toArray();
    int[] to = edges.stream().mapToInt(e -> e[1]).toArray();
    int[] kinds = edges.stream().mapToInt(e -> e[2]).toArray();
    return new BruteForce(n, from, to, kinds);
  }

  private static GraphBuilder builder(BruteForce g) {
    GraphBuilder b = GraphBuilder.neurons(g.nodes());
    for (int i = 0; i < g.from().length; i++) {
      Delay delay = g.kinds()[i] == AUTO ? Delay.AUTO : Delay.fixed(g.kinds()[i]);
      b.edge(g.from()[i], g.to()[i], delay);
    }
    return b;
  }

  private static Schedule schedule(Graph graph) {
    try {
      return Scheduler.schedule(graph);
    } catch (SpecException e) {
      throw new AssertionError("unexpected rejection: " + e.getMessage(), e);
    }
  }

  private static List<Diagnostic> failures(Graph graph) {
    try {
      Scheduler.schedule(graph);
    } catch (SpecException e) {
      return e.diagnostics();
    }
    throw new AssertionError("expected the graph to be rejected");
  }
}
