package dev.rnnc.compiler.check;

/**
 * The limits a spec must stay within, so that checking and compiling it stays cheap whatever the
 * input: sizes, windows, delays and the amount of memory a model may need.
 *
 * @param maxSize largest group or vector input size
 * @param maxWindow largest window size and stride
 * @param maxDelay largest fixed delay, in steps
 * @param maxMatrixValues most values one weight matrix may have
 * @param maxTotalSize most elements of all neurons and groups together
 * @param maxTotalWeights most weights of all edges together
 * @param maxHistory most values a model may keep from earlier steps, counted before the order is
 *     known (every {@code auto} edge as one step of history)
 */
public record Limits(
    int maxSize,
    int maxWindow,
    int maxDelay,
    int maxMatrixValues,
    long maxTotalSize,
    long maxTotalWeights,
    long maxHistory) {

  /** The limits of the language: what {@link SpecChecker#check} enforces. */
  public static final Limits DEFAULT =
      new Limits(1_000_000, 1_000_000, 10_000, 1 << 25, 1L << 24, 1L << 27, 1L << 27);

  public Limits {
    if (maxSize < 1
        || maxWindow < 1
        || maxDelay < 0
        || maxMatrixValues < 1
        || maxTotalSize < 1
        || maxTotalWeights < 1
        || maxHistory < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
