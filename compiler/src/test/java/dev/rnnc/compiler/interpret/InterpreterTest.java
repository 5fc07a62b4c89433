package dev.rnnc.compiler.interpret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rnnc.compiler.GraphFixture;
import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Aggregation;
import dev.rnnc.compiler.ir.Delay;
import dev.rnnc.compiler.ir.Matrix;
import dev.rnnc.compiler.ir.Port;
import dev.rnnc.compiler.schedule.Schedule;
import dev.rnnc.runtime.ModelInfo.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hand-computed cases for the reference interpreter. */
class InterpreterTest {

  /** Runs {@code steps} steps with scalar input x(t) = inputs[t] and returns output 0 per step. */
  private static double[] run(Schedule s, double... xs) {
    Interpreter in = new Interpreter(s);
    double[] out = new double[in.info().outputCount()];
    double[] ys = new double[xs.length];
    for (int t = 0; t < xs.length; t++) {
      in.step(new double[] {xs[t]}, out);
      ys[t] = out[0];
    }
    return ys;
  }

  private static double activationOf(Activation a, double x) {
    GraphFixture f = new GraphFixture();
    int in = f.vector("x", 1);
    int n = f.neuron("n", a);
    f.edge(f.input(in), f.whole(n), Matrix.scalar(1.0), Delay.ZERO).output(n);
    return run(f.schedule(n), x)[0];
  }

  @ParameterizedTest(name = "{0}({1}) = {2}")
  @CsvSource({
    "IDENTITY, -2.5, -2.5",
    "TANH, 0.5, 0.46211715726000974",
    "SIGMOID, 0.0, 0.5",
    "SIGMOID, 2.0, 0.8807970779778823",
    "RELU, -1.5, 0.0",
    "RELU, 1.5, 1.5",
    "LEAKY_RELU, -2.0, -0.02",
    "LEAKY_RELU, 3.0, 3.0",
    "ELU, -1.0, -0.6321205588285577",
    "ELU, 2.0, 2.0",
    "SOFTPLUS, 0.0, 0.6931471805599453",
    "SOFTPLUS, 800.0, 800.0",
    "SOFTPLUS, -800.0, 0.0",
    "SIN, 1.5707963267948966, 1.0",
    "GAUSS, 2.0, 0.01831563888873418",
    "STEP, 0.0, 0.0",
    "STEP, 1e-300, 1.0",
    "ABS, -3.25, 3.25",
    "SQUARE, -3.0, 9.0",
    "CLAMP, 2.0, 1.0",
    "CLAMP, -7.0, -1.0",
    "CLAMP, 0.25, 0.25",
    "EXP, 1.0, 2.718281828459045",
  })
  void activations(Activation a, double x, double expected) {
    assertThat(activationOf(a, x)).isEqualTo(expected);
  }

