package it.standalone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WindowSentimentTest {

  static double sigmoid(double x) {
    return 1.0 / (1.0 + Math.exp(-x));
  }

  @Test
  void namesItsFeaturesAndOutputs() {
    assertEquals(9, WindowSentiment.FEATURE_COUNT);
    assertEquals("words[not good]", WindowSentiment.FEATURE_NAMES.get(7));
    assertEquals(List.of("score", "praise", "negation"), WindowSentiment.OUTPUT_NAMES);
  }

  @Test
  void remembersThePreviousScore() {
    WindowSentiment model = new WindowSentiment();
    double[] good = new double[WindowSentiment.FEATURE_COUNT];
    good[WindowSentiment.FEATURE_NAMES.indexOf("words[good]")] = 1.0;
    double[] nothing = new double[WindowSentiment.FEATURE_COUNT];
    double[] out = new double[WindowSentiment.OUTPUT_COUNT];

    // Order: praise, negation, score; score -> praise reads the previous step (0 at first).
    double praise0 = Math.tanh(-0.1 + 1.0);
    double negation0 = sigmoid(-2.0);
    double score0 = sigmoid(2.5 * praise0 + -0.5 * negation0);
    model.step(good, out);
    assertArrayEquals(new double[] {score0, praise0, negation0}, out, 1e-12);

    double[] saved = model.saveState();
    double praise1 = Math.tanh(-0.1 + 0.6 * score0);
    double score1 = sigmoid(2.5 * praise1 + -0.5 * negation0);
    model.step(nothing, out);
    assertArrayEquals(new double[] {score1, praise1, negation0}, out, 1e-12);

    model.loadState(saved);
    double[] again = new double[WindowSentiment.OUTPUT_COUNT];
    model.step(nothing, again);
    assertArrayEquals(out, again, 0.0);
  }
}
