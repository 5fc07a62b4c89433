package dev.rnnc.compiler.ir;

import java.util.Arrays;

/**
 * An immutable weight matrix: {@code get(i, j)} is row i (target element), column j (source
 * element), as PyTorch stores {@code weight_ih}.
 *
 * <p>A matrix is dense (every entry is a term) or sparse: then only its <em>stored</em> entries,
 * kept row by row in increasing column (compressed sparse rows), are terms, and every other entry
 * is a structural zero that contributes nothing (not even {@code 0 * y}) and stays zero in
 * training. A stored entry may itself be zero (an elementwise edge's {@code diagonal: 0}). The
 * float order is the contract's either way: in each row, j increasing over the terms.
 */
public final class Matrix {

  /**
   * A matrix with at most this fraction of non-zero entries, and at least {@link #SPARSE_MIN_ROWS}
   * rows, is stored sparse by {@link #compact}.
   */
  public static final double SPARSE_DENSITY = 0.25;

  /** Matrices with fewer rows stay dense (a row edge is written term by term anyway). */
  public static final int SPARSE_MIN_ROWS = 2;

  private final int rows;
  private final int cols;

  /** Row-major values of a dense matrix; null when sparse. */
  private final double[] data;

  /** Sparse: row i's stored entries are {@code [rowStart[i], rowStart[i + 1])}. */
  private final int[] rowStart;

  private final int[] colIndex;
  private final double[] values;

  /**
   * A dense matrix holding a copy of {@code data}, row-major ({@code data[i * cols + j]} is (i,
   * j)).
   *
   * @throws IllegalArgumentException if the shape is not positive or does not fit the data
   */
  public Matrix(int rows, int cols, double[] data) {
    checkShape(rows, cols);
    if (data.length != (long) rows * cols) {
      throw new IllegalArgumentException(
          "matrix data has " + data.length + " values, shape " + rows + "x" + cols);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data.clone();
    this.rowStart = null;
    this.colIndex = null;
    this.values = null;
  }

  private Matrix(int rows, int cols, int[] rowStart, int[] colIndex, double[] values) {
    this.rows = rows;
    this.cols = cols;
    this.data = null;
    this.rowStart = rowStart;
    this.colIndex = colIndex;
    this.values = values;
  }

  /**
   * A sparse matrix from compressed rows (copied): row i stores {@code values[k]} at column {@code
   * colIndex[k]} for k in {@code [rowStart[i], rowStart[i + 1])}, columns strictly increasing.
   */
  public static Matrix sparse(int rows, int cols, int[] rowStart, int[] colIndex, double[] values) {
    checkShape(rows, cols);
    if (rowStart.length != rows + 1 || rowStart[0] != 0) {
      throw new IllegalArgumentException("rowStart needs rows + 1 entries starting at 0");
    }
    int nnz = rowStart[rows];
    if (colIndex.length != nnz || values.length != nnz) {
      throw new IllegalArgumentException("colIndex and values need " + nnz + " entries");
    }
    for (int i = 0; i < rows; i++) {
      if (rowStart[i + 1] < rowStart[i]) {
        throw new IllegalArgumentException("rowStart must not decrease");
      }
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        if (colIndex[k] < 0
            || colIndex[k] >= cols
            || (k > rowStart[i] && colIndex[k] <= colIndex[k - 1])) {
          throw new IllegalArgumentException("columns must increase within a row and fit");
        }
      }
    }
    return new Matrix(rows, cols, rowStart.clone(), colIndex.clone(), values.clone());
  }

  /** The elementwise matrix {@code diag(d)}: n x n, entry (i, i) stored for every i. */
  public static Matrix diagonal(double[] d) {
    int n = d.length;
    int[] rowStart = new int[n + 1];
    int[] colIndex = new int[n];
    for (int i = 0; i < n; i++) {
      rowStart[i + 1] = i + 1;
      colIndex[i] = i;
    }
    checkShape(n, n);
    return new Matrix(n, n, rowStart, colIndex, d.clone());
  }

