package dev.rnnc.compiler.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.generate.RandomGraphs;
import dev.rnnc.compiler.interpret.Interpreter;
import dev.rnnc.compiler.schedule.Schedule;
import dev.rnnc.runtime.ModelInfo.Precision;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reference gradient on random graphs (every activation, aggregation and delay form, neurons,
 * groups, element edges, delayed inputs): its forward pass is the interpreter's, bit for bit, and
 * its gradient is the central finite difference of the loss.
 */
class BpttTest {

  @Test
  void forwardPassIsTheInterpretersInChunks() {
    forwardPassIsTheInterpreters(7_2026L, 300, RandomGraphs.Extras.NONE);
  }

  @Test
  void forwardPassWithLeakAndSparseEdgesIsTheInterpreters() {
    forwardPassIsTheInterpreters(8_2026L, 200, RandomGraphs.Extras.SPARSE_AND_LEAK);
  }

  @Test
  void forwardPassThroughCellsIsTheInterpreters() {
    forwardPassIsTheInterpreters(9_2026L, 200, RandomGraphs.Extras.ALL);
  }

  private static void forwardPassIsTheInterpreters(
      long seed, int graphs, RandomGraphs.Extras extras) {
    Random rnd = new Random(seed);
    for (int g = 0; g < graphs; g++) {
      Precision precision = g % 3 == 0 ? Precision.FLOAT : Precision.DOUBLE;
      RandomGraphs.Shape shape = g % 5 == 0 ? RandomGraphs.Shape.MEDIUM : RandomGraphs.Shape.SMALL;
      Schedule s = RandomGraphs.schedule("R" + g, precision, shape, rnd, extras);
      int steps = 1 + rnd.nextInt(14);
      double[][] features = new double[steps][];
      for (int t = 0; t < steps; t++) {
        features[t] = RandomGraphs.features(s.graph().featureCount(), rnd);
      }
      Interpreter interpreter = new Interpreter(s);
      Bptt bptt = new Bptt(s, Parameters.of(s.graph()));
      double[] state = s.layout().initialState();
      int t = 0;
      while (t < steps) {
        int to = Math.min(steps, t + 1 + rnd.nextInt(5));
        double[][] chunk = java.util.Arrays.copyOfRange(features, t, to);
        Bptt.Pass pass = bptt.forward(chunk, state);
        for (int k = 0; k < chunk.length; k++) {
          double[] expected = new double[s.graph().outputCount()];
          interpreter.step(chunk[k], expected);
          assertThat(bits(pass.outputs[k]))
              .as("graph %d step %d", g, t + k)
              .isEqualTo(bits(expected));
        }
        state = pass.after;
        assertThat(bits(state))
            .as("graph %d state after %d", g, to)
            .isEqualTo(bits(interpreter.saveState()));
        t = to;
      }
    }
  }

  @Test
  void gradientIsTheFiniteDifferenceOfTheLoss() {
    gradientIsTheFiniteDifference(20_261_203L, 250, RandomGraphs.Extras.NONE);
  }

  @Test
  void gradientWithLeakAndSparseEdgesIsTheFiniteDifference() {
    gradientIsTheFiniteDifference(20_261_204L, 250, RandomGraphs.Extras.SPARSE_AND_LEAK);
  }

  @Test
  void gradientThroughCellsIsTheFiniteDifference() {
    gradientIsTheFiniteDifference(20_261_205L, 250, RandomGraphs.Extras.ALL);
  }

