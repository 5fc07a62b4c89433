package dev.rnnc.runtime.internal;

/**
 * Working space for the activations over arrays ({@link Activations#tanh(double[], int, int,
 * ActivationScratch)} and {@link Activations#tanhToFloat(float[], int, int, ActivationScratch)}):
 * allocated once, so that those allocate nothing. Not thread-safe: one per evaluator (or thread).
 */
public final class ActivationScratch {

  // Separate arrays rather than parts of one, so that the JIT sees that loops reading one and
  // writing another do not overlap, and vectorizes them.
  final double[] a;
  final double[] b;
  final double[] c;
  final double[] d;
  final double[] e;

  /** Space for pieces of {@code length} elements; {@code length} must be positive. */
  public ActivationScratch(int length) {
    if (length <= 0) {
      throw new IllegalArgumentException("scratch length must be positive, got " + length);
    }
    a = new double[length];
    b = new double[length];
    c = new double[length];
    d = new double[length];
    e = new double[length];
  }

  /** The number of elements processed at a time. */
  public int length() {
    return a.length;
  }
}
