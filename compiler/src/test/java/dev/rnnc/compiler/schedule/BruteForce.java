package dev.rnnc.compiler.schedule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reference answers for tiny graphs by enumerating every permutation in lexicographic order.
 *
 * @param kinds per edge: {@link #AUTO}, {@link #ZERO} or a fixed delay {@code k >= 1}
 */
record BruteForce(int nodes, int[] from, int[] to, int[] kinds) {

  static final int AUTO = -1;
  static final int ZERO = 0;

  /** The best orders found: the fewest backward auto edges and the first order reaching it. */
  record Optimum(int cost, int[] firstOrder) {}

  boolean feasible(int[] order) {
    int[] pos = Component.positions(order);
    for (int i = 0; i < from.length; i++) {
      if (kinds[i] == ZERO && pos[from[i]] >= pos[to[i]]) {
        return false;
      }
    }
    return true;
  }

  int cost(int[] order) {
    int[] pos = Component.positions(order);
    int cost = 0;
    for (int i = 0; i < from.length; i++) {
      if (kinds[i] == AUTO && pos[from[i]] >= pos[to[i]]) {
        cost++;
      }
    }
    return cost;
  }

  /** The optimum over all feasible orders, or null if no order keeps delay-0 edges forward. */
  Optimum optimum() {
    Optimum best = null;
    for (int[] order : permutations(nodes)) {
      if (feasible(order)) {
        int c = cost(order);
        if (best == null || c < best.cost()) {
          best = new Optimum(c, order);
        }
      }
    }
    return best;
  }

  /** The first permutation, in lexicographic order, that satisfies {@code test}, or null. */
  int[] first(Predicate<int[]> test) {
    for (int[] order : permutations(nodes)) {
      if (test.test(order)) {
        return order;
      }
    }
    return null;
  }

  /** Mutual reachability over the edges whose kind passes {@code include}, self-loops ignored. */
  boolean[][] strongly(Predicate<Integer> include) {
    boolean[][] reach = new boolean[nodes][nodes];
    for (int v = 0; v < nodes; v++) {
      reach[v][v] = true;
    }
    for (int i = 0; i < from.length; i++) {
      if (include.test(kinds[i])) {
        reach[from[i]][to[i]] = true;
      }
    }
    for (int k = 0; k < nodes; k++) {
      for (int i = 0; i < nodes; i++) {
        for (int j = 0; j < nodes; j++) {
          reach[i][j] |= reach[i][k] && reach[k][j];
        }
      }
    }
    boolean[][] same = new boolean[nodes][nodes];
    for (int i = 0; i < nodes; i++) {
      for (int j = 0; j < nodes; j++) {
        same[i][j] = reach[i][j] && reach[j][i];
      }
    }
    return same;
  }

  /** The components of {@code same}: each a sorted list of nodes, listed by smallest node. */
  static List<int[]> components(boolean[][] same) {
    int n = same.length;
    boolean[] done = new boolean[n];
    List<int[]> result = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      if (done[v]) {
        continue;
      }
      int[] members = new int[0];
      for (int w = v; w < n; w++) {
        if (same[v][w]) {
          members = Arrays.copyOf(members, members.length + 1);
          members[members.length - 1] = w;
          done[w] = true;
        }
      }
      result.add(members);
    }
    return result;
  }

  /** The sub-problem on {@code members} (renumbered 0..k-1 in the given order). */
  BruteForce restrictedTo(int[] members) {
    int[] local = new int[nodes];
    Arrays.fill(local, -1);
    for (int i = 0; i < members.length; i++) {
      local[members[i]] = i;
    }
    List<int[]> kept = new ArrayList<>();
    for (int i = 0; i < from.length; i++) {
      if (local[from[i]] >= 0 && local[to[i]] >= 0) {
        kept.add(new int[] {local[from[i]], local[to[i]], kinds[i]});
      }
    }
    int[] f = new int[kept.size()];
    int[] t = new int[kept.size()];
    int[] k = new int[kept.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = kept.get(i)[0];
      t[i] = kept.get(i)[1];
      k[i] = kept.get(i)[2];
    }
    return new BruteForce(members.length, f, t, k);
  }

  /** Every permutation of {@code 0..n-1} in lexicographic order. */
  static List<int[]> permutations(int n) {
    List<int[]> result = new ArrayList<>();
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    while (true) {
      result.add(p.clone());
      int i = n - 2;
      while (i >= 0 && p[i] > p[i + 1]) {
        i--;
      }
      if (i < 0) {
        return result;
      }
      int j = n - 1;
      while (p[j] < p[i]) {
        j--;
      }
      swap(p, i, j);
      for (int a = i + 1, b = n - 1; a < b; a++, b--) {
        swap(p, a, b);
      }
    }
  }

  private static void swap(int[] p, int i, int j) {
    int t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
}