  /**
   * This matrix, stored sparse (its non-zero entries) if it has at least {@link #SPARSE_MIN_ROWS}
   * rows and at most {@link #SPARSE_DENSITY} of its entries are non-zero; otherwise itself.
   */
  public Matrix compact() {
    if (data == null || rows < SPARSE_MIN_ROWS) {
      return this;
    }
    int nnz = 0;
    for (double v : data) {
      if (v != 0) {
        nnz++;
      }
    }
    if (nnz > SPARSE_DENSITY * data.length) {
      return this;
    }
    int[] rowStart = new int[rows + 1];
    int[] colIndex = new int[nnz];
    double[] vals = new double[nnz];
    int k = 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        double v = data[i * cols + j];
        if (v != 0) {
          colIndex[k] = j;
          vals[k++] = v;
        }
      }
      rowStart[i + 1] = k;
    }
    return new Matrix(rows, cols, rowStart, colIndex, vals);
  }

  private static void checkShape(int rows, int cols) {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("matrix shape must be positive: " + rows + "x" + cols);
    }
    if ((long) rows * cols > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("matrix too large: " + rows + "x" + cols);
    }
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

  /** Number of entries: {@code rows * cols} (structural zeros included). */
  public int size() {
    return rows * cols;
  }

  /** Whether only the stored entries are terms (see the class comment). */
  public boolean isSparse() {
    return data == null;
  }

  /** Whether this is sparse with exactly the entries (i, i) stored (an elementwise edge). */
  public boolean isDiagonal() {
    if (data != null || rows != cols) {
      return false;
    }
    for (int i = 0; i < rows; i++) {
      if (rowStart[i + 1] != i + 1 || colIndex[i] != i) {
        return false;
      }
    }
    return true;
  }

  /** Number of terms: the stored entries of a sparse matrix, every entry of a dense one. */
  public int stored() {
    return data == null ? values.length : data.length;
  }

  /** Index of row i's first term in {@link #storedColumn}/{@link #storedValue} order. */
  public int rowStart(int row) {
    return data == null ? rowStart[row] : row * cols;
  }

  /** The end (exclusive) of row i's terms. */
  public int rowEnd(int row) {
    return data == null ? rowStart[row + 1] : (row + 1) * cols;
  }

  /** The column of term k (in row order, columns increasing). */
  public int storedColumn(int k) {
    return data == null ? colIndex[k] : k % cols;
  }

  /** The value of term k. */
  public double storedValue(int k) {
    return data == null ? values[k] : data[k];
  }

  public double get(int row, int col) {
    if (data != null) {
      return data[row * cols + col];
    }
    int k = Arrays.binarySearch(colIndex, rowStart[row], rowStart[row + 1], col);
    return k >= 0 ? values[k] : 0.0;
  }

  /** The value at {@code index} in row-major order: {@code get(index / cols, index % cols)}. */
  public double at(int index) {
    return data != null ? data[index] : get(index / cols, index % cols);
  }

  /** Whether entry {@code index} (row-major) is a term (always, for a dense matrix). */
  public boolean isStored(int index) {
    if (data != null) {
      return true;
    }
    int row = index / cols;
    return Arrays.binarySearch(colIndex, rowStart[row], rowStart[row + 1], index % cols) >= 0;
  }

  /** A new row-major array of the values (structural zeros as 0). */
  public double[] toArray() {
    if (data != null) {
      return data.clone();
    }
    double[] a = new double[rows * cols];
    for (int i = 0; i < rows; i++) {
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        a[i * cols + colIndex[k]] = values[k];
      }
    }
    return a;
  }

  /** A new column-major array of the values: {@code t[j * rows + i] == get(i, j)}. */
  public double[] toColumnMajor() {
    double[] t = new double[rows * cols];
    for (int i = 0; i < rows; i++) {
      for (int k = rowStart(i); k < rowEnd(i); k++) {
        t[storedColumn(k) * rows + i] = storedValue(k);
      }
    }
    return t;
  }

  /**
   * The same structure with new values: {@code valueAt.applyAsDouble(index)} for each stored entry
   * at row-major {@code index} (structural zeros stay zero).
   */
  public Matrix withValues(java.util.function.IntToDoubleFunction valueAt) {
    if (data != null) {
      double[] a = new double[data.length];
      for (int k = 0; k < a.length; k++) {
        a[k] = valueAt.applyAsDouble(k);
      }
      return new Matrix(rows, cols, a);
    }
    double[] v = new double[values.length];
    for (int i = 0; i < rows; i++) {
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        v[k] = valueAt.applyAsDouble(i * cols + colIndex[k]);
      }
    }
    return new Matrix(rows, cols, rowStart, colIndex, v);
  }

  /** Sparse parts: row starts (rows + 1), columns and values of the stored entries (copies). */
  public int[] rowStarts() {
    return data == null ? rowStart.clone() : null;
  }

  /** The columns of the stored entries of a sparse matrix (a copy), or null when dense. */
  public int[] columns() {
    return data == null ? colIndex.clone() : null;
  }

  /** The values of the stored entries of a sparse matrix (a copy), or null when dense. */
  public double[] storedValues() {
    return data == null ? values.clone() : null;
  }

  public boolean isScalar() {
    return rows == 1 && cols == 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Matrix m
        && m.rows == rows
        && m.cols == cols
        && Arrays.equals(m.data, data)
        && Arrays.equals(m.rowStart, rowStart)
        && Arrays.equals(m.colIndex, colIndex)
        && Arrays.equals(m.values, values);
  }

  @Override
  public int hashCode() {
    int h = 31 * (31 * rows + cols) + Arrays.hashCode(data);
    return 31 * h + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Matrix["
        + rows
        + "x"
        + cols
        + (data == null ? ", " + values.length + " stored" : "")
        + "]";
  }
}
