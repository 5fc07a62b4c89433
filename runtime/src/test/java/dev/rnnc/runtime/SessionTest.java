package dev.rnnc.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rnnc.runtime.internal.FeaturizerState;
import dev.rnnc.runtime.internal.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SessionTest {

  /** The outputs of each step, in order. */
  private static List<double[]> outputs(List<Session.Step> steps) {
    return steps.stream().map(Session.Step::outputs).toList();
  }

  /** y(t) = 0.5 * y(t-1) + sum of the features; outputs y and the features' sum. */
  static final class Accumulator implements Evaluator {
    private final ModelInfo info;
    private double y;

    Accumulator(List<InputDef> inputs, Window window) {
      this("Accumulator", inputs, window);
    }

    Accumulator(String name, List<InputDef> inputs, Window window) {
      this.info =
          new ModelInfo(
              name,
              inputs,
              window,
              List.of("y", "sum"),
              List.of("y"),
              List.of(new ModelInfo.BackwardEdge("y", "y")),
              1,
              ModelInfo.Precision.DOUBLE);
    }

    @Override
    public ModelInfo info() {
      return info;
    }

    @Override
    public void step(double[] features, double[] outputs) {
      double sum = 0.0;
      for (double f : features) {
        sum += f;
      }
      y = 0.5 * y + sum;
      outputs[0] = y;
      outputs[1] = sum;
    }

    @Override
    public void reset() {
      y = 0.0;
    }

    @Override
    public double[] saveState() {
      return new double[] {y};
    }

    @Override
    public void loadState(double[] state) {
      if (state.length != 1) {
        throw new IllegalArgumentException("state length " + state.length + ", expected 1");
      }
      y = state[0];
    }
  }

  static final TokenInput WORDS =
      new TokenInput(
          "words",
          List.of("good", "bad", "not good"),
          List.of(1, 2),
          true,
          TokenInput.DEFAULT_PATTERN,
          TokenFeatures.COUNTS);
  static final VectorInput X = new VectorInput("x", 2, Reduce.MEAN);

  private static Session session(Window window, InputDef... inputs) {
    return new Session(new Accumulator(List.of(inputs), window));
  }

  private static List<List<Long>> bits(List<double[]> rows) {
    List<List<Long>> bits = new ArrayList<>();
    for (double[] row : rows) {
      List<Long> r = new ArrayList<>();
      for (double v : row) {
        r.add(Double.doubleToRawLongBits(v));
      }
      bits.add(r);
    }
    return bits;
  }

  private static double[][] randomRows(long seed, int count, int size) {
    Random random = new Random(seed);
    double[][] rows = new double[count][size];
    for (double[] row : rows) {
      for (int k = 0; k < size; k++) {
        row[k] = random.nextGaussian();
      }
    }
    return rows;
  }

  @Test
  void runsTextThroughTheWindowAndTheEvaluator() {
    Session s = session(new Window(2, 1, false), WORDS);

    // Windows: [not good] -> good + "not good" = 2; [good bad] -> 2; [bad things] -> 1.
    // y = 2; 0.5 * 2 + 2 = 3; 0.5 * 3 + 1 = 2.5.
    List<double[]> rows = outputs(s.runText("Not good, BAD things"));

    assertThat(rows)
        .containsExactly(new double[] {2, 2}, new double[] {3, 2}, new double[] {2.5, 1});
    // Four tokens; windows of two end at elements 1, 2 and 3.
    assertThat(s.elements()).isEqualTo(4);
    assertThat(s.steps()).isEqualTo(3);
  }

  @Test
  void rowsAreNewArraysInOrder() {
    Session s = session(new Window(1, 1, false), new VectorInput("x", 1, Reduce.SUM));

    List<double[]> rows = outputs(s.runVectors(new double[][] {{1}, {2}, {4}}));

    assertThat(rows)
        .containsExactly(new double[] {1, 1}, new double[] {2.5, 2}, new double[] {5.25, 4});
    assertThat(rows.get(0)).isNotSameAs(rows.get(1));
  }

  @Nested
  class StreamingEqualsWholeSequence {

    @Test
    void tokens() {
      String text = "good not good BAD bad good not not good, good bad";
      List<double[]> whole = outputs(session(new Window(3, 2, true), WORDS).runText(text));

      Session streaming = session(new Window(3, 2, true), WORDS);
      List<double[]> pushed = new ArrayList<>();
      for (String token : Tokenizer.of(WORDS).tokens(text)) {
        double[] row = streaming.pushToken(token);
        if (row != null) {
          pushed.add(row);
        }
      }

      assertThat(bits(pushed)).isEqualTo(bits(whole));
      assertThat(whole).hasSize(6);
    }

    @Test
    void vectorsWithTheAllocationFreeVariant() {
      double[][] rows = randomRows(1, 25, 2);
      List<double[]> whole = outputs(session(new Window(4, 3, false), X).runVectors(rows));

      Session streaming = session(new Window(4, 3, false), X);
      List<double[]> pushed = new ArrayList<>();
      double[] out = new double[2];
      for (double[] row : rows) {
        if (streaming.pushVector(row, out)) {
          pushed.add(out.clone());
        }
      }

      assertThat(bits(pushed)).isEqualTo(bits(whole));
      assertThat(whole).hasSize(8);
    }

    @Test
    void severalInputs() {
      double[][] xs = randomRows(2, 12, 2);
      List<String> words = Tokenizer.of(WORDS).tokens("a good b not good c bad d e not good f");
      List<double[]> whole =
          outputs(session(new Window(3, 1, true), X, WORDS).run(List.of(Arrays.asList(xs), words)));

      Session streaming = session(new Window(3, 1, true), X, WORDS);
      List<double[]> pushed = new ArrayList<>();
      for (int i = 0; i < xs.length; i++) {
        double[] row = streaming.push(xs[i], words.get(i));
        assertThat(row).isNotNull();
        pushed.add(row);
      }

      assertThat(bits(pushed)).isEqualTo(bits(whole));
      assertThat(whole).hasSize(12);
    }

    @Test
    void inPieces() {
      double[][] rows = randomRows(3, 30, 2);
      List<double[]> whole = outputs(session(new Window(5, 2, false), X).runVectors(rows));

      Session pieces = session(new Window(5, 2, false), X);
      List<double[]> out =
          new ArrayList<>(outputs(pieces.runVectors(Arrays.copyOfRange(rows, 0, 7))));
      out.addAll(outputs(pieces.runVectors(Arrays.copyOfRange(rows, 7, 8))));
      out.addAll(outputs(pieces.runVectors(Arrays.copyOfRange(rows, 8, 30))));

      assertThat(bits(out)).isEqualTo(bits(whole));
    }
  }

  @Test
  void pushReturnsNullAndLeavesOutputsAloneBetweenSteps() {
    Session s = session(new Window(3, 3, false), WORDS);
    double[] out = {7, 7};

    assertThat(s.pushToken("good")).isNull();
    assertThat(s.pushToken("bad", out)).isFalse();
    assertThat(out).containsExactly(7, 7);
    assertThat(s.pushToken("good", out)).isTrue();
    assertThat(out).containsExactly(3, 3);
    assertThat(s.steps()).isEqualTo(1);
    assertThat(s.elements()).isEqualTo(3);
  }

  @Nested
  class SaveAndRestore {

    private final Window window = new Window(4, 3, true);

    @Test
    void resumingAtEveryElementIsBitIdentical() {
      double[][] xs = randomRows(4, 23, 2);
      List<String> words = new ArrayList<>();
      String[] pool = {"good", "Not", "bad", "GOOD", "meh"};
      Random random = new Random(5);
      for (int i = 0; i < xs.length; i++) {
        words.add(pool[random.nextInt(pool.length)]);
      }
      List<double[]> uninterrupted =
          outputs(session(window, X, WORDS).run(List.of(Arrays.asList(xs), words)));

      for (int cut = 0; cut <= xs.length; cut++) {
        Session first = session(window, X, WORDS);
        List<double[]> out =
            new ArrayList<>(
                outputs(
                    first.run(List.of(Arrays.asList(xs).subList(0, cut), words.subList(0, cut)))));
        SessionState state = first.save();
        // Disturb the saved session: the checkpoint must not depend on it.
        outputs(first.run(List.of(Arrays.asList(xs).subList(0, 3), words.subList(0, 3))));

        Session second = session(window, X, WORDS);
        second.restore(state);
        assertThat(second.elements()).isEqualTo(cut);
        assertThat(second.steps()).isEqualTo(state.steps());
        out.addAll(
            outputs(
                second.run(
                    List.of(
                        Arrays.asList(xs).subList(cut, xs.length),
                        words.subList(cut, words.size())))));

        assertThat(bits(out)).as("cut at %d", cut).isEqualTo(bits(uninterrupted));
      }
    }

    @Test
    void restoringIntoTheSameSessionRewindsIt() {
      double[][] rows = randomRows(6, 10, 2);
      Session s = session(window, X);
      outputs(s.runVectors(Arrays.copyOfRange(rows, 0, 5)));
      SessionState state = s.save();
      List<double[]> first = outputs(s.runVectors(Arrays.copyOfRange(rows, 5, 10)));

      s.restore(state);

      assertThat(bits(outputs(s.runVectors(Arrays.copyOfRange(rows, 5, 10)))))
          .isEqualTo(bits(first));
      assertThat(s.save()).isNotEqualTo(state);
    }

    @Test
    void stateRecordsCountersAndIsACopy() {
      Session s = session(window, X);
      outputs(s.runVectors(new double[][] {{1, 1}, {3, 3}}));

      SessionState state = s.save();

      assertThat(state.elements()).isEqualTo(2);
      assertThat(state.steps()).isEqualTo(1);
      assertThat(state.evaluatorState()).containsExactly(2.0);
      state.evaluatorState()[0] = 99;
      assertThat(state.evaluatorState()).containsExactly(2.0);
      assertThat(state).isEqualTo(s.save()).hasSameHashCodeAs(s.save());
    }

    @Test
    void rejectsAStateThatDoesNotFit() {
      Session s = session(window, X);
      s.pushVector(new double[] {1, 1});
      SessionState before = s.save();
      FeaturizerState empty = new FeaturizerState(0, 4, new double[0], List.of());

      assertThatThrownBy(() -> s.restore(new SessionState(s.info(), new double[2], empty, 0)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("state has 2 evaluator values, model Accumulator has 1");
      assertThatThrownBy(() -> s.restore(new SessionState(s.info(), new double[1], empty, 1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "state has 1 steps after 0 elements, the window of model Accumulator makes 0");
      FeaturizerState wrongShape = new FeaturizerState(1, 4, new double[3], List.of());
      assertThatThrownBy(() -> s.restore(new SessionState(s.info(), new double[1], wrongShape, 1)))
          .isInstanceOf(IllegalArgumentException.class);

      assertThat(s.save()).isEqualTo(before);
    }
  }

  @Test
  void resetStartsANewStream() {
    double[][] rows = randomRows(7, 9, 2);
    Session s = session(new Window(2, 1, true), X);
    List<double[]> first = outputs(s.runVectors(rows));

    s.reset();

    assertThat(s.steps()).isZero();
    assertThat(s.elements()).isZero();
    assertThat(bits(outputs(s.runVectors(rows)))).isEqualTo(bits(first));
  }

  @Nested
  class Validation {

    private final Session both = session(new Window(2, 1, true), X, WORDS);

    @Test
    void wrongNumberOfElements() {
      assertThatThrownBy(() -> both.push(new double[2]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected 2 elements, one per input (x (vector), words (tokens)), got 1");
    }

    @Test
    void wrongElementTypeAndLength() {
      assertThatThrownBy(() -> both.push("good", new double[2]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("input 'x' needs a double[] of length 2, got String");
      assertThatThrownBy(() -> both.push(new double[1], "good"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("input 'x' needs a double[] of length 2, got length 1");
    }

    @Test
    void wrongOutputsLength() {
      assertThatThrownBy(() -> both.push(new Object[] {new double[2], "good"}, new double[3]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("outputs array has length 3, expected 2");
      assertThat(both.elements()).isZero();
    }

    @Test
    void singleInputHelpersNeedTheRightModel() {
      assertThatThrownBy(() -> outputs(both.runText("good")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "runText needs exactly one input, a tokens input; inputs are: x (vector), words"
                  + " (tokens)");
      assertThatThrownBy(
              () -> outputs(session(Window.NONE, WORDS).runVectors(new double[][] {{1, 2}})))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "runVectors needs exactly one input, a vector input; inputs are: words (tokens)");
      assertThatThrownBy(() -> session(Window.NONE, X).pushToken("good"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("pushToken needs exactly one input, a tokens input; inputs are: x (vector)");
    }

    @Test
    void runNeedsOneSequencePerInputOfEqualLength() {
      assertThatThrownBy(() -> outputs(both.run(List.of(List.of(new double[2])))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("expected 2 sequences, one per input (x (vector), words (tokens)), got 1");
      assertThatThrownBy(
              () ->
                  outputs(
                      both.run(List.of(List.of(new double[2], new double[2]), List.of("good")))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("all inputs need the same number of elements, got x: 2, words: 1");
    }

    @Test
    void runChecksEveryElementBeforePushingAny() {
      List<double[]> xs = List.of(new double[2], new double[2], new double[3]);

      assertThatThrownBy(() -> outputs(both.run(List.of(xs, List.of("a", "b", "c")))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("element 2: input 'x' needs a double[] of length 2, got length 3");
      assertThat(both.elements()).isZero();
      assertThat(both.steps()).isZero();
    }
  }
}
