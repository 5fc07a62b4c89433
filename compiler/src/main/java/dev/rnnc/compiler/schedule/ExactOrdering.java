package dev.rnnc.compiler.schedule;

/**
 * The optimal order of a small component by dynamic programming over the sets of nodes already
 * placed, O(2^n * n) time and 2^n ints of memory.
 *
 * <p>{@code best[S]} is the fewest backward {@code auto} arcs with which the nodes outside {@code S}
 * can still be placed after the set {@code S}: placing {@code v} right after {@code S} turns exactly
 * the arcs from {@code v} into {@code S} backward, and is allowed when every {@code delay: 0}
 * predecessor of {@code v} is in {@code S}. The order is then rebuilt from the empty set by always
 * taking the lowest-numbered node that keeps the optimum, which yields the lexicographically
 * smallest optimal order.
 */
final class ExactOrdering {

  /** Largest component solved exactly: 2^20 ints are 4 MiB and take a few milliseconds. */
  static final int MAX_SIZE = 20;

  private static final int UNREACHABLE = Integer.MAX_VALUE;

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
    int full = (1 << n) - 1;
    int[] best = new int[1 << n];
    best[full] = 0;
    for (int placed = full - 1; placed >= 0; placed--) {
      int min = UNREACHABLE;
      for (int free = ~placed & full; free != 0; free &= free - 1) {
        int v = Integer.numberOfTrailingZeros(free);
        if ((zeroPredecessors[v] & ~placed) != 0) {
          continue;
        }
        int rest = best[placed | 1 << v];
        if (rest == UNREACHABLE) {
          continue;
        }
        int total = rest + backwardArcs(outLayers[v], placed);
        if (total < min) {
          min = total;
        }
      }
      best[placed] = min;
    }
    int[] order = new int[n];
    int placed = 0;
    for (int i = 0; i < n; i++) {
      int chosen = -1;
      for (int free = ~placed & full; free != 0; free &= free - 1) {
        int v = Integer.numberOfTrailingZeros(free);
        if ((zeroPredecessors[v] & ~placed) == 0
            && best[placed | 1 << v] != UNREACHABLE
            && best[placed | 1 << v] + backwardArcs(outLayers[v], placed) == best[placed]) {
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
   * Per node, its out-neighbours as bit masks by multiplicity: layer {@code k} holds the nodes that
   * {@code v} has more than {@code k} parallel {@code auto} arcs to.
   */
  private static int[][] outLayers(Component component) {
    int n = component.size();
    int[][] multiplicity = new int[n][n];
    for (int i = 0; i < component.autoCount(); i++) {
      multiplicity[component.autoFrom(i)][component.autoTo(i)]++;
    }
    int[][] layers = new int[n][];
    for (int v = 0; v < n; v++) {
      int depth = 0;
      for (int m : multiplicity[v]) {
        depth = Math.max(depth, m);
      }
      layers[v] = new int[depth];
      for (int u = 0; u < n; u++) {
        for (int k = 0; k < multiplicity[v][u]; k++) {
          layers[v][k] |= 1 << u;
        }
      }
    }
    return layers;
  }

  private static int backwardArcs(int[] layers, int placed) {
    int count = 0;
    for (int layer : layers) {
      count += Integer.bitCount(layer & placed);
    }
    return count;
  }
}