  private static void gradientIsTheFiniteDifference(
      long seed, int graphs, RandomGraphs.Extras extras) {
    Random rnd = new Random(seed);
    int checked = 0;
    int skipped = 0;
    for (int g = 0; g < graphs; g++) {
      Schedule s =
          RandomGraphs.schedule("G" + g, Precision.DOUBLE, RandomGraphs.Shape.SMALL, rnd, extras);
      // Exact zeros make ties (two zero terms of a max) where the loss is smooth but the
      // first-wins convention picks another slope: keep every weight, feature and state non-zero.
      Parameters params = Parameters.of(s.graph());
      for (int k = 0; k < params.arrays(); k++) {
        double[] array = params.array(k);
        for (int i = 0; i < array.length; i++) {
          array[i] = nonZero(array[i], rnd); // random graphs freeze nothing
        }
      }
      Bptt bptt = new Bptt(s, params);
      int steps = 1 + rnd.nextInt(7);
      double[][] features = new double[steps][];
      for (int t = 0; t < steps; t++) {
        features[t] = RandomGraphs.features(s.graph().featureCount(), rnd);
        for (int f = 0; f < features[t].length; f++) {
          features[t][f] = nonZero(features[t][f], rnd);
        }
      }
      // Half the chunks start from an arbitrary state, as later BPTT chunks do.
      double[] before = s.layout().initialState();
      if (rnd.nextBoolean()) {
        for (int i = 0; i < before.length; i++) {
          before[i] = rnd.nextGaussian();
        }
      }
      double[][] weights = new double[steps][s.graph().outputCount()];
      for (double[] row : weights) {
        for (int c = 0; c < row.length; c++) {
          row[c] = rnd.nextGaussian();
        }
      }
      Bptt.Pass pass = bptt.forward(features, before);
      if (!tame(pass.outputs)) {
        continue;
      }
      Parameters gradient = params.zeros();
      bptt.backward(pass, weights, gradient);
      for (int k = 0; k < params.arrays(); k++) {
        double[] array = params.array(k);
        for (int i = 0; i < array.length; i++) {
          if (rnd.nextInt(3) != 0) {
            continue;
          }
          double h = 1e-4 * Math.max(1.0, Math.abs(array[i]));
          double coarse = derivative(bptt, features, before, weights, array, i, h);
          double fd = derivative(bptt, features, before, weights, array, i, h / 2);
          double sides = sideGap(bptt, features, before, weights, array, i, h / 2);
          if (Math.abs(coarse - fd) > 1e-7 * Math.max(1.0, Math.abs(fd))
              || sides > 1e-2 * Math.abs(fd) + 1e-7) {
            skipped++; // a kink (relu, step, abs, clamp, max) lies near: no stable slope
            continue;
          }
          double analytic = gradient.array(k)[i];
          assertThat(Math.abs(analytic - fd))
              .as("graph %d array %d [%d]: %s vs %s", g, k, i, analytic, fd)
              .isLessThanOrEqualTo(
                  1e-6 * Math.max(1.0, Math.max(Math.abs(analytic), Math.abs(fd))));
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(2_000);
    assertThat(skipped).isLessThan(checked / 20);
  }

  /**
   * The derivative of the loss in entry i of {@code array}: Richardson's extrapolation of central
   * differences with steps h and h/2, exact up to O(h^4).
   */
  private static double derivative(
      Bptt bptt,
      double[][] features,
      double[] before,
      double[][] weights,
      double[] array,
      int i,
      double h) {
    double wide = central(bptt, features, before, weights, array, i, h);
    double narrow = central(bptt, features, before, weights, array, i, h / 2);
    return (4 * narrow - wide) / 3;
  }

  /** How much the forward and backward slopes differ (large at a kink, about h f'' elsewhere). */
  private static double sideGap(
      Bptt bptt,
      double[][] features,
      double[] before,
      double[][] weights,
      double[] array,
      int i,
      double h) {
    double mid = lossAt(bptt, features, before, weights, array, i, 0);
    double up = lossAt(bptt, features, before, weights, array, i, h);
    double down = lossAt(bptt, features, before, weights, array, i, -h);
    return Math.abs((up - mid) / h - (mid - down) / h);
  }

  private static double central(
      Bptt bptt,
      double[][] features,
      double[] before,
      double[][] weights,
      double[] array,
      int i,
      double h) {
    double up = lossAt(bptt, features, before, weights, array, i, h);
    double down = lossAt(bptt, features, before, weights, array, i, -h);
    return (up - down) / (2 * h);
  }

  /** The loss with entry i of {@code array} moved by {@code delta} (then put back). */
  private static double lossAt(
      Bptt bptt,
      double[][] features,
      double[] before,
      double[][] weights,
      double[] array,
      int i,
      double delta) {
    double value = array[i];
    array[i] = value + delta;
    double loss = loss(bptt.forward(features, before), weights);
    array[i] = value;
    return loss;
  }

  private static double nonZero(double value, Random rnd) {
    return value != 0.0 ? value : (rnd.nextBoolean() ? 1 : -1) * (0.05 + 0.3 * rnd.nextDouble());
  }

  /** A linear loss: every output weighted by its own coefficient. */
  private static double loss(Bptt.Pass pass, double[][] weights) {
    double sum = 0.0;
    for (int t = 0; t < pass.steps(); t++) {
      for (int c = 0; c < weights[t].length; c++) {
        sum += weights[t][c] * pass.outputs[t][c];
      }
    }
    return sum;
  }

  /** Whether the outputs stay moderate (exp and square can blow random graphs up). */
  private static boolean tame(double[][] outputs) {
    for (double[] row : outputs) {
      for (double v : row) {
        if (!(Math.abs(v) < 1e3)) {
          return false;
        }
      }
    }
    return true;
  }

  /** The bits of each value, every NaN as one (the JIT may commute an operation on two NaNs). */
  private static long[] bits(double[] values) {
    long[] b = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = Double.doubleToLongBits(values[i]);
    }
    return b;
  }
}
