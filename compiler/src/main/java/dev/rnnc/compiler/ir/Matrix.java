package dev.rnnc.compiler.ir;

import java.util.Arrays;

/**
 * A dense weight matrix, row-major: {@code get(i, j) == data[i * cols + j]}. Row = target element,
 * column = source element, as PyTorch stores {@code weight_ih}. The array is never modified after
 * construction; callers must not modify it either.
 */
public record Matrix(int rows, int cols, double[] data) {

  public Matrix {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("matrix shape must be positive: " + rows + "x" + cols);
    }
    if (data.length != (long) rows * cols) {
      throw new IllegalArgumentException(
          "matrix data has " + data.length + " values, shape " + rows + "x" + cols);
    }
  }

  public static Matrix scalar(double w) {
    return new Matrix(1, 1, new double[] {w});
  }

  public double get(int row, int col) {
    return data[row * cols + col];
  }

  public boolean isScalar() {
    return rows == 1 && cols == 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Matrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + cols) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Matrix[" + rows + "x" + cols + "]";
  }
}
