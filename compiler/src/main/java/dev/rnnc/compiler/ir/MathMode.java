package dev.rnnc.compiler.ir;

/**
 * How generated code may compute: {@link #EXACT} (the default) follows the contract's order of
 * operations bit for bit, as the interpreter does; {@link #FAST} ({@code math: fast}) lets
 * generated code compute {@code tanh} and {@code sigmoid} with a rational approximation whose
 * absolute error is at most {@link #FAST_TANH_ERROR} (double precision) or {@link
 * #FAST_TANH_ERROR_FLOAT} (float precision, evaluated in float), half that for {@code sigmoid}.
 * Everything else stays exact. The interpreter always computes exactly.
 */
public enum MathMode {
  EXACT,
  FAST;

  /** Bound on |fast tanh - tanh| in double precision (largest error measured: 3.64e-8). */
  public static final double FAST_TANH_ERROR = 4e-8;

  /**
   * Bound on |fast tanh - tanh| in float precision, evaluated in float (largest error over every
   * float: 3.46e-7, six float ulps near 1).
   */
  public static final double FAST_TANH_ERROR_FLOAT = 4e-7;
}
