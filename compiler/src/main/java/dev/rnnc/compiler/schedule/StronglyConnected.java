package dev.rnnc.compiler.schedule;

import java.util.Arrays;

/**
 * Strongly connected components by Tarjan's algorithm, run with explicit stacks so that a chain of
 * any length cannot overflow the call stack. Roots are tried in increasing node order and arcs in
 * adjacency order, so the numbering is deterministic.
 */
final class StronglyConnected {

  private StronglyConnected() {}

  /**
   * The component of every node. Components are numbered in the order Tarjan's algorithm completes
   * them, which is a reverse topological order of the condensation.
   */
  static int[] components(Adjacency graph) {
    int n = graph.nodeCount();
    int[] index = new int[n];
    Arrays.fill(index, -1);
    int[] low = new int[n];
    int[] component = new int[n];
    Arrays.fill(component, -1);
    int[] nextSlot = new int[n];
    int[] open = new int[n];
    int openSize = 0;
    int[] calls = new int[n];
    int callDepth = 0;
    int counter = 0;
    int components = 0;
    for (int root = 0; root < n; root++) {
      if (index[root] != -1) {
        continue;
      }
      index[root] = low[root] = counter++;
      open[openSize++] = root;
      nextSlot[root] = graph.begin(root);
      calls[callDepth++] = root;
      while (callDepth > 0) {
        int v = calls[callDepth - 1];
        if (nextSlot[v] < graph.end(v)) {
          int w = graph.target(nextSlot[v]++);
          if (index[w] == -1) {
            index[w] = low[w] = counter++;
            open[openSize++] = w;
            nextSlot[w] = graph.begin(w);
            calls[callDepth++] = w;
          } else if (component[w] == -1) {
            low[v] = Math.min(low[v], index[w]);
          }
          continue;
        }
        callDepth--;
        if (low[v] == index[v]) {
          int w;
          do {
            w = open[--openSize];
            component[w] = components;
          } while (w != v);
          components++;
        }
        if (callDepth > 0) {
          int parent = calls[callDepth - 1];
          low[parent] = Math.min(low[parent], low[v]);
        }
      }
    }
    return component;
  }
}
