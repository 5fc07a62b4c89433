package dev.rnnc.compiler.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LossTest {

  @Test
  void valuesAreTheTextbookOnes() {
    double[] dy = new double[3];
    assertThat(Loss.MSE.cell(new double[] {0.5}, 0, 1, 2.0, dy)).isEqualTo(2.25);
    assertThat(dy[0]).isEqualTo(-3.0);
    // BCE of p = 0.8 against 1: -log 0.8; at p = 0 against 1 the log is clamped at -100.
    assertThat(Loss.BCE.cell(new double[] {0.8}, 0, 1, 1.0, new double[1]))
        .isCloseTo(-Math.log(0.8), within(1e-15));
    assertThat(Loss.BCE.cell(new double[] {0.0}, 0, 1, 1.0, new double[1])).isEqualTo(100.0);
    // Cross-entropy of logits (1, 2, 3) for class 2: log(e + e^2 + e^3) - 3.
    double ce = Loss.CROSS_ENTROPY.cell(new double[] {1, 2, 3}, 0, 3, 2, dy = new double[3]);
    assertThat(ce).isCloseTo(Math.log(Math.E + Math.exp(2) + Math.exp(3)) - 3, within(1e-15));
    assertThat(dy[0] + dy[1] + dy[2]).isCloseTo(0.0, within(1e-15));
  }

  @Test
  void derivativesAreFiniteDifferences() {
    Random rnd = new Random(5L);
    for (int round = 0; round < 500; round++) {
      int width = 1 + rnd.nextInt(5);
      double[] y = new double[width];
      for (int i = 0; i < width; i++) {
        y[i] = rnd.nextGaussian() * 2;
      }
      check(Loss.CROSS_ENTROPY, y, width, rnd.nextInt(width));
      double[] p = {0.02 + 0.96 * rnd.nextDouble()};
      check(Loss.BCE, p, 1, rnd.nextDouble());
      check(Loss.MSE, new double[] {y[0]}, 1, rnd.nextGaussian());
    }
  }

  private static void check(Loss loss, double[] y, int width, double target) {
    double[] dy = new double[width];
    loss.cell(y, 0, width, target, dy);
    for (int i = 0; i < width; i++) {
      double h = 1e-6;
      double[] up = y.clone();
      double[] down = y.clone();
      up[i] += h;
      down[i] -= h;
      double fd =
          (loss.cell(up, 0, width, target, new double[width])
                  - loss.cell(down, 0, width, target, new double[width]))
              / (2 * h);
      assertThat(dy[i])
          .as("%s d/dy[%d]", loss, i)
          .isCloseTo(fd, within(1e-6 * Math.max(1, Math.abs(fd))));
    }
  }

  @Test
  void bceRefusesOutputsOutsideTheUnitInterval() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Loss.BCE.cell(new double[] {1.5}, 0, 1, 1.0, new double[1]))
        .isInstanceOf(Loss.OutOfRange.class);
  }
}
