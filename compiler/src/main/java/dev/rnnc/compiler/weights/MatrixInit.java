package dev.rnnc.compiler.weights;

import dev.rnnc.compiler.ir.Matrix;

/** Generates matrices from an {@link InitSpec}. */
public final class MatrixInit {

  private MatrixInit() {}

  /**
   * A {@code rows x cols} matrix, identical for the same spec on every machine. With {@code
   * spectralRadius} the matrix must be square (the checker ensures it) and is scaled so that its
   * largest eigenvalue magnitude equals the target (an all-zero matrix stays zero).
   */
  public static Matrix generate(InitSpec spec, int rows, int cols) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
