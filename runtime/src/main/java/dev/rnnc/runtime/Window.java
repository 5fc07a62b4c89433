package dev.rnnc.runtime;

/**
 * How a stream of elements becomes steps. A step ends at element {@code e = size-1, size-1+stride,
 * ...} (with {@code partial}: {@code e = 0, stride, 2*stride, ...}) and summarizes elements {@code
 * max(0, e-size+1)..e}. {@link #NONE} makes every element one step.
 */
public record Window(int size, int stride, boolean partial) {

  /** No window: every element is one step. */
  public static final Window NONE = new Window(1, 1, false);

  public Window {
    if (size < 1 || stride < 1) {
      throw new IllegalArgumentException("window size and stride must be >= 1");
    }
  }

  /** Whether a step ends at element {@code e} (0-based). */
  public boolean endsStepAt(long e) {
    long first = firstStepEnd();
    return e >= first && (e - first) % stride == 0;
  }

  /** Number of steps that end at elements {@code 0 .. elements - 1}. */
  public long stepsEndedBy(long elements) {
    long first = firstStepEnd();
    return elements <= first ? 0 : (elements - 1 - first) / stride + 1;
  }

  /** The element at which the first step ends. */
  private long firstStepEnd() {
    return partial ? 0 : size - 1;
  }
}
