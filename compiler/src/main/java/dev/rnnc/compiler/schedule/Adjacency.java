package dev.rnnc.compiler.schedule;

/**
 * Out-neighbour lists of a directed multigraph in compressed form. Each node's arcs keep the order
 * in which they were given, so every traversal is deterministic.
 */
final class Adjacency {

  private final int[] start;
  private final int[] target;
  private final int[] arc;

  private Adjacency(int[] start, int[] target, int[] arc) {
    this.start = start;
    this.target = target;
    this.arc = arc;
  }

  /** The graph on nodes {@code 0..n-1} with arcs {@code from[i] -> to[i]}. */
  static Adjacency of(int n, int[] from, int[] to) {
    int[] start = new int[n + 1];
    for (int u : from) {
      start[u + 1]++;
    }
    for (int i = 0; i < n; i++) {
      start[i + 1] += start[i];
    }
    int[] next = java.util.Arrays.copyOf(start, n);
    int[] target = new int[from.length];
    int[] arc = new int[from.length];
    for (int i = 0; i < from.length; i++) {
      int slot = next[from[i]]++;
      target[slot] = to[i];
      arc[slot] = i;
    }
    return new Adjacency(start, target, arc);
  }

  /** The reversed graph: in-neighbour lists of the same arcs. */
  static Adjacency reversed(int n, int[] from, int[] to) {
    return of(n, to, from);
  }

  int nodeCount() {
    return start.length - 1;
  }

  /** First slot of {@code node}'s arcs; its arcs are the slots {@code begin(node)..end(node)-1}. */
  int begin(int node) {
    return start[node];
  }

  int end(int node) {
    return start[node + 1];
  }

  /** The node an arc slot leads to. */
  int target(int slot) {
    return target[slot];
  }

  /** The index (in the arrays given to {@link #of}) of the arc in a slot. */
  int arc(int slot) {
    return arc[slot];
  }
}
