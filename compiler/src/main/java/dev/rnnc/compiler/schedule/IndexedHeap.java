package dev.rnnc.compiler.schedule;

import java.util.Arrays;

/**
 * A binary min-heap of nodes {@code 0..n-1} keyed by a {@code long}, ties broken by the smaller
 * node, with key changes and removal in O(log n).
 */
final class IndexedHeap {

  private final int[] heap;
  private final int[] slot;
  private final long[] key;
  private int size;

  IndexedHeap(int n) {
    heap = new int[n];
    slot = new int[n];
    key = new long[n];
    Arrays.fill(slot, -1);
  }

  boolean isEmpty() {
    return size == 0;
  }

  boolean contains(int node) {
    return slot[node] >= 0;
  }

  /** Inserts {@code node} or changes its key. */
  void put(int node, long newKey) {
    if (slot[node] < 0) {
      key[node] = newKey;
      heap[size] = node;
      slot[node] = size;
      up(size++);
      return;
    }
    long old = key[node];
    key[node] = newKey;
    if (newKey < old) {
      up(slot[node]);
    } else {
      down(slot[node]);
    }
  }

  /** Removes and returns the node with the smallest key (smallest node among equal keys). */
  int poll() {
    if (size == 0) {
      throw new IllegalStateException("empty heap");
    }
    int top = heap[0];
    remove(top);
    return top;
  }

  void remove(int node) {
    int i = slot[node];
    if (i < 0) {
      return;
    }
    slot[node] = -1;
    size--;
    if (i == size) {
      return;
    }
    int last = heap[size];
    heap[i] = last;
    slot[last] = i;
    up(i);
    down(slot[last]);
  }

  private boolean less(int a, int b) {
    return key[a] < key[b] || (key[a] == key[b] && a < b);
  }

  private void up(int i) {
    int node = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!less(node, heap[parent])) {
        break;
      }
      heap[i] = heap[parent];
      slot[heap[i]] = i;
      i = parent;
    }
    heap[i] = node;
    slot[node] = i;
  }

  private void down(int i) {
    int node = heap[i];
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && less(heap[child + 1], heap[child])) {
        child++;
      }
      if (!less(heap[child], node)) {
        break;
      }
      heap[i] = heap[child];
      slot[heap[i]] = i;
      i = child;
    }
    heap[i] = node;
    slot[node] = i;
  }
}
