package dev.rnnc.runtime.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot of a {@link Featurizer}: how many elements it has seen and the elements a later step
 * can still see, which is enough to resume the stream exactly.
 *
 * <p>A window of size {@code n} makes a later step see at most the last {@code n-1} elements
 * already pushed, so {@code buffered() = min(elements, n-1)} elements are kept, oldest first. For
 * each buffered element, {@code vectors} holds the values of every vector input in declaration
 * order and {@code tokens} the token of every tokens input in declaration order (as stored, that is
 * after lowercasing when the input says so). Immutable: the array is copied in and out.
 *
 * @param elements number of elements pushed since the start of the stream
 * @param windowSize the window size of the featurizer that made the snapshot
 * @param vectors buffered vector values, element-major, as described above
 * @param tokens buffered tokens, element-major, as described above
 */
public record FeaturizerState(
    long elements, int windowSize, double[] vectors, List<String> tokens) {

  public FeaturizerState {
    if (elements < 0) {
      throw new IllegalArgumentException("element count must be >= 0, got " + elements);
    }
    if (windowSize < 1) {
      throw new IllegalArgumentException("window size must be >= 1, got " + windowSize);
    }
    vectors = Objects.requireNonNull(vectors, "vectors").clone();
    tokens = List.copyOf(tokens);
  }

  /** Number of buffered elements: {@code min(elements, windowSize - 1)}. */
  public int buffered() {
    return (int) Math.min(elements, windowSize - 1L);
  }

  /** A copy of the buffered vector values. */
  @Override
  public double[] vectors() {
    return vectors.clone();
  }

  /** Equal when every field is equal, the vector values compared bit for bit. */
  @Override
  public boolean equals(Object o) {
    return o instanceof FeaturizerState s
        && elements == s.elements
        && windowSize == s.windowSize
        && Arrays.equals(vectors, s.vectors)
        && tokens.equals(s.tokens);
  }

  @Override
  public int hashCode() {
    return Objects.hash(elements, windowSize, Arrays.hashCode(vectors), tokens);
  }

  @Override
  public String toString() {
    return "FeaturizerState[elements="
        + elements
        + ", windowSize="
        + windowSize
        + ", vectors="
        + Arrays.toString(vectors)
        + ", tokens="
        + tokens
        + "]";
  }
}
