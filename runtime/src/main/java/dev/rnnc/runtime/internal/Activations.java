package dev.rnnc.runtime.internal;

/**
 * The exact formulas of the activation functions. The reference interpreter and generated code both
 * call these (standalone code inlines the same expressions), so results agree bit for bit.
 */
public final class Activations {

  private Activations() {}

  public static double identity(double x) {
    return x;
  }

  /**
   * fdlibm's tanh, equal to {@code StrictMath.tanh(x)} on every JDK (see {@link Fdlibm}): the same
   * bits everywhere, and, computed in Java rather than by a native call, about twice as fast as
   * {@code Math.tanh} (which is {@code StrictMath.tanh} up to JDK 23 and may be an intrinsic with
   * other roundings later).
   */
  public static double tanh(double x) {
    return Fdlibm.tanh(x);
  }

  /**
   * {@link #tanh(double)} of {@code values[from]} to {@code values[to - 1]}, in place: the same
   * bits, several times faster for arrays of activations (most of the work runs in a loop that the
   * JIT vectorizes; see {@link Fdlibm}). Longer ranges than {@code scratch.length()} are processed
   * in pieces of that length.
   */
  public static void tanh(double[] values, int from, int to, ActivationScratch scratch) {
    Fdlibm.tanh(values, from, to, scratch);
  }

  /**
   * {@code (float) tanh(x)} for a float argument, as float-precision models compute tanh (in
   * double, rounded to float): the same bits, usually without running fdlibm (see {@link
   * Fdlibm#tanhToFloat}).
   */
  public static float tanhToFloat(float x) {
    return Fdlibm.tanhToFloat(x);
  }

  /**
   * {@link #tanhToFloat(float)} of {@code values[from]} to {@code values[to - 1]}, in place: the
   * same bits, several times faster for arrays of activations (most of the work runs in a loop that
   * the JIT vectorizes). Longer ranges than {@code scratch.length()} are processed in pieces of
   * that length.
   */
  public static void tanhToFloat(float[] values, int from, int to, ActivationScratch scratch) {
    Fdlibm.tanhToFloat(values, from, to, scratch);
  }

  public static double sigmoid(double x) {
    return 1.0 / (1.0 + Math.exp(-x));
  }

  public static double relu(double x) {
    return x > 0.0 ? x : 0.0;
  }

  public static double leakyRelu(double x, double alpha) {
    return x > 0.0 ? x : alpha * x;
  }

  public static double elu(double x, double alpha) {
    return x > 0.0 ? x : alpha * Math.expm1(x);
  }

  /** log(1 + e^x), computed without overflow. */
  public static double softplus(double x) {
    return x > 0.0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }

  public static double sin(double x) {
    return Math.sin(x);
  }

  public static double gauss(double x) {
    return Math.exp(-(x * x));
  }

  public static double step(double x) {
    return x > 0.0 ? 1.0 : 0.0;
  }

  public static double abs(double x) {
    return Math.abs(x);
  }

  public static double square(double x) {
    return x * x;
  }

  public static double clamp(double x) {
    return x < -1.0 ? -1.0 : (x > 1.0 ? 1.0 : x);
  }

  public static double exp(double x) {
    return Math.exp(x);
  }
}
