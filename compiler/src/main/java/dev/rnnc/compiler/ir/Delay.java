package dev.rnnc.compiler.ir;

/**
 * The delay an edge declares: {@code auto} (node sources only; 0 when the source comes before the
 * target in the order, else 1) or a fixed number of steps {@code k >= 0}.
 */
public record Delay(boolean auto, int steps) {

  public static final Delay AUTO = new Delay(true, 0);
  public static final Delay ZERO = new Delay(false, 0);

  public Delay {
    if (steps < 0 || (auto && steps != 0)) {
      throw new IllegalArgumentException("bad delay: auto=" + auto + " steps=" + steps);
    }
  }

  public static Delay fixed(int steps) {
    return steps == 0 ? ZERO : new Delay(false, steps);
  }

  @Override
  public String toString() {
    return auto ? "auto" : Integer.toString(steps);
  }
}
