package dev.rnnc.compiler.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpectralRadiusTest {

  @Test
  void componentsOfTheNonzeroPattern() {
    // 0 -> 1 -> 2 -> 0 is a cycle, 3 has a self-loop, 4 only points into the cycle.
    double[] a = new double[25];
    a[0 * 5 + 1] = 1;
    a[1 * 5 + 2] = 1;
    a[2 * 5 + 0] = 1;
    a[3 * 5 + 3] = 1;
    a[4 * 5 + 0] = 1;
    int[][] components = SpectralRadius.components(a, 5);
    assertThat(Arrays.stream(components).map(Arrays::toString))
        .containsExactlyInAnyOrder("[0, 1, 2]", "[3]", "[4]");
  }

  @Test
  void diagonalAndTriangularMatricesAreExact() {
    double[] upper = {0.5, 9, 9, 0, -1.75, 9, 0, 0, 1.5};
    assertThat(SpectralRadius.of(upper, 3)).isEqualTo(1.75);
  }

  @Test
  void nilpotentPatternHasRadiusZeroAndIsLeftAlone() {
    double[] strictlyUpper = {
      0, 2, 3, 4,
      0, 0, 5, 6,
      0, 0, 0, 7,
      0, 0, 0, 0
    };
    assertThat(SpectralRadius.of(strictlyUpper, 4)).isZero();
    double[] copy = strictlyUpper.clone();
    SpectralRadius.scaleTo(copy, 4, 0.9);
    assertThat(copy).containsExactly(strictlyUpper);
  }

  @Test
  void complexEigenvaluesCount() {
    double[] rotation = {0, -2, 2, 0}; // eigenvalues +-2i
    assertThat(SpectralRadius.of(rotation, 2)).isCloseTo(2, within(1e-14));
  }

  @Test
  void blockTriangularTakesTheLargestBlock() {
    // Block [[0, 1], [-4, 0]] (eigenvalues +-2i), then a 1x1 block 1.5, with coupling above.
    double[] a = {
      0, 1, 100,
      -4, 0, 100,
      0, 0, 1.5
    };
    assertThat(SpectralRadius.of(a, 3)).isCloseTo(2, within(1e-14));
  }

  @Test
  void scalesHugeAndTinyMatricesWithoutOverflow() {
    for (double magnitude : new double[] {1e300, 1e-300}) {
      Random random = new Random(3);
      double[] a = new double[36];
      for (int i = 0; i < a.length; i++) {
        a[i] = magnitude * random.nextGaussian();
      }
      SpectralRadius.scaleTo(a, 6, 0.9);
      assertThat(SpectralRadius.ejmlRadius(a, 6)).isCloseTo(0.9, within(1e-12));
    }
  }

  @Test
  void gelfandHandlesComplexDefectiveAndNilpotentCases() {
    assertThat(SpectralRadius.gelfand(new double[] {0, -2, 2, 0}, 2)).isCloseTo(2, within(1e-13));
    // A Jordan block: power iteration converges like 1/k here; repeated squaring does not care.
    assertThat(SpectralRadius.gelfand(new double[] {3, 1, 0, 3}, 2)).isCloseTo(3, within(1e-12));
    assertThat(SpectralRadius.gelfand(new double[] {0, 1, 0, 0}, 2)).isZero();
    assertThat(SpectralRadius.gelfand(new double[4], 2)).isZero();
  }

  @Test
  void gelfandAgreesWithEjmlOnRandomMatrices() {
    Random random = new Random(17);
    for (int n : new int[] {2, 5, 40}) {
      double[] a = new double[n * n];
      for (int i = 0; i < a.length; i++) {
        a[i] = random.nextGaussian();
      }
      double ejml = SpectralRadius.ejmlRadius(a, n);
      assertThat(SpectralRadius.gelfand(a, n)).isCloseTo(ejml, within(1e-9 * ejml));
    }
  }
}
