package dev.rnnc.compiler.ir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each operation's derivative agrees with central finite differences, and kinks follow §7. */
class OperationsTest {

  /** Relative agreement of an analytic derivative with a central difference. */
  private static final double TOLERANCE = 1e-6;

  private static double central(java.util.function.DoubleUnaryOperator f, double x) {
    double h = 1e-6 * Math.max(1.0, Math.abs(x));
    return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
  }

  private static void assertClose(double analytic, double numeric, String what) {
    double scale = Math.max(1.0, Math.abs(analytic));
    assertThat(Math.abs(analytic - numeric) / scale)
        .as(what + ": " + analytic + " vs " + numeric)
        .isLessThan(TOLERANCE);
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void activationDerivativeMatchesCentralDifferences(Activation a) {
    Random random = new Random(11);
    double alpha = a.hasAlpha() ? 0.3 : 0.0;
    for (int k = 0; k < 2_000; k++) {
      double x = (random.nextDouble() - 0.5) * 8;
      // Stay clear of the kinks at 0 and at clamp's bounds.
      if (Math.abs(x) < 1e-3 || Math.abs(Math.abs(x) - 1) < 1e-3) {
        continue;
      }
      assertClose(
          a.derivative(x, alpha),
          central(t -> a.apply(t, alpha), x),
          a.specName() + "'(" + x + ")");
    }
  }

  @Test
  void derivativeFromTheValueIsTheDerivativeInDouble() {
    java.util.Random rnd = new java.util.Random(11L);
    for (Activation a : Activation.values()) {
      double alpha = a.defaultAlpha();
      for (int k = 0; k < 5_000; k++) {
        double x = rnd.nextGaussian() * (k % 2 == 0 ? 1 : 8);
        double y = a.apply(x, alpha);
        org.assertj.core.api.Assertions.assertThat(a.derivative(x, y, alpha))
            .as("%s at %s", a, x)
            .isEqualTo(a.derivative(x, alpha));
      }
    }
  }

  @Test
  void kinksFollowTheTrainingContract() {
    assertThat(Activation.RELU.derivative(0.0, 0)).isZero();
    assertThat(Activation.ABS.derivative(0.0, 0)).isZero();
    assertThat(Activation.ABS.derivative(-2.0, 0)).isEqualTo(-1.0);
    assertThat(Activation.STEP.derivative(0.0, 0)).isZero();
    assertThat(Activation.STEP.derivative(3.0, 0)).isZero();
    assertThat(Activation.CLAMP.derivative(1.0, 0)).isZero();
    assertThat(Activation.CLAMP.derivative(-1.0, 0)).isZero();
    assertThat(Activation.CLAMP.derivative(0.5, 0)).isEqualTo(1.0);
    assertThat(Activation.LEAKY_RELU.derivative(0.0, 0.01)).isEqualTo(0.01);
    assertThat(Activation.ELU.derivative(0.0, 1.0)).isEqualTo(1.0);
  }

  @ParameterizedTest
  @EnumSource(Aggregation.class)
  void aggregationPartialsMatchCentralDifferences(Aggregation agg) {
    Random random = new Random(13);
    for (int k = 0; k < 500; k++) {
      int n = 1 + random.nextInt(5);
      double[] terms = new double[n];
      for (int i = 0; i < n; i++) {
        terms[i] = (random.nextDouble() - 0.5) * 6;
      }
      double[] partials = new double[n];
      agg.partials(terms, partials);
      for (int i = 0; i < n; i++) {
        int at = i;
        double numeric =
            central(
                t -> {
                  double[] moved = terms.clone();
                  moved[at] = t;
                  return aggregate(agg, moved);
                },
                terms[i]);
        assertClose(partials[i], numeric, agg.specName() + " d/dt" + i);
      }
    }
  }

  /** The aggregate of terms (a sum adds them in order: its products are its terms here). */
  private static double aggregate(Aggregation agg, double[] terms) {
    double m = agg.startsAtZero() ? 0.0 + terms[0] : terms[0];
    for (int i = 1; i < terms.length; i++) {
      m = agg.combine(m, terms[i]);
    }
    return agg.finish(m, terms.length);
  }

  @Test
  void selectingAggregationsPassTheGradientToTheFirstOfEqualTerms() {
    double[] into = new double[3];
    Aggregation.MAX.partials(new double[] {2, 5, 5}, into);
    assertThat(into).containsExactly(0, 1, 0);
    Aggregation.MIN.partials(new double[] {-1, 4, -1}, into);
    assertThat(into).containsExactly(1, 0, 0);
    Aggregation.MAXABS.partials(new double[] {3, -3, 1}, into);
    assertThat(into).containsExactly(1, 0, 0);
    Aggregation.PRODUCT.partials(new double[] {2, 0, 4}, into);
    assertThat(into).containsExactly(0, 8, 0);
    Aggregation.MEAN.partials(new double[] {2, 0, 4}, into);
    assertThat(into[0]).isCloseTo(1.0 / 3, within(0.0));
  }

  @Test
  void runtimeMethodsAreNamedAfterTheSpecName() {
    assertThat(Activation.LEAKY_RELU.runtimeMethod()).isEqualTo("leakyRelu");
    assertThat(Activation.STEP.runtimeMethod()).isEqualTo("step");
    assertThat(Activation.STEP.standaloneMethod()).isEqualTo("unitStep");
    for (Activation a : Activation.values()) {
      assertThat(Activation.fromSpecName(a.specName())).contains(a);
    }
  }
}
