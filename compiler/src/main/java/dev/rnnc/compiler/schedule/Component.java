package dev.rnnc.compiler.schedule;

/**
 * The ordering problem inside one strongly connected component, on local node numbers {@code
 * 0..size-1} (increasing local number is increasing file order). Order the nodes so that every
 * {@code delay: 0} arc points forward and as few {@code auto} arcs as possible point backward.
 * Self-loops are left out: they point backward in every order.
 *
 * <p>Arrays are owned by the instance and never modified.
 */
final class Component {

  private final int size;
  private final int[] autoFrom;
  private final int[] autoTo;
  private final int[] zeroFrom;
  private final int[] zeroTo;

  /**
   * @param autoFrom sources of the {@code auto} arcs (parallel arcs listed once each)
   * @param zeroFrom sources of the {@code delay: 0} arcs, which must form an acyclic graph
   */
  Component(int size, int[] autoFrom, int[] autoTo, int[] zeroFrom, int[] zeroTo) {
    if (autoFrom.length != autoTo.length || zeroFrom.length != zeroTo.length) {
      throw new IllegalArgumentException("arc arrays differ in length");
    }
    checkArcs(size, autoFrom, autoTo);
    checkArcs(size, zeroFrom, zeroTo);
    this.size = size;
    this.autoFrom = autoFrom.clone();
    this.autoTo = autoTo.clone();
    this.zeroFrom = zeroFrom.clone();
    this.zeroTo = zeroTo.clone();
  }

  private static void checkArcs(int size, int[] from, int[] to) {
    for (int i = 0; i < from.length; i++) {
      if (from[i] < 0 || from[i] >= size || to[i] < 0 || to[i] >= size || from[i] == to[i]) {
        throw new IllegalArgumentException("bad arc " + from[i] + " -> " + to[i]);
      }
    }
  }

  int size() {
    return size;
  }

  int autoCount() {
    return autoFrom.length;
  }

  int autoFrom(int arc) {
    return autoFrom[arc];
  }

  int autoTo(int arc) {
    return autoTo[arc];
  }

  int zeroCount() {
    return zeroFrom.length;
  }

  int zeroFrom(int arc) {
    return zeroFrom[arc];
  }

  int zeroTo(int arc) {
    return zeroTo[arc];
  }

  Adjacency autoOut() {
    return Adjacency.of(size, autoFrom, autoTo);
  }

  Adjacency autoIn() {
    return Adjacency.reversed(size, autoFrom, autoTo);
  }

  Adjacency zeroOut() {
    return Adjacency.of(size, zeroFrom, zeroTo);
  }

  Adjacency zeroIn() {
    return Adjacency.reversed(size, zeroFrom, zeroTo);
  }

  /** Number of {@code auto} arcs that point backward in {@code order}. */
  int cost(int[] order) {
    int[] pos = positions(order);
    int cost = 0;
    for (int i = 0; i < autoFrom.length; i++) {
      if (pos[autoFrom[i]] > pos[autoTo[i]]) {
        cost++;
      }
    }
    return cost;
  }

  /** Whether {@code order} is a permutation of the nodes with all {@code delay: 0} arcs forward. */
  boolean respectsZeroArcs(int[] order) {
    if (order.length != size) {
      return false;
    }
    int[] pos = new int[size];
    java.util.Arrays.fill(pos, -1);
    for (int i = 0; i < order.length; i++) {
      if (order[i] < 0 || order[i] >= size || pos[order[i]] != -1) {
        return false;
      }
      pos[order[i]] = i;
    }
    for (int i = 0; i < zeroFrom.length; i++) {
      if (pos[zeroFrom[i]] > pos[zeroTo[i]]) {
        return false;
      }
    }
    return true;
  }

  /** This problem with one more {@code delay: 0} arc, {@code from -> to}. */
  Component withZeroArc(int from, int to) {
    int[] zf = java.util.Arrays.copyOf(zeroFrom, zeroFrom.length + 1);
    int[] zt = java.util.Arrays.copyOf(zeroTo, zeroTo.length + 1);
    zf[zeroFrom.length] = from;
    zt[zeroTo.length] = to;
    return new Component(size, autoFrom, autoTo, zf, zt);
  }

  /** Whether the {@code delay: 0} arcs leave some order possible (they form no cycle). */
  boolean zeroArcsAcyclic() {
    Adjacency out = zeroOut();
    int[] waiting = new int[size];
    for (int i = 0; i < zeroTo.length; i++) {
      waiting[zeroTo[i]]++;
    }
    java.util.ArrayDeque<Integer> ready = new java.util.ArrayDeque<>();
    for (int v = 0; v < size; v++) {
      if (waiting[v] == 0) {
        ready.add(v);
      }
    }
    int seen = 0;
    while (!ready.isEmpty()) {
      int v = ready.poll();
      seen++;
      for (int a = out.begin(v); a < out.end(v); a++) {
        if (--waiting[out.target(a)] == 0) {
          ready.add(out.target(a));
        }
      }
    }
    return seen == size;
  }

  static int[] positions(int[] order) {
    int[] pos = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      pos[order[i]] = i;
    }
    return pos;
  }
}
