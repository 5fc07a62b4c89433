package dev.rnnc.compiler.schedule;

import java.util.Arrays;

/**
 * A good, deterministic order for a component too large to solve exactly: the greedy heuristic of
 * Eades, Lin and Smyth (1993), made to respect {@code delay: 0} arcs, then improved by moving single
 * nodes to better places until no such move helps.
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
   * Upper bound on improvement passes over all nodes. Each move removes at least one backward arc,
   * so improvement ends anyway; the bound keeps the worst case near-linear in the graph size.
   */
  static final int MAX_PASSES = 64;

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
   * @param onlyZeroSources when true, the node chosen by degree must have no remaining {@code delay:
   *     0} predecessor, which keeps every {@code delay: 0} arc forward
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
   * {@code delay: 0} arcs that always takes the ready node placed earliest in {@code order}. An order
   * that already respects them is returned unchanged.
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
   * Local improvement by insertion moves: for each node in turn, find the place between its nearest
   * {@code delay: 0} neighbours where it turns the fewest {@code auto} arcs backward, and move it
   * there if that removes at least one backward arc. Passes repeat until one moves nothing, at most
   * {@link #MAX_PASSES} times. Never increases the cost; keeps {@code delay: 0} arcs forward.
   */
  static int[] improve(Component component, int[] start) {
    int n = component.size();
    int[] order = start.clone();
    int[] pos = Component.positions(order);
    Adjacency autoOut = component.autoOut();
    Adjacency autoIn = component.autoIn();
    Adjacency zeroOut = component.zeroOut();
    Adjacency zeroIn = component.zeroIn();
    int maxDegree = 0;
    for (int v = 0; v < n; v++) {
      maxDegree =
          Math.max(
              maxDegree, autoOut.end(v) - autoOut.begin(v) + autoIn.end(v) - autoIn.begin(v));
    }
    // An event is a neighbour's position q (high bits) and whether passing it adds (1) or removes
    // (0) a backward arc.
    long[] events = new long[maxDegree];
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      boolean moved = false;
      for (int v = 0; v < n; v++) {
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
          move(order, pos, p, targetRight);
          moved = true;
        } else if (bestLeft < 0) {
          move(order, pos, p, targetLeft);
          moved = true;
        }
      }
      if (!moved) {
        break;
      }
    }
    return order;
  }

  /** Moves the node at position {@code from} to position {@code to}, shifting those in between. */
  private static void move(int[] order, int[] pos, int from, int to) {
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
}
