package dev.rnnc.compiler.weights;

import dev.rnnc.compiler.ir.Matrix;
import java.util.Arrays;
import java.util.Random;

/**
 * Generates matrices from an {@link InitSpec}.
 *
 * <p>The values are a pure function of the spec and the shape, the same on every JVM, because
 * {@link java.util.Random}'s algorithm is part of its specification ({@code nextGaussian} included)
 * and Java floating point is strict:
 *
 * <pre>{@code
 * Random random = new Random(seed);
 * for (int k = 0; k < rows * cols; k++) {        // row-major: k = i * cols + j
 *   if (density < 1 && !(random.nextDouble() < density)) {
 *     w[k] = 0.0;                                // dropped: no value is drawn
 *     continue;
 *   }
 *   w[k] = distribution == NORMAL
 *       ? scale * random.nextGaussian()          // mean 0, standard deviation scale
 *       : scale * (2 * random.nextDouble() - 1); // uniform in [-scale, scale)
 * }
 * }</pre>
 *
 * <p>With {@code density == 1} no keep/drop number is drawn at all; with {@code density < 1} a
 * value is drawn only for a kept entry, right after its keep/drop number.
 *
 * <p>With {@code spectralRadius = rho} (square matrices only) the matrix is then rescaled:
 *
 * <ol>
 *   <li>If every entry is zero, it stays zero.
 *   <li>Let {@code m} be the largest entry magnitude and {@code e = Math.getExponent(m)}; {@code B
 *       = Math.scalb(W, -e)} entrywise (an exact power-of-two scaling that keeps the eigensolver
 *       away from overflow).
 *   <li>{@code r} = the spectral radius of {@code B} (largest eigenvalue magnitude, complex
 *       eigenvalues included), computed per strongly connected component of B's nonzero pattern: a
 *       1x1 component gives {@code |b_ii|} (0 without a self-loop), a larger one the largest {@code
 *       StrictMath.hypot(re, im)} of EJML's eigenvalues ({@code DecompositionFactory_DDRM.eig(n,
 *       false)}), retried on the transpose if EJML does not converge, and if that fails too,
 *       estimated by Gelfand's formula {@code ||B^(2^s)||^(1/2^s)} with repeated normalized
 *       squaring (accurate to about 1e-15 relative).
 *   <li>If {@code r == 0} (the pattern has no cycle: the matrix is nilpotent), the matrix is left
 *       as generated; otherwise every entry becomes {@code b_ij * (rho / r)}.
 * </ol>
 *
 * The result has spectral radius {@code rho} up to eigensolver rounding (about 1e-12 relative for
 * well-conditioned eigenvalues). It is deterministic for a given EJML version: EJML's nonsymmetric
 * solver uses only correctly rounded operations, except for a {@code Math.pow} in its rarely taken
 * exceptional shift.
 */
public final class MatrixInit {

  private MatrixInit() {}

  /**
   * A {@code rows x cols} matrix, identical for the same spec on every machine. With {@code
   * spectralRadius} the matrix must be square (the checker ensures it) and is scaled so that its
   * largest eigenvalue magnitude equals the target (an all-zero matrix stays zero).
   *
   * @throws IllegalArgumentException if a dimension is not positive, the matrix would hold more
   *     than {@code Integer.MAX_VALUE - 8} values, or a spectral radius is requested for a
   *     non-square matrix or is negative or not finite
   */
  public static Matrix generate(InitSpec spec, int rows, int cols) {
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("matrix shape must be positive: " + rows + "x" + cols);
    }
    if ((long) rows * cols > NpyReader.MAX_VALUES) {
      throw new IllegalArgumentException("matrix too large: " + rows + "x" + cols);
    }
    boolean scaled = spec.spectralRadius().isPresent();
    double target = scaled ? spec.spectralRadius().getAsDouble() : 0;
    if (scaled && rows != cols) {
      throw new IllegalArgumentException(
          "spectral radius needs a square matrix, not " + rows + "x" + cols);
    }
    if (scaled && !(target >= 0 && target < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("spectral radius must be finite and >= 0: " + target);
    }
    Random random = new Random(spec.seed());
    double density = spec.density();
    double scale = spec.scale();
    boolean normal = spec.distribution() == InitSpec.Distribution.NORMAL;
    if (density < 1) {
      return sparse(random, density, scale, normal, rows, cols, scaled, target);
    }
    double[] w = new double[rows * cols];
    for (int k = 0; k < w.length; k++) {
      w[k] = normal ? scale * random.nextGaussian() : scale * (2 * random.nextDouble() - 1);
    }
    if (scaled) {
      SpectralRadius.scaleTo(w, rows, target);
    }
    return new Matrix(rows, cols, w);
  }

  /**
   * The same draws as the dense loop with {@code density < 1}, kept as a sparse matrix whose stored
   * entries are the kept ones (a drawn value that is exactly 0 is dropped too): memory and time in
   * proportion to the kept entries, apart from one keep/drop number per entry.
   */
  private static Matrix sparse(
      Random random,
      double density,
      double scale,
      boolean normal,
      int rows,
      int cols,
      boolean scaled,
      double target) {
    int[] rowStart = new int[rows + 1];
    int capacity =
        (int)
            Math.min(
                (long) rows * cols, Math.max(16, (long) (rows * (double) cols * density * 1.1)));
    int[] col = new int[capacity];
    double[] val = new double[capacity];
    int nnz = 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        if (!(random.nextDouble() < density)) {
          continue;
        }
        double v = normal ? scale * random.nextGaussian() : scale * (2 * random.nextDouble() - 1);
        if (v == 0) {
          continue;
        }
        if (nnz == col.length) {
          int grown = (int) Math.min(Integer.MAX_VALUE - 8, 2L * nnz);
          col = Arrays.copyOf(col, grown);
          val = Arrays.copyOf(val, grown);
        }
        col[nnz] = j;
        val[nnz++] = v;
      }
      rowStart[i + 1] = nnz;
    }
    col = Arrays.copyOf(col, nnz);
    val = Arrays.copyOf(val, nnz);
    if (scaled) {
      SpectralRadius.scaleTo(rowStart, col, val, rows, target);
    }
    return Matrix.sparse(rows, cols, rowStart, col, val);
  }
}
