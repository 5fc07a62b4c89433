package dev.rnnc.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rnnc.runtime.InputDef;
import dev.rnnc.runtime.Reduce;
import dev.rnnc.runtime.TokenFeatures;
import dev.rnnc.runtime.TokenInput;
import dev.rnnc.runtime.VectorInput;
import dev.rnnc.runtime.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FeaturizerTest {

  /** Element i of the probe stream is 2^i, so a window's sum names the elements in it. */
  private static final double[] POWERS = {1, 2, 4, 8, 16, 32, 64};

  private static VectorInput scalar(Reduce reduce) {
    return new VectorInput("x", 1, reduce);
  }

  private static TokenInput tokens(
      List<String> vocabulary, List<Integer> ngrams, boolean lowercase, TokenFeatures features) {
    return new TokenInput(
        "words", vocabulary, ngrams, lowercase, TokenInput.DEFAULT_PATTERN, features);
  }

  /** Pushes the elements one by one; returns "e=features" for each step that ends. */
  private static List<String> steps(Featurizer f, List<?> elements) {
    List<String> steps = new ArrayList<>();
    double[] out = new double[f.featureCount()];
    for (Object element : elements) {
      long e = f.elements();
      if (f.push(new Object[] {element}, out)) {
        steps.add(e + "=" + java.util.Arrays.toString(out));
      }
    }
    return steps;
  }

  private static List<double[]> powers() {
    List<double[]> rows = new ArrayList<>();
    for (double p : POWERS) {
      rows.add(new double[] {p});
    }
    return rows;
  }

  @Nested
  class Windows {

    static Stream<Arguments> cases() {
      // Seven elements 1, 2, 4, ..., 64 (elements 0..6); sums identify the elements summarized.
      return Stream.of(
          // n=3, s=2: steps end at 2, 4, 6 and see 0..2, 2..4, 4..6.
          Arguments.of(3, 2, false, List.of("2=[7.0]", "4=[28.0]", "6=[112.0]")),
          // partial: also at 0; then 0..0, 0..2, 2..4, 4..6.
          Arguments.of(3, 2, true, List.of("0=[1.0]", "2=[7.0]", "4=[28.0]", "6=[112.0]")),
          // n=2, s=3 skips elements: 0..1, 3..4 (element 2, 5, 6 never seen by a step).
          Arguments.of(2, 3, false, List.of("1=[3.0]", "4=[24.0]")),
          // partial: 0..0, 2..3, 5..6 (elements 1 and 4 never seen).
          Arguments.of(2, 3, true, List.of("0=[1.0]", "3=[12.0]", "6=[96.0]")),
          // n=4, s=1: sliding window.
          Arguments.of(4, 1, false, List.of("3=[15.0]", "4=[30.0]", "5=[60.0]", "6=[120.0]")),
          Arguments.of(
              4,
              1,
              true,
              List.of(
                  "0=[1.0]",
                  "1=[3.0]",
                  "2=[7.0]",
                  "3=[15.0]",
                  "4=[30.0]",
                  "5=[60.0]",
                  "6=[120.0]")),
          // n=1, s=2: every other element, alone.
          Arguments.of(1, 2, false, List.of("0=[1.0]", "2=[4.0]", "4=[16.0]", "6=[64.0]")),
          // n=3, s=3: tumbling windows; the last element is left over.
          Arguments.of(3, 3, false, List.of("2=[7.0]", "5=[56.0]")),
          Arguments.of(3, 3, true, List.of("0=[1.0]", "3=[14.0]", "6=[112.0]")),
          // window larger than the stream: no step at all without partial.
          Arguments.of(8, 1, false, List.of()));
    }

    @ParameterizedTest(name = "size={0} stride={1} partial={2}")
    @MethodSource("cases")
    void stepsEndWhereTheWindowSaysAndSummarizeTheRightElements(
        int size, int stride, boolean partial, List<String> expected) {
      Featurizer f = new Featurizer(List.of(scalar(Reduce.SUM)), new Window(size, stride, partial));

      assertThat(steps(f, powers())).containsExactlyElementsOf(expected);
      assertThat(f.elements()).isEqualTo(7);
    }

    @Test
    void noWindowMakesEveryElementOneStep() {
      Featurizer f = new Featurizer(List.of(scalar(Reduce.MEAN)), Window.NONE);

      assertThat(steps(f, powers()))
          .containsExactly(
              "0=[1.0]", "1=[2.0]", "2=[4.0]", "3=[8.0]", "4=[16.0]", "5=[32.0]", "6=[64.0]");
    }

    @Test
    void oneElementWindowPassesTheElementThroughUnchanged() {
      Featurizer f = new Featurizer(List.of(new VectorInput("x", 3, Reduce.SUM)), Window.NONE);
      double[] out = new double[3];

      assertThat(f.pushVector(new double[] {-0.0, Double.NaN, 1e-310}, out)).isTrue();

      assertThat(Double.doubleToRawLongBits(out[0])).isEqualTo(Double.doubleToRawLongBits(-0.0));
      assertThat(out[1]).isNaN();
      assertThat(out[2]).isEqualTo(1e-310);
    }

    @Test
    void featuresAreUntouchedWhenNoStepEnds() {
      Featurizer f = new Featurizer(List.of(scalar(Reduce.SUM)), new Window(2, 1, false));
      double[] out = {42.0};

      assertThat(f.pushVector(new double[] {1.0}, out)).isFalse();

      assertThat(out).containsExactly(42.0);
    }
  }

  @Nested
  class Vectors {

    private final List<double[]> rows =
        List.of(
            new double[] {1, -1}, new double[] {2, 5}, new double[] {4, -3}, new double[] {8, 0});

    private List<double[]> run(Reduce reduce) {
      Featurizer f =
          new Featurizer(List.of(new VectorInput("x", 2, reduce)), new Window(3, 1, true));
      List<double[]> out = new ArrayList<>();
      for (double[] row : rows) {
        double[] features = new double[2];
        assertThat(f.pushVector(row, features)).isTrue();
        out.add(features);
      }
      return out;
    }

    @Test
    void sumAddsElementwiseOverThePartialAndFullWindows() {
      assertThat(run(Reduce.SUM))
          .containsExactly(
              new double[] {1, -1}, new double[] {3, 4}, new double[] {7, 1}, new double[] {14, 2});
    }

    @Test
    void meanDividesByTheElementsActuallyInTheWindow() {
      assertThat(run(Reduce.MEAN))
          .containsExactly(
              new double[] {1, -1},
              new double[] {3.0 / 2, 4.0 / 2},
              new double[] {(1.0 + 2.0 + 4.0) / 3, (-1.0 + 5.0 + -3.0) / 3},
              new double[] {(2.0 + 4.0 + 8.0) / 3, (5.0 + -3.0 + 0.0) / 3});
    }

    @Test
    void maxTakesTheElementwiseMaximum() {
      assertThat(run(Reduce.MAX))
          .containsExactly(
              new double[] {1, -1}, new double[] {2, 5}, new double[] {4, 5}, new double[] {8, 5});
    }

    @Test
    void sumAddsOldestFirst() {
      // (1e16 + 1) + 1 loses both ones; 1e16 + (1 + 1) would not: the order is oldest first.
      Featurizer f =
          new Featurizer(List.of(new VectorInput("x", 1, Reduce.SUM)), new Window(3, 3, false));
      double[] out = new double[1];
      f.pushVector(new double[] {1e16}, out);
      f.pushVector(new double[] {1}, out);
      f.pushVector(new double[] {1}, out);

      assertThat(out[0]).isEqualTo((1e16 + 1) + 1).isNotEqualTo(1e16 + (1 + 1));
    }

    @Test
    void doesNotKeepTheCallersArray() {
      Featurizer f =
          new Featurizer(List.of(new VectorInput("x", 2, Reduce.SUM)), new Window(2, 1, false));
      double[] element = {1, 2};
      double[] out = new double[2];
      f.pushVector(element, out);
      element[0] = 100;
      element[1] = 200;
      double[] next = {10, 20};

      assertThat(f.pushVector(next, out)).isTrue();

      assertThat(out).containsExactly(11, 22);
      assertThat(next).containsExactly(10, 20);
    }
  }

  @Nested
  class Tokens {

    private final List<String> vocabulary = List.of("good", "bad", "not", "not good", "good good");
    private final List<String> stream = List.of("good", "good", "not", "good", "bad");

    @Test
    void countsUnigramsAndBigramsInsideEachWindow() {
      Featurizer f =
          new Featurizer(
              List.of(tokens(vocabulary, List.of(1, 2), true, TokenFeatures.COUNTS)),
              new Window(3, 1, false));

      // 0..2 good good not: "good good" inside. 1..3 good not good: "not good" inside, and
      // "good good" (elements 0-1) crosses the window's start so is not counted.
      assertThat(steps(f, stream))
          .containsExactly(
              "2=[2.0, 0.0, 1.0, 0.0, 1.0]",
              "3=[2.0, 0.0, 1.0, 1.0, 0.0]",
              "4=[1.0, 1.0, 1.0, 1.0, 0.0]");
    }

    @Test
    void presenceIsOneOrZero() {
      Featurizer f =
          new Featurizer(
              List.of(tokens(vocabulary, List.of(1, 2), true, TokenFeatures.PRESENCE)),
              new Window(3, 1, false));

      assertThat(steps(f, stream))
          .containsExactly(
              "2=[1.0, 0.0, 1.0, 0.0, 1.0]",
              "3=[1.0, 0.0, 1.0, 1.0, 0.0]",
              "4=[1.0, 1.0, 1.0, 1.0, 0.0]");
    }

    @Test
    void bigramAcrossTwoWindowsIsNotCounted() {
      List<String> vocab = List.of("not", "good", "not good");
      List<String> text = List.of("x", "not", "good", "y");

      Featurizer tumbling =
          new Featurizer(
              List.of(tokens(vocab, List.of(1, 2), true, TokenFeatures.COUNTS)),
              new Window(2, 2, false));
      Featurizer sliding =
          new Featurizer(
              List.of(tokens(vocab, List.of(1, 2), true, TokenFeatures.COUNTS)),
              new Window(2, 1, false));

      assertThat(steps(tumbling, text)).containsExactly("1=[1.0, 0.0, 0.0]", "3=[0.0, 1.0, 0.0]");
      assertThat(steps(sliding, text))
          .containsExactly("1=[1.0, 0.0, 0.0]", "2=[1.0, 1.0, 1.0]", "3=[0.0, 1.0, 0.0]");
    }

    @Test
    void onlyTheListedNgramLengthsCount() {
      Featurizer f =
          new Featurizer(
              List.of(tokens(List.of("good", "not good"), List.of(2), true, TokenFeatures.COUNTS)),
              new Window(2, 1, false));

      assertThat(steps(f, List.of("not", "good"))).containsExactly("1=[0.0, 1.0]");
    }

    @Test
    void ngramsLongerThanTheWindowNeverOccur() {
      Featurizer f =
          new Featurizer(
              List.of(
                  tokens(List.of("a b c", "a b"), List.of(1, 2, 3), true, TokenFeatures.COUNTS)),
              new Window(2, 1, true));

      assertThat(steps(f, List.of("a", "b", "c")))
          .containsExactly("0=[0.0, 0.0]", "1=[0.0, 1.0]", "2=[0.0, 0.0]");
    }

    @Test
    void repeatedNgramLengthsCountOnce() {
      Featurizer f =
          new Featurizer(
              List.of(tokens(List.of("a"), List.of(1, 1), true, TokenFeatures.COUNTS)),
              new Window(3, 3, false));

      assertThat(steps(f, List.of("a", "b", "a"))).containsExactly("2=[2.0]");
    }

    @Test
    void withoutWindowEachTokenIsOneStepAndNoBigramFits() {
      Featurizer f =
          new Featurizer(
              List.of(
                  tokens(List.of("not", "not good"), List.of(1, 2), true, TokenFeatures.COUNTS)),
              Window.NONE);

      assertThat(steps(f, List.of("not", "good"))).containsExactly("0=[1.0, 0.0]", "1=[0.0, 0.0]");
    }

    @Test
    void lowercaseAppliesToTokensAndVocabulary() {
      Featurizer f =
          new Featurizer(
              List.of(
                  tokens(List.of("Good", "NOT good"), List.of(1, 2), true, TokenFeatures.COUNTS)),
              new Window(3, 3, false));

      assertThat(steps(f, List.of("GOOD", "Not", "gOOd"))).containsExactly("2=[2.0, 1.0]");
    }

    @Test
    void withoutLowercaseCaseMatters() {
      Featurizer f =
          new Featurizer(
              List.of(tokens(List.of("Good", "good"), List.of(1), false, TokenFeatures.COUNTS)),
              new Window(3, 3, false));

      assertThat(steps(f, List.of("Good", "GOOD", "good"))).containsExactly("2=[1.0, 1.0]");
    }

    @Test
    void termsAbsentFromTheWindowAndUnknownTokensGiveZeros() {
      Featurizer f =
          new Featurizer(
              List.of(tokens(List.of("zebra", "good"), List.of(1, 2), true, TokenFeatures.COUNTS)),
              new Window(2, 2, false));

      assertThat(steps(f, List.of("quite", "nice", "good", "")))
          .containsExactly("1=[0.0, 0.0]", "3=[0.0, 1.0]");
    }

    @Test
    void rejectsTermsThatAreEqualAfterLowercasing() {
      assertThatThrownBy(
              () ->
                  new Featurizer(
                      List.of(
                          tokens(List.of("good", "Good"), List.of(1), true, TokenFeatures.COUNTS)),
                      Window.NONE))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "vocabulary of input 'words' lists 'good' and 'Good', the same term after"
                  + " lowercasing");
    }
  }

  @Test
  void concatenatesInputsInDeclarationOrder() {
    Featurizer f =
        new Featurizer(
            List.of(
                new VectorInput("x", 2, Reduce.SUM),
                tokens(List.of("a", "b"), List.of(1), true, TokenFeatures.COUNTS),
                new VectorInput("y", 1, Reduce.MAX)),
            new Window(2, 1, true));
    double[] out = new double[5];

    assertThat(f.featureCount()).isEqualTo(5);
    assertThat(f.push(new Object[] {new double[] {1, 2}, "a", new double[] {-5}}, out)).isTrue();
    assertThat(out).containsExactly(1, 2, 1, 0, -5);
    assertThat(f.push(new Object[] {new double[] {10, 20}, "B", new double[] {-7}}, out)).isTrue();
    assertThat(out).containsExactly(11, 22, 1, 1, -5);
    assertThat(f.push(new Object[] {new double[] {100, 200}, "b", new double[] {3}}, out)).isTrue();
    assertThat(out).containsExactly(110, 220, 0, 2, 3);
  }

  @Nested
  class Validation {

    private final Featurizer f =
        new Featurizer(
            List.of(
                new VectorInput("x", 2, Reduce.SUM),
                tokens(List.of("a"), List.of(1), true, TokenFeatures.COUNTS)),
            new Window(2, 1, true));
    private final double[] out = new double[3];

    @Test
    void wrongNumberOfElements() {
      assertThatThrownBy(() -> f.push(new Object[] {new double[2]}, out))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected 2 elements, one per input (x (vector), words (tokens)), got 1");
    }

    @Test
    void wrongVectorLength() {
      assertThatThrownBy(() -> f.push(new Object[] {new double[3], "a"}, out))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("input 'x' needs a double[] of length 2, got length 3");
    }

    @Test
    void wrongElementTypes() {
      assertThatThrownBy(() -> f.push(new Object[] {"a", "a"}, out))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("input 'x' needs a double[] of length 2, got String");
      assertThatThrownBy(() -> f.push(new Object[] {new double[2], new double[2]}, out))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("input 'words' needs a String token, got double[]");
      assertThatThrownBy(() -> f.push(new Object[] {new double[2], null}, out))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("input 'words' needs a String token, got null");
    }

    @Test
    void wrongFeaturesLength() {
      assertThatThrownBy(() -> f.push(new Object[] {new double[2], "a"}, new double[4]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("features array has length 4, expected 3");
    }

    @Test
    void singleInputHelpersNeedASingleInputOfTheirKind() {
      assertThatThrownBy(() -> f.pushToken("a", out))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "pushToken needs exactly one input, a tokens input; inputs are: x (vector), words"
                  + " (tokens)");
      Featurizer tokensOnly =
          new Featurizer(
              List.of(tokens(List.of("a"), List.of(1), true, TokenFeatures.COUNTS)), Window.NONE);
      assertThatThrownBy(() -> tokensOnly.pushVector(new double[1], new double[1]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "pushVector needs exactly one input, a vector input; inputs are: words (tokens)");
    }

    @Test
    void aRejectedPushLeavesTheStreamUnchanged() {
      f.push(new Object[] {new double[] {1, 1}, "a"}, out);
      assertThatThrownBy(() -> f.push(new Object[] {new double[] {9, 9}, 7}, out))
          .isInstanceOf(IllegalArgumentException.class);

      assertThat(f.elements()).isEqualTo(1);
      assertThat(f.push(new Object[] {new double[] {2, 2}, "b"}, out)).isTrue();
      assertThat(out).containsExactly(3, 3, 1);
    }
  }

  @Nested
  class SaveAndRestore {

    private final List<InputDef> inputs =
        List.of(
            new VectorInput("x", 2, Reduce.MEAN),
            tokens(
                List.of("a", "b", "a b", "b a", "c a b"),
                List.of(1, 2, 3),
                true,
                TokenFeatures.COUNTS),
            new VectorInput("y", 1, Reduce.MAX));

    private List<Object[]> randomStream(long seed, int length) {
      Random random = new Random(seed);
      String[] words = {"a", "B", "b", "c", "d"};
      List<Object[]> stream = new ArrayList<>();
      for (int i = 0; i < length; i++) {
        stream.add(
            new Object[] {
              new double[] {random.nextGaussian(), random.nextGaussian()},
              words[random.nextInt(words.length)],
              new double[] {random.nextGaussian()}
            });
      }
      return stream;
    }

    private List<double[]> featuresFrom(Featurizer f, List<Object[]> stream, int from) {
      List<double[]> steps = new ArrayList<>();
      for (int i = from; i < stream.size(); i++) {
        double[] out = new double[f.featureCount()];
        if (f.push(stream.get(i), out)) {
          steps.add(out);
        }
      }
      return steps;
    }

    @ParameterizedTest(name = "size={0} stride={1} partial={2}")
    @MethodSource("dev.rnnc.runtime.internal.FeaturizerTest$Windows#cases")
    void resumingAtAnyElementGivesTheSameFeatures(int size, int stride, boolean partial) {
      Window window = new Window(size, stride, partial);
      List<Object[]> stream = randomStream(size * 31L + stride, 20);
      List<double[]> uninterrupted = featuresFrom(new Featurizer(inputs, window), stream, 0);

      for (int cut = 0; cut <= stream.size(); cut++) {
        Featurizer first = new Featurizer(inputs, window);
        List<double[]> before = featuresFrom(first, stream.subList(0, cut), 0);
        FeaturizerState state = first.save();
        Featurizer second = new Featurizer(inputs, window);
        second.restore(state);

        List<double[]> resumed = new ArrayList<>(before);
        resumed.addAll(featuresFrom(second, stream, cut));

        assertThat(second.elements()).isEqualTo(stream.size());
        assertThat(resumed).as("cut at %d", cut).hasSameSizeAs(uninterrupted);
        for (int i = 0; i < resumed.size(); i++) {
          assertThat(java.util.Arrays.equals(resumed.get(i), uninterrupted.get(i)))
              .as("cut at %d, step %d", cut, i)
              .isTrue();
        }
      }
    }

    @Test
    void stateHoldsTheLastWindowMinusOneElementsOldestFirst() {
      Featurizer f = new Featurizer(inputs, new Window(3, 1, false));
      featuresFrom(
          f,
          List.of(
              new Object[] {new double[] {1, 2}, "A", new double[] {3}},
              new Object[] {new double[] {4, 5}, "b", new double[] {6}},
              new Object[] {new double[] {7, 8}, "c", new double[] {9}}),
          0);

      FeaturizerState state = f.save();

      assertThat(state.elements()).isEqualTo(3);
      assertThat(state.buffered()).isEqualTo(2);
      assertThat(state.vectors()).containsExactly(4, 5, 6, 7, 8, 9);
      assertThat(state.tokens()).containsExactly("b", "c");
      assertThat(state).isEqualTo(f.save()).hasSameHashCodeAs(f.save());
    }

    @Test
    void stateIsACopy() {
      double[] vectors = {1, 2, 3};
      FeaturizerState state = new FeaturizerState(1, 2, vectors, List.of("a"));
      vectors[0] = 9;
      state.vectors()[1] = 9;

      assertThat(state.vectors()).containsExactly(1, 2, 3);
    }

    @Test
    void resetStartsANewStream() {
      Window window = new Window(3, 2, true);
      List<Object[]> stream = randomStream(7, 9);
      Featurizer f = new Featurizer(inputs, window);
      List<double[]> first = featuresFrom(f, stream, 0);

      f.reset();

      assertThat(f.elements()).isZero();
      assertThat(featuresFrom(f, stream, 0)).containsExactlyElementsOf(first);
    }

    @Test
    void rejectsAStateOfAnotherShape() {
      Featurizer f = new Featurizer(inputs, new Window(3, 1, false));

      assertThatThrownBy(() -> f.restore(new FeaturizerState(5, 4, new double[9], List.of())))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("state was saved with window size 4, this featurizer's window has size 3");
      assertThatThrownBy(
              () -> f.restore(new FeaturizerState(5, 3, new double[3], List.of("a", "b"))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "state does not fit these inputs: 2 buffered elements need 6 vector values and 2"
                  + " tokens, state has 3 and 2");
      assertThat(f.elements()).isZero();
    }
  }
}
