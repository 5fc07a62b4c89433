package dev.rnnc.compiler.ir;

import java.util.Arrays;

/**
 * An immutable dense weight matrix, row-major: {@code get(i, j)} is row i (target element), column
 * j (source element), as PyTorch stores {@code weight_ih}.
 */
public final class Matrix {

  private final int rows;
  private final int cols;
  private final double[] data;

  /**
   * A matrix holding a copy of {@code data}, row-major ({@code data[i * cols + j]} is (i, j)).
   *
   * @throws IllegalArgumentException if the shape is not positive or does not fit the data
   */
  public Matrix(int rows, int cols, double[] data) {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("matrix shape must be positive: " + rows + "x" + cols);
    }
    if (data.length != (long) rows * cols) {
      throw new IllegalArgumentException(
          "matrix data has " + data.length + " values, shape " + rows + "x" + cols);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data.clone();
  }

  public static Matrix scalar(double w) {
    return new Matrix(1, 1, new double[] {w});
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** Number of values: {@code rows * cols}. */
  public int size() {
    return data.length;
  }

  public double get(int row, int col) {
    return data[row * cols + col];
  }

  /** The value at {@code index} in row-major order: {@code get(index / cols, index % cols)}. */
  public double at(int index) {
    return data[index];
  }

  /** A new row-major array of the values. */
  public double[] toArray() {
    return data.clone();
  }

  /** A new column-major array of the values: {@code t[j * rows + i] == get(i, j)}. */
  public double[] toColumnMajor() {
    double[] t = new double[data.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t[j * rows + i] = data[i * cols + j];
      }
    }
    return t;
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
