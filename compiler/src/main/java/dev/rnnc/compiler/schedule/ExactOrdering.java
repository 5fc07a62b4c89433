package dev.rnnc.compiler.schedule;

/**
 * The optimal order of a small component by dynamic programming over the sets of nodes already
 * placed, O(2^n * n) time and 2^n ints of memory.
 *
 * <p>{@code best[S]} is the fewest backward {@code auto} arcs with which the nodes outside {@code
 * S} can still be placed after the set {@code S}: placing {@code v} right after {@code S} turns
 * exactly the arcs from {@code v} into {@code S} backward, and is allowed when every {@code delay:
 * 0} predecessor of {@code v} is in {@code S}. The order is then rebuilt from the empty set by
 * always taking the lowest-numbered node that keeps the optimum, which yields the lexicographically
 * smallest optimal order.
 */
final class ExactOrdering {

  /**
   * Largest component solved exactly: 2^16 subsets take about 2 ms, so even a graph made of
   * hundreds of such components schedules in a couple of seconds at worst (at 20 nodes, 40 ms each,
   * 500 dense components took 19 s). Each further node doubles time and memory. Changing it changes
   * the order of some specs, and so their meaning: it is part of the language.
   */
  static final int MAX_SIZE = 16;

  /** Cost of a set that cannot be completed; adding any real cost to it cannot overflow. */
  private static final int UNREACHABLE = Integer.MAX_VALUE / 2;

  private ExactOrdering() {}

  /** The lexicographically smallest order with the fewest backward {@code auto} arcs. */
  static int[] solve(Component component) {
    int n = component.size();
    if (n > MAX_SIZE) {
      throw new IllegalArgumentException("component too large for the exact solver: " + n);
    }
    int[][] outLayers = outLayers(component);
    int[] zeroPredecessors = new int[n];
    for (int i = 0; i < component.zeroCount(); i++) {
      zeroPredecessors[component.zeroTo(i)] |= 1 << component.zeroFrom(i);
    }
    int[] out = outLayers[0];
    boolean parallel = outLayers.length > 1;
    int full = (1 << n) - 1;
    int[] best = new int[1 << n];
    best[full] = 0;
    for (int placed = full - 1; placed >= 0; placed--) {
      int min = UNREACHABLE;
      for (int free = ~placed & full; free != 0; free &= free - 1) {
        int v = Integer.numberOfTrailingZeros(free);
        if ((zeroPredecessors[v] & ~placed) == 0) {
          int arcs =
              parallel ? backwardArcs(outLayers, v, placed) : Integer.bitCount(out[v] & placed);
          min = Math.min(min, best[placed | 1 << v] + arcs);
        }
      }
      best[placed] = Math.min(min, UNREACHABLE);
    }
    int[] order = new int[n];
    int placed = 0;
    for (int i = 0; i < n; i++) {
      int chosen = -1;
      for (int free = ~placed & full; free != 0; free &= free - 1) {
        int v = Integer.numberOfTrailingZeros(free);
        if ((zeroPredecessors[v] & ~placed) == 0
            && best[placed | 1 << v] + backwardArcs(outLayers, v, placed) == best[placed]) {
          chosen = v;
          break;
        }
      }
      if (chosen < 0) {
        throw new IllegalStateException("delay: 0 arcs of the component form a cycle");
      }
      order[i] = chosen;
      placed |= 1 << chosen;
    }
    return order;
  }

  /**
   * The {@code auto} arcs as bit masks by multiplicity: {@code layers[k][v]} holds the nodes that
   * {@code v} has more than {@code k} parallel arcs to. There is always at least one layer.
   */
  private static int[][] outLayers(Component component) {
    int n = component.size();
    int[][] multiplicity = new int[n][n];
    int depth = 1;
    for (int i = 0; i < component.autoCount(); i++) {
      depth = Math.max(depth, ++multiplicity[component.autoFrom(i)][component.autoTo(i)]);
    }
    int[][] layers = new int[depth][n];
    for (int v = 0; v < n; v++) {
      for (int u = 0; u < n; u++) {
        for (int k = 0; k < multiplicity[v][u]; k++) {
          layers[k][v] |= 1 << u;
        }
      }
    }
    return layers;
  }

  /** Number of arcs from {@code v} into {@code placed}: those turned backward by placing v next. */
  private static int backwardArcs(int[][] layers, int v, int placed) {
    int count = 0;
    for (int[] layer : layers) {
      count += Integer.bitCount(layer[v] & placed);
    }
    return count;
  }
}
