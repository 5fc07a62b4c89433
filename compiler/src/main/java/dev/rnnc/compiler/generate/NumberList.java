package dev.rnnc.compiler.generate;

import java.util.Arrays;

/** A growable list of doubles: the contents of one packed constant array under construction. */
final class NumberList {

  private double[] data = new double[64];
  private int size;

  int size() {
    return size;
  }

  /** Appends {@code value} and returns its index. */
  int add(double value) {
    ensure(size + 1);
    data[size] = value;
    return size++;
  }

  /** Appends {@code values} and returns the index of the first. */
  int addAll(double[] values) {
    ensure(size + values.length);
    System.arraycopy(values, 0, data, size, values.length);
    int start = size;
    size += values.length;
    return start;
  }

  /** Drops everything from index {@code newSize} on. */
  void truncate(int newSize) {
    if (newSize < 0 || newSize > size) {
      throw new IllegalArgumentException("cannot truncate " + size + " values to " + newSize);
    }
    size = newSize;
  }

  double[] toArray() {
    return Arrays.copyOf(data, size);
  }

  private void ensure(long capacity) {
    if (capacity > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("too many constants for one array: " + capacity);
    }
    if (capacity > data.length) {
      data =
          Arrays.copyOf(
              data, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(capacity, 2L * data.length)));
    }
  }
}
