package dev.rnnc.runtime;

import dev.rnnc.runtime.internal.FeaturizerState;

import java.util.Arrays;
import java.util.Objects;

/**
 * A checkpoint of a {@link Session}: the evaluator's state, the window's buffered elements and
 * the element and step counters. Restoring it continues the stream bit for bit as if it had never
 * been interrupted. Immutable: the array is copied in and out.
 *
 * @param evaluatorState what {@link Evaluator#saveState()} returned
 * @param window the featurizer's snapshot, including the element counter
 * @param steps number of steps completed
 */
public record SessionState(double[] evaluatorState, FeaturizerState window, long steps) {

  public SessionState {
    evaluatorState = Objects.requireNonNull(evaluatorState, "evaluatorState").clone();
    Objects.requireNonNull(window, "window");
    if (steps < 0) {
      throw new IllegalArgumentException("step count must be >= 0, got " + steps);
    }
  }

  /** A copy of the evaluator's state. */
  @Override
  public double[] evaluatorState() {
    return evaluatorState.clone();
  }

  /** Number of elements pushed since the start of the stream. */
  public long elements() {
    return window.elements();
  }

  /** Equal when every field is equal, the evaluator states compared bit for bit. */
  @Override
  public boolean equals(Object o) {
    return o instanceof SessionState s
        && steps == s.steps
        && Arrays.equals(evaluatorState, s.evaluatorState)
        && window.equals(s.window);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(evaluatorState), window, steps);
  }

  @Override
  public String toString() {
    return "SessionState[evaluatorState="
        + Arrays.toString(evaluatorState)
        + ", window="
        + window
        + ", steps="
        + steps
        + "]";
  }
}
