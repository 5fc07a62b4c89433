package dev.rnnc.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.runtime.TokenFeatures;
import dev.rnnc.runtime.TokenInput;
import dev.rnnc.runtime.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Token windows are counted incrementally (a step costs its stride, not its window): the features
 * must be exactly those of counting every window afresh, for any window, stride, n-grams, feature
 * kind, and with the stream saved and restored anywhere.
 */
class IncrementalTokenCountsTest {

  private static final List<String> WORDS = List.of("a", "b", "c", "d");

  /** The features of window {@code [first, e]} counted from scratch. */
  private static double[] reference(TokenInput input, List<String> tokens, long first, long e) {
    double[] out = new double[input.featureCount()];
    for (long j = first; j <= e; j++) {
      for (int n : input.ngrams().stream().distinct().toList()) {
        long start = j - n + 1;
        if (start < first) {
          continue;
        }
        String gram = String.join(" ", tokens.subList((int) start, (int) j + 1));
        int id = input.vocabulary().indexOf(gram);
        if (id >= 0) {
          out[id] = input.features() == TokenFeatures.COUNTS ? out[id] + 1 : 1;
        }
      }
    }
    return out;
  }

  @Test
  void incrementalCountsEqualCountingAfresh() {
    Random random = new Random(20261203);
    for (int trial = 0; trial < 400; trial++) {
      int size = 1 + random.nextInt(7);
      int stride = 1 + random.nextInt(9);
      boolean partial = random.nextBoolean();
      Window window = new Window(size, stride, partial);
      TokenInput input =
          new TokenInput(
              "w",
              List.of("a", "b", "a b", "b a", "c d", "a a", "d"),
              random.nextBoolean() ? List.of(1, 2) : List.of(2, 1),
              false,
              TokenInput.DEFAULT_PATTERN,
              random.nextBoolean() ? TokenFeatures.COUNTS : TokenFeatures.PRESENCE);
      Featurizer f = new Featurizer(List.of(input), window);
      List<String> tokens = new ArrayList<>();
      int length = random.nextInt(60);
      int restoreAt = random.nextInt(length + 1);
      double[] out = new double[input.featureCount()];
      for (int e = 0; e < length; e++) {
        if (e == restoreAt) {
          FeaturizerState saved = f.save();
          f = new Featurizer(List.of(input), window);
          f.restore(saved);
        }
        String token = WORDS.get(random.nextInt(WORDS.size()));
        tokens.add(token);
        boolean stepped = f.pushToken(token, out);
        assertThat(stepped).isEqualTo(window.endsStepAt(e));
        if (stepped) {
          long first = Math.max(0, e - size + 1);
          assertThat(out)
              .as("trial %d, window %s, element %d", trial, window, e)
              .containsExactly(reference(input, tokens, first, e));
        }
      }
    }
  }
}
