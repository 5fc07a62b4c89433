package dev.rnnc.compiler.weights;

import java.util.Arrays;

/**
 * A numeric array read from a file, C order (last index fastest). A CSV file always gives shape
 * [rows, cols], also for a single row or column; a {@code .npy} file gives its declared shape
 * ({@code []} for a 0-d array). The data array is not modified after construction.
 */
public record NdArray(int[] shape, double[] data) {

  public NdArray {
    shape = shape.clone();
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension");
      }
      n *= d;
    }
    if (n != data.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " does not hold " + data.length + " values");
    }
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NdArray a && Arrays.equals(a.shape, shape) && Arrays.equals(a.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "NdArray" + Arrays.toString(shape);
  }
}
