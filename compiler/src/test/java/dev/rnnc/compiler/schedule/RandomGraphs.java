package dev.rnnc.compiler.schedule;

import dev.rnnc.compiler.ir.Delay;
import dev.rnnc.compiler.ir.Graph;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random graphs and components for scheduler tests; never with algebraic loops. */
final class RandomGraphs {

  private RandomGraphs() {}

  /**
   * {@code edges} random edges on {@code nodes} nodes, self-loops and parallel edges included. An
   * edge is {@code delay: 0} with probability {@code zeroFraction} when it points forward in a
   * hidden random order (so {@code delay: 0} edges never form a cycle), {@code delay: 1} with
   * probability 0.05, else {@code auto}.
   */
  static Graph graph(int nodes, int edges, double zeroFraction, long seed) {
    Random random = new Random(seed);
    int[] rank = hiddenRanks(nodes, random);
    GraphBuilder b = GraphBuilder.neurons(nodes);
    for (int i = 0; i < edges; i++) {
      int from = random.nextInt(nodes);
      int to = random.nextInt(nodes);
      double r = random.nextDouble();
      Delay delay;
      if (r < 0.05) {
        delay = Delay.fixed(1);
      } else if (rank[from] < rank[to] && random.nextDouble() < zeroFraction) {
        delay = Delay.ZERO;
      } else {
        delay = Delay.AUTO;
      }
      b.edge(from, to, delay);
    }
    return b.build();
  }

  /**
   * A strongly connected component: a ring of {@code auto} arcs through all nodes in a random order
   * plus {@code extra} random arcs, each {@code delay: 0} with probability {@code zeroFraction}
   * when it points forward in a hidden random order, else {@code auto}.
   */
  static Component component(int size, int extra, double zeroFraction, long seed) {
    Random random = new Random(seed);
    int[] ring = hiddenRanks(size, random);
    int[] rank = hiddenRanks(size, random);
    List<int[]> autos = new ArrayList<>();
    List<int[]> zeros = new ArrayList<>();
    int[] byRing = new int[size];
    for (int v = 0; v < size; v++) {
      byRing[ring[v]] = v;
    }
    for (int i = 0; i < size; i++) {
      autos.add(new int[] {byRing[i], byRing[(i + 1) % size]});
    }
    for (int i = 0; i < extra; i++) {
      int from = random.nextInt(size);
      int to = random.nextInt(size);
      if (from == to) {
        continue;
      }
      if (rank[from] < rank[to] && random.nextDouble() < zeroFraction) {
        zeros.add(new int[] {from, to});
      } else {
        autos.add(new int[] {from, to});
      }
    }
    return new Component(
        size, column(autos, 0), column(autos, 1), column(zeros, 0), column(zeros, 1));
  }

  private static int[] hiddenRanks(int n, Random random) {
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    return perm;
  }

  private static int[] column(List<int[]> pairs, int c) {
    int[] result = new int[pairs.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = pairs.get(i)[c];
    }
    return result;
  }
}
