package dev.rnnc.compiler.schedule;

import java.util.Arrays;

/**
 * A good, deterministic order for a component too large to solve exactly: the greedy heuristic of
 * Eades, Lin and Smyth (1993), made to respect {@code delay: 0} arcs, then improved locally (single
 * nodes moved to better places, short runs of consecutive nodes reordered exactly) until no such
 * move helps.
 *
 * <p>Two starting orders are built: Eades–Lin–Smyth on the graph where every {@code delay: 0} arc
 * weighs more than all {@code auto} arcs together, repaired into an order that keeps {@code delay:
 * 0} arcs forward (see {@link #eadesLinSmyth}); and a variant that only ever appends a node whose
 * {@code delay: 0} predecessors are all placed. Both are improved and the better result is kept
 * (the first on a tie). Improvement never increases the cost, so the result is never worse than
 * plain Eades–Lin–Smyth.
 */
final class HeuristicOrdering {

  /**
   * Upper bound on improvement rounds. Each accepted move removes at least one backward arc, so
   * improvement ends anyway; the bound keeps the worst case near-linear in the graph size.
   */
  static final int MAX_PASSES = 64;

  /**
   * Nodes per window reordered exactly during improvement: 2^10 subsets keep one window at a few
   * microseconds.
   */
  static final int WINDOW = 10;

  private HeuristicOrdering() {}

  /** A {@code delay: 0}-respecting order with few backward {@code auto} arcs. */
  static int[] solve(Component component) {
    int[] weighted = improve(component, eadesLinSmyth(component));
    int[] constrained = improve(component, greedy(component, 0, true));
    return component.cost(constrained) < component.cost(weighted) ? constrained : weighted;
  }

  /**
   * Plain Eades–Lin–Smyth: {@code delay: 0} arcs weigh one more than the number of {@code auto}
   * arcs, so the greedy avoids reversing them whenever it can; the result is then repaired into a
   * {@code delay: 0}-respecting order that stays as close to it as possible.
   */
  static int[] eadesLinSmyth(Component component) {
    return repair(component, greedy(component, component.autoCount() + 1L, false));
  }

  /**
   * The Eades–Lin–Smyth greedy: repeatedly remove a sink (placed after everything left), else a
   * source (placed before everything left), else the node with the largest weighted out-degree
   * minus in-degree (placed before everything left). Ties go to the smallest node.
   *
   * @param zeroWeight the weight of a {@code delay: 0} arc; {@code auto} arcs weigh 1
   * @param onlyZeroSources when true, the node chosen by degree must have no remaining {@code
   *     delay: 0} predecessor, which keeps every {@code delay: 0} arc forward
   */
  private static int[] greedy(Component component, long zeroWeight, boolean onlyZeroSources) {
    int n = component.size();
    int autoCount = component.autoCount();
    int arcCount = autoCount + component.zeroCount();
    int[] from = new int[arcCount];
    int[] to = new int[arcCount];
    for (int i = 0; i < autoCount; i++) {
      from[i] = component.autoFrom(i);
      to[i] = component.autoTo(i);
    }
    for (int i = 0; i < component.zeroCount(); i++) {
      from[autoCount + i] = component.zeroFrom(i);
      to[autoCount + i] = component.zeroTo(i);
    }
    Adjacency out = Adjacency.of(n, from, to);
    Adjacency in = Adjacency.reversed(n, from, to);
    int[] outArcs = new int[n];
    int[] inArcs = new int[n];
    int[] zeroIn = new int[n];
    long[] delta = new long[n];
    for (int i = 0; i < arcCount; i++) {
      long weight = i < autoCount ? 1 : zeroWeight;
      outArcs[from[i]]++;
      inArcs[to[i]]++;
      delta[from[i]] += weight;
      delta[to[i]] -= weight;
      if (i >= autoCount) {
        zeroIn[to[i]]++;
      }
    }
    IndexedHeap sinks = new IndexedHeap(n);
    IndexedHeap sources = new IndexedHeap(n);
    IndexedHeap byDelta = new IndexedHeap(n);
    for (int v = 0; v < n; v++) {
      if (outArcs[v] == 0) {
        sinks.put(v, 0);
      }
      if (inArcs[v] == 0) {
        sources.put(v, 0);
      }
      if (!onlyZeroSources || zeroIn[v] == 0) {
        byDelta.put(v, -delta[v]);
      }
    }
    boolean[] removed = new boolean[n];
    int[] order = new int[n];
    int head = 0;
    int tail = n;
    for (int placed = 0; placed < n; placed++) {
      int v;
      if (!sinks.isEmpty()) {
        v = sinks.poll();
        order[--tail] = v;
      } else {
        v = sources.isEmpty() ? byDelta.poll() : sources.poll();
        order[head++] = v;
      }
      removed[v] = true;
      sinks.remove(v);
      sources.remove(v);
      byDelta.remove(v);
      for (int s = out.begin(v); s < out.end(v); s++) {
        int w = out.target(s);
        if (removed[w]) {
          continue;
        }
        boolean zero = out.arc(s) >= autoCount;
        delta[w] += zero ? zeroWeight : 1;
        if (--inArcs[w] == 0) {
          sources.put(w, 0);
        }
        if (zero) {
          zeroIn[w]--;
        }
        if (byDelta.contains(w) || (onlyZeroSources && zeroIn[w] == 0)) {
          byDelta.put(w, -delta[w]);
        }
      }
      for (int s = in.begin(v); s < in.end(v); s++) {
        int u = in.target(s);
        if (removed[u]) {
          continue;
        }
        delta[u] -= in.arc(s) >= autoCount ? zeroWeight : 1;
        if (--outArcs[u] == 0) {
          sinks.put(u, 0);
        }
        if (byDelta.contains(u)) {
          byDelta.put(u, -delta[u]);
        }
      }
    }
    return order;
  }

