package dev.rnnc.compiler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.diag.SpecException;
import dev.rnnc.compiler.ir.Delay;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class HeuristicOrderingTest {

  @Property(seed = "31337", tries = 300)
  void neverWorseThanEadesLinSmythAndKeepsDelayZeroForward(
      @ForAll @IntRange(min = 21, max = 60) int size,
      @ForAll @IntRange(min = 0, max = 300) int extraArcs,
      @ForAll @DoubleRange(min = 0.0, max = 1.0) double zeroFraction,
      @ForAll long seed) {
    Component c = RandomGraphs.component(size, extraArcs, zeroFraction, seed);

    int[] plain = HeuristicOrdering.eadesLinSmyth(c);
    int[] improved = HeuristicOrdering.improve(c, plain);
    int[] best = HeuristicOrdering.solve(c);

    assertThat(c.respectsZeroArcs(plain)).isTrue();
    assertThat(c.respectsZeroArcs(improved)).isTrue();
    assertThat(c.respectsZeroArcs(best)).isTrue();
    assertThat(c.cost(improved)).isLessThanOrEqualTo(c.cost(plain));
    assertThat(c.cost(best)).isLessThanOrEqualTo(c.cost(improved));
    assertThat(HeuristicOrdering.solve(c)).as("deterministic").containsExactly(best);
  }

  @Property(seed = "2718", tries = 200)
  void neverBeatsTheExactOptimum(
      @ForAll @IntRange(min = 2, max = 12) int size,
      @ForAll @IntRange(min = 0, max = 40) int extraArcs,
      @ForAll @DoubleRange(min = 0.0, max = 1.0) double zeroFraction,
      @ForAll long seed) {
    Component c = RandomGraphs.component(size, extraArcs, zeroFraction, seed);

    int[] exact = ExactOrdering.solve(c);
    int[] heuristic = HeuristicOrdering.solve(c);

    assertThat(c.respectsZeroArcs(exact)).isTrue();
    assertThat(c.respectsZeroArcs(heuristic)).isTrue();
    assertThat(c.cost(heuristic)).isGreaterThanOrEqualTo(c.cost(exact));
  }

  @Test
  void repairKeepsAnOrderThatAlreadyRespectsDelayZero() {
    Component c =
        new Component(4, new int[] {3, 2}, new int[] {0, 1}, new int[] {0, 2}, new int[] {1, 3});

    assertThat(HeuristicOrdering.repair(c, new int[] {2, 0, 3, 1})).containsExactly(2, 0, 3, 1);
    assertThat(HeuristicOrdering.repair(c, new int[] {3, 1, 0, 2})).containsExactly(0, 1, 2, 3);
  }

  @Test
  void improvementMovesANodeAcrossSeveralOthers() {
    // 0 -> 1, 0 -> 2, 0 -> 3 all backward in 1, 2, 3, 0; moving 0 to the front fixes all three.
    Component c =
        new Component(4, new int[] {0, 0, 0}, new int[] {1, 2, 3}, new int[0], new int[0]);

    int[] improved = HeuristicOrdering.improve(c, new int[] {1, 2, 3, 0});

    assertThat(c.cost(new int[] {1, 2, 3, 0})).isEqualTo(3);
    assertThat(improved).containsExactly(0, 1, 2, 3);
    assertThat(c.cost(improved)).isZero();
  }

  @Test
  void improvementDoesNotJumpOverADelayZeroSuccessor() {
    // 2 -> 0 and 2 -> 1 are backward. 0 cannot pass its delay-0 successor 1 to get behind 2, so
    // 1 moves behind 2 first and then 2 moves to the front.
    Component c =
        new Component(3, new int[] {2, 2}, new int[] {0, 1}, new int[] {0}, new int[] {1});

    int[] improved = HeuristicOrdering.improve(c, new int[] {0, 1, 2});

    assertThat(c.respectsZeroArcs(improved)).isTrue();
    assertThat(improved).containsExactly(2, 0, 1);
  }

  @Test
  void largeComponentsAreScheduledHeuristicallyWithDelayZeroForward() throws SpecException {
    Random random = new Random(99);
    int n = 40;
    GraphBuilder b = GraphBuilder.neurons(n);
    for (int i = 0; i < n; i++) {
      b.edge(i, (i + 1) % n, Delay.AUTO);
    }
    for (int i = 0; i < 120; i++) {
      int u = random.nextInt(n);
      int v = random.nextInt(n);
      b.edge(u, v, u < v && random.nextBoolean() ? Delay.ZERO : Delay.AUTO);
    }
    Graph g = b.build();

    Schedule s = Scheduler.schedule(g);

    assertThat(s.method()).isEqualTo(Schedule.Method.HEURISTIC);
    assertThat(s.optimal()).isFalse();
    int[] pos = new int[s.order().size()];
    for (int v = 0; v < pos.length; v++) {
      pos[v] = s.position(v);
    }
    for (Edge e : g.edges()) {
      if (e.delay().equals(Delay.ZERO)) {
        assertThat(pos[e.from().index()]).isLessThan(pos[e.to().index()]);
      }
    }
    assertThat(Scheduler.schedule(g)).isEqualTo(s);
  }
}
