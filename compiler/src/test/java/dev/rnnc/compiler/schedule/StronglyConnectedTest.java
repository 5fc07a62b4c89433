package dev.rnnc.compiler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class StronglyConnectedTest {

  @Property(seed = "1234", tries = 1000)
  void sameComponentIffMutuallyReachable(@ForAll("graphs") BruteForce g) {
    int[] component = StronglyConnected.components(Adjacency.of(g.nodes(), g.from(), g.to()));

    boolean[][] same = g.strongly(k -> true);
    for (int u = 0; u < g.nodes(); u++) {
      for (int v = 0; v < g.nodes(); v++) {
        assertThat(component[u] == component[v]).isEqualTo(same[u][v]);
      }
    }
    // Numbering is a reverse topological order: arcs never lead to a later-numbered component.
    for (int i = 0; i < g.from().length; i++) {
      assertThat(component[g.from()[i]]).isGreaterThanOrEqualTo(component[g.to()[i]]);
    }
  }

  @Test
  void handlesAChainOfAMillionNodes() {
    int n = 1_000_000;
    int[] from = new int[n];
    int[] to = new int[n];
    for (int i = 0; i < n; i++) {
      from[i] = i;
      to[i] = (i + 1) % n;
    }
    int[] component = StronglyConnected.components(Adjacency.of(n, from, to));
    assertThat(component).containsOnly(0);

    int[] chain = StronglyConnected.components(Adjacency.of(n, new int[] {0, 1}, new int[] {1, 2}));
    assertThat(chain[0]).isGreaterThan(chain[1]);
    assertThat(chain[1]).isGreaterThan(chain[2]);
  }

  @Provide
  Arbitrary<BruteForce> graphs() {
    return Arbitraries.integers()
        .between(1, 12)
        .flatMap(
            n -> {
              Arbitrary<Integer> node = Arbitraries.integers().between(0, n - 1);
              return Combinators.combine(node, node)
                  .as((f, t) -> new int[] {f, t})
                  .list()
                  .ofMaxSize(30)
                  .map(arcs -> graph(n, arcs));
            });
  }

  private static BruteForce graph(int n, List<int[]> arcs) {
    return new BruteForce(
        n,
        arcs.stream().mapToInt(a -> a[0]).toArray(),
        arcs.stream().mapToInt(a -> a[1]).toArray(),
        new int[arcs.size()]);
  }
}