  /**
   * The {@code delay: 0}-respecting order closest to {@code order}: a topological sort of the
   * {@code delay: 0} arcs that always takes the ready node placed earliest in {@code order}. An
   * order that already respects them is returned unchanged.
   */
  static int[] repair(Component component, int[] order) {
    int n = component.size();
    int[] pos = Component.positions(order);
    Adjacency zeroOut = component.zeroOut();
    int[] waiting = new int[n];
    for (int i = 0; i < component.zeroCount(); i++) {
      waiting[component.zeroTo(i)]++;
    }
    IndexedHeap ready = new IndexedHeap(n);
    for (int v = 0; v < n; v++) {
      if (waiting[v] == 0) {
        ready.put(v, pos[v]);
      }
    }
    int[] result = new int[n];
    for (int i = 0; i < n; i++) {
      if (ready.isEmpty()) {
        throw new IllegalStateException("delay: 0 arcs of the component form a cycle");
      }
      int v = ready.poll();
      result[i] = v;
      for (int s = zeroOut.begin(v); s < zeroOut.end(v); s++) {
        int w = zeroOut.target(s);
        if (--waiting[w] == 0) {
          ready.put(w, pos[w]);
        }
      }
    }
    return result;
  }

  /**
   * Local improvement, alternating two kinds of moves until neither helps:
   *
   * <ul>
   *   <li>insertion: each node in turn moves to the place between its nearest {@code delay: 0}
   *       neighbours where it turns the fewest {@code auto} arcs backward, if that removes at least
   *       one backward arc (repeated while any node moves);
   *   <li>windows: every run of {@link #WINDOW} consecutive nodes (runs overlapping by half) is
   *       reordered optimally by {@link ExactOrdering}, which is exact for the run because arcs
   *       leaving it keep their direction whatever its inner order.
   * </ul>
   *
   * A window pass runs only after an insertion pass that moved nothing; at most {@link #MAX_PASSES}
   * rounds. Never increases the cost; keeps {@code delay: 0} arcs forward.
   */
  static int[] improve(Component component, int[] start) {
    Improvement improvement = new Improvement(component, start);
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      if (!improvement.insertionPass() && !improvement.windowPass()) {
        break;
      }
    }
    return improvement.order;
  }

  /** The state of local improvement: the current order and positions. */
  private static final class Improvement {

    private final int n;
    private final int[] order;
    private final int[] pos;
    private final Adjacency autoOut;
    private final Adjacency autoIn;
    private final Adjacency zeroOut;
    private final Adjacency zeroIn;

    /**
     * Scratch for {@link #insert}: a neighbour's position q (high bits) and whether passing it adds
     * (1) or removes (0) a backward arc.
     */
    private final long[] events;

    Improvement(Component component, int[] start) {
      n = component.size();
      order = start.clone();
      pos = Component.positions(order);
      autoOut = component.autoOut();
      autoIn = component.autoIn();
      zeroOut = component.zeroOut();
      zeroIn = component.zeroIn();
      int maxDegree = 0;
      for (int v = 0; v < n; v++) {
        maxDegree =
            Math.max(
                maxDegree, autoOut.end(v) - autoOut.begin(v) + autoIn.end(v) - autoIn.begin(v));
      }
      events = new long[maxDegree];
    }

    /** Tries an insertion move for every node; returns whether any node moved. */
    boolean insertionPass() {
      boolean moved = false;
      for (int v = 0; v < n; v++) {
        moved |= insert(v);
      }
      return moved;
    }

    private boolean insert(int v) {
      int p = pos[v];
      int left = -1;
      for (int s = zeroIn.begin(v); s < zeroIn.end(v); s++) {
        left = Math.max(left, pos[zeroIn.target(s)]);
      }
      int right = n;
      for (int s = zeroOut.begin(v); s < zeroOut.end(v); s++) {
        right = Math.min(right, pos[zeroOut.target(s)]);
      }
      int count = 0;
      for (int s = autoOut.begin(v); s < autoOut.end(v); s++) {
        int q = pos[autoOut.target(s)];
        if (q > p ? q < right : q > left) {
          // v -> w turns backward when v passes w to the right, forward when it passes to the left.
          events[count++] = (long) q << 1 | (q > p ? 1 : 0);
        }
      }
      for (int s = autoIn.begin(v); s < autoIn.end(v); s++) {
        int q = pos[autoIn.target(s)];
        if (q > p ? q < right : q > left) {
          events[count++] = (long) q << 1 | (q > p ? 0 : 1);
        }
      }
      Arrays.sort(events, 0, count);
      int split = 0;
      while (split < count && (events[split] >>> 1) < p) {
        split++;
      }
      int bestRight = 0;
      int targetRight = p;
      int change = 0;
      for (int i = split; i < count; ) {
        int q = (int) (events[i] >>> 1);
        while (i < count && (events[i] >>> 1) == q) {
          change += (events[i] & 1) == 1 ? 1 : -1;
          i++;
        }
        if (change < bestRight) {
          bestRight = change;
          targetRight = q;
        }
      }
      int bestLeft = 0;
      int targetLeft = p;
      change = 0;
      for (int i = split - 1; i >= 0; ) {
        int q = (int) (events[i] >>> 1);
        while (i >= 0 && (events[i] >>> 1) == q) {
          change += (events[i] & 1) == 1 ? 1 : -1;
          i--;
        }
        if (change < bestLeft) {
          bestLeft = change;
          targetLeft = q;
        }
      }
      if (bestRight < 0 && bestRight <= bestLeft) {
        move(p, targetRight);
        return true;
      }
      if (bestLeft < 0) {
        move(p, targetLeft);
        return true;
      }
      return false;
    }

    /** Moves the node at position {@code from} to position {@code to}, shifting those between. */
    private void move(int from, int to) {
      int v = order[from];
      if (to > from) {
        System.arraycopy(order, from + 1, order, from, to - from);
      } else {
        System.arraycopy(order, to, order, to + 1, from - to);
      }
      order[to] = v;
      for (int i = Math.min(from, to); i <= Math.max(from, to); i++) {
        pos[order[i]] = i;
      }
    }

    /** Reorders every window optimally; returns whether any window got better. */
    boolean windowPass() {
      boolean improved = false;
      for (int start = 0; start + 1 < n; start += WINDOW / 2) {
        int size = Math.min(WINDOW, n - start);
        improved |= optimizeWindow(start, size);
        if (start + size == n) {
          break;
        }
      }
      return improved;
    }

    /**
     * Reorders positions {@code start..start+size-1} optimally if that removes a backward arc.
     * Windows are numbered by current position, so among optimal orders the current one wins.
     */
    private boolean optimizeWindow(int start, int size) {
      IntList autoFrom = new IntList();
      IntList autoTo = new IntList();
      IntList zeroFrom = new IntList();
      IntList zeroTo = new IntList();
      int backward = 0;
      for (int i = 0; i < size; i++) {
        int v = order[start + i];
        for (int s = autoOut.begin(v); s < autoOut.end(v); s++) {
          int j = pos[autoOut.target(s)] - start;
          if (j >= 0 && j < size) {
            autoFrom.add(i);
            autoTo.add(j);
            if (j < i) {
              backward++;
            }
          }
        }
        for (int s = zeroOut.begin(v); s < zeroOut.end(v); s++) {
          int j = pos[zeroOut.target(s)] - start;
          if (j >= 0 && j < size) {
            zeroFrom.add(i);
            zeroTo.add(j);
          }
        }
      }
      if (backward == 0) {
        return false;
      }
      Component window =
          new Component(
              size, autoFrom.toArray(), autoTo.toArray(), zeroFrom.toArray(), zeroTo.toArray());
      int[] best = ExactOrdering.solve(window);
      if (window.cost(best) >= backward) {
        return false;
      }
      int[] nodes = Arrays.copyOfRange(order, start, start + size);
      for (int i = 0; i < size; i++) {
        order[start + i] = nodes[best[i]];
        pos[order[start + i]] = start + i;
      }
      return true;
    }
  }

  /** A growable list of ints. */
  private static final class IntList {
    private int[] items = new int[16];
    private int size;

    void add(int value) {
      if (size == items.length) {
        items = Arrays.copyOf(items, 2 * size);
      }
      items[size++] = value;
    }

    int[] toArray() {
      return Arrays.copyOf(items, size);
    }
  }
}
