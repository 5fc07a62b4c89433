package dev.rnnc.runtime;

import java.util.List;
import java.util.Objects;

/**
 * A text input: each element is one token; features are the vocabulary terms (n-grams joined by one
 * space), in vocabulary order.
 *
 * @param ngrams the n-gram lengths to form inside a window, e.g. [1, 2]
 * @param lowercase whether tokens are lowercased before matching
 * @param pattern the regular expression a token matches, when raw text is tokenized
 */
public record TokenInput(
    String name,
    List<String> vocabulary,
    List<Integer> ngrams,
    boolean lowercase,
    String pattern,
    TokenFeatures features)
    implements InputDef {

  /** The default token pattern: runs of letters, digits and apostrophes. */
  public static final String DEFAULT_PATTERN = "[\\p{L}\\p{N}']+";

  public TokenInput {
    Objects.requireNonNull(name, "name");
    vocabulary = List.copyOf(vocabulary);
    ngrams = List.copyOf(ngrams);
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(features, "features");
    if (vocabulary.isEmpty()) {
      throw new IllegalArgumentException("vocabulary must not be empty");
    }
    if (ngrams.isEmpty() || ngrams.stream().anyMatch(n -> n < 1)) {
      throw new IllegalArgumentException("n-gram lengths must be >= 1");
    }
  }

  @Override
  public int featureCount() {
    return vocabulary.size();
  }

  @Override
  public List<String> featureNames() {
    return vocabulary.stream().map(t -> name + "[" + t + "]").toList();
  }
}