  /** Three edges into one neuron with terms 2, -3 and 0.5 (inputs 1, 1, 1 times weights). */
  private static double aggregationOf(Aggregation agg, double bias, double gain) {
    GraphFixture f = new GraphFixture();
    int in = f.vector("x", 3);
    int n = f.neuron("n", Activation.IDENTITY, agg, bias, gain, 0);
    f.edge(Port.input(in, 0, 1), f.whole(n), Matrix.scalar(2.0), Delay.ZERO);
    f.edge(Port.input(in, 1, 1), f.whole(n), Matrix.scalar(-3.0), Delay.ZERO);
    f.edge(Port.input(in, 2, 1), f.whole(n), Matrix.scalar(0.5), Delay.ZERO);
    f.output(n);
    Interpreter it = new Interpreter(f.schedule(n));
    double[] out = new double[1];
    it.step(new double[] {1, 1, 1}, out);
    return out[0];
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "SUM, -0.5",
    "PRODUCT, -3.0",
    "MAX, 2.0",
    "MIN, -3.0",
    "MEAN, -0.16666666666666666",
    "MAXABS, -3.0",
  })
  void aggregations(Aggregation agg, double expected) {
    assertThat(aggregationOf(agg, 0, 1)).isEqualTo(expected);
  }

  @Test
  void biasAndGainApplyAfterAggregation() {
    // 1.0 + 2.0 * (2 - 3 + 0.5) = 0.0
    assertThat(aggregationOf(Aggregation.SUM, 1.0, 2.0)).isEqualTo(0.0);
    // 0.25 + 4 * max(2, -3, 0.5) = 8.25
    assertThat(aggregationOf(Aggregation.MAX, 0.25, 4.0)).isEqualTo(8.25);
  }

  @Test
  void nodeWithoutIncomingEdgesAggregatesToZero() {
    for (Aggregation agg : Aggregation.values()) {
      GraphFixture f = new GraphFixture();
      f.vector("x", 1);
      int n = f.neuron("n", Activation.IDENTITY, agg, 0.75, 3.0, 0);
      f.output(n);
      assertThat(run(f.schedule(n), 1.0)[0]).as(agg.name()).isEqualTo(0.75);
    }
  }

  @Test
  void selfLoopReadsPreviousStepStartingFromInitial() {
    // y(t) = x(t) + 0.5 * y(t-1), y(-1) = 4
    GraphFixture f = new GraphFixture();
    int in = f.vector("x", 1);
    int n = f.neuron("n", Activation.IDENTITY, Aggregation.SUM, 0, 1, 4.0);
    f.edge(f.input(in), f.whole(n), Matrix.scalar(1.0), Delay.ZERO);
    f.edge(n, n, 0.5, Delay.AUTO).output(n);
    assertThat(run(f.schedule(n), 1, 2, 3)).containsExactly(3.0, 3.5, 4.75);
  }

  @Test
  void fixedDelaysReadFurtherBack() {
    // y(t) = x(t-2) + 10 * a(t-3) where a(t) = x(t); before the start inputs are 0, a is 1.
    GraphFixture f = new GraphFixture();
    int in = f.vector("x", 1);
    int a = f.neuron("a", Activation.IDENTITY, Aggregation.SUM, 0, 1, 1.0);
    int y = f.neuron("y", Activation.IDENTITY);
    f.edge(f.input(in), f.whole(a), Matrix.scalar(1.0), Delay.ZERO);
    f.edge(f.input(in), f.whole(y), Matrix.scalar(1.0), Delay.fixed(2));
    f.edge(a, y, 10.0, Delay.fixed(3)).output(y);
    assertThat(run(f.schedule(a, y), 1, 2, 3, 4, 5)).containsExactly(10.0, 10.0, 11.0, 12.0, 23.0);
  }

  @Test
  void explicitZeroDelayReadsCurrentStep() {
    GraphFixture f = new GraphFixture();
    int in = f.vector("x", 1);
    int a = f.neuron("a", Activation.IDENTITY);
    int b = f.neuron("b", Activation.IDENTITY);
    f.edge(f.input(in), f.whole(a), Matrix.scalar(2.0), Delay.ZERO);
    f.edge(a, b, 3.0, Delay.ZERO).output(b);
    assertThat(run(f.schedule(a, b), 1, 2)).containsExactly(6.0, 12.0);
  }

  /**
   * a <- x + b, b <- a (both auto). Order [a, b]: a reads b(t-1), b reads a(t). Order [b, a]: b
   * reads a(t-1), a reads b(t). Two orders, two functions.
   */
  @Test
  void orderChangesTheMeaning() {
    GraphFixture f = new GraphFixture();
    int in = f.vector("x", 1);
    int a = f.neuron("a", Activation.IDENTITY);
    int b = f.neuron("b", Activation.IDENTITY);
    f.edge(f.input(in), f.whole(a), Matrix.scalar(1.0), Delay.ZERO);
    f.edge(b, a, 1.0, Delay.AUTO);
    f.edge(a, b, 2.0, Delay.AUTO).output(b);
    // [a, b]: a(t) = x(t) + b(t-1); b(t) = 2 a(t). x = 1,1,1: a = 1, 3, 7; b = 2, 6, 14
    assertThat(run(f.schedule(a, b), 1, 1, 1)).containsExactly(2.0, 6.0, 14.0);
    // [b, a]: b(t) = 2 a(t-1); a(t) = x(t) + b(t). a = 1, 3, 7; b = 0, 2, 6
    assertThat(run(f.schedule(b, a), 1, 1, 1)).containsExactly(0.0, 2.0, 6.0);
  }

  @Test
  void groupMatrixEdgesUseRowEqualsTarget() {
    // h = W x with W = [[1, 2], [3, 4], [5, 6]] (3x2), then out = [1, 1, 1] h
    GraphFixture f = new GraphFixture();
    int in = f.vector("x", 2);
    int h = f.group("h", 3, Activation.IDENTITY, 0.5);
    int out = f.neuron("out", Activation.IDENTITY);
    f.edge(f.input(in), f.whole(h), new Matrix(3, 2, new double[] {1, 2, 3, 4, 5, 6}), Delay.ZERO);
    f.edge(f.whole(h), f.whole(out), new Matrix(1, 3, new double[] {1, 1, 1}), Delay.AUTO);
    f.output(h).output(out);
    Interpreter it = new Interpreter(f.schedule(h, out));
    double[] o = new double[4];
    it.step(new double[] {1, -1}, o);
    // h = [1-2, 3-4, 5-6] + 0.5 = [-0.5, -0.5, -0.5]; out = -1.5
    assertThat(o).containsExactly(-0.5, -0.5, -0.5, -1.5);
  }

  @Test
  void elementReferencesReadAndWriteSingleElements() {
    // n <- h[1] (w 2); h[2] <- n (w 10, auto: backward since h is after n? order [h, n])
    GraphFixture f = new GraphFixture();
    int in = f.vector("x", 3);
    int h = f.group("h", 3, Activation.IDENTITY, 0);
    int n = f.neuron("n", Activation.IDENTITY);
    f.edge(
        f.input(in),
        f.whole(h),
        new Matrix(3, 3, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}),
        Delay.ZERO);
    f.edge(Port.node(h, 1, 1), f.whole(n), Matrix.scalar(2.0), Delay.AUTO);
    f.edge(f.whole(n), Port.node(h, 2, 1), Matrix.scalar(10.0), Delay.AUTO);
    f.output(h).output(n);
    Interpreter it = new Interpreter(f.schedule(h, n));
    double[] o = new double[4];
    it.step(new double[] {1, 2, 3}, o);
    assertThat(o).containsExactly(1.0, 2.0, 3.0, 4.0);
    it.step(new double[] {1, 2, 3}, o);
    assertThat(o).containsExactly(1.0, 2.0, 43.0, 4.0);
  }

  @Test
  void floatPrecisionRoundsEveryOperation() {
    GraphFixture f = new GraphFixture().precision(Precision.FLOAT);
    int in = f.vector("x", 1);
    int n = f.neuron("n", Activation.IDENTITY, Aggregation.SUM, 0.1, 1, 0);
    f.edge(f.input(in), f.whole(n), Matrix.scalar(0.1), Delay.ZERO).output(n);
    double y = run(f.schedule(n), 0.3)[0];
    float expected = 0.1f + 0.1f * 0.3f;
    assertThat(y).isEqualTo((double) expected);
  }

  @Test
  void saveAndLoadStateResumesExactly() {
    GraphFixture f = new GraphFixture();
    int in = f.vector("x", 1);
    int a = f.neuron("a", Activation.TANH, Aggregation.SUM, 0.1, 1, 0.3);
    int b = f.neuron("b", Activation.SIGMOID);
    f.edge(f.input(in), f.whole(a), Matrix.scalar(0.7), Delay.fixed(2));
    f.edge(b, a, -1.3, Delay.AUTO);
    f.edge(a, b, 0.9, Delay.AUTO);
    f.edge(a, a, 0.4, Delay.fixed(3)).output(a).output(b);
    Schedule s = f.schedule(a, b);
    assertThat(s.stateSize()).isEqualTo(3 + 1 + 2);
    Interpreter full = new Interpreter(s);
    Interpreter first = new Interpreter(s);
    double[] o1 = new double[2];
    double[] o2 = new double[2];
    double[] state = null;
    for (int t = 0; t < 10; t++) {
      double[] x = {Math.sin(t)};
      full.step(x, o1);
      if (t < 5) {
        first.step(x, o2);
        state = first.saveState();
      } else {
        if (t == 5) {
          first = new Interpreter(s);
          first.loadState(state);
        }
        first.step(x, o2);
        assertThat(o2).containsExactly(o1);
      }
    }
    first.reset();
    Interpreter fresh = new Interpreter(s);
    assertThat(first.saveState()).containsExactly(fresh.saveState());
    assertThatThrownBy(() -> fresh.loadState(new double[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("state has 2 values");
  }
}
