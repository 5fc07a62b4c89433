package dev.rnnc.compiler.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rnnc.compiler.ir.Matrix;
import dev.rnnc.compiler.weights.InitSpec.Distribution;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatrixInitTest {

  private static InitSpec spec(Distribution d, double scale, long seed, double density) {
    return new InitSpec(d, scale, seed, density, OptionalDouble.empty());
  }

  private static InitSpec reservoir(Distribution d, long seed, double density, double radius) {
    return new InitSpec(d, 1.0, seed, density, OptionalDouble.of(radius));
  }

  /** The algorithm exactly as MatrixInit's Javadoc states it, written independently. */
  private static double[] documented(InitSpec spec, int rows, int cols) {
    Random random = new Random(spec.seed());
    double[] w = new double[rows * cols];
    for (int k = 0; k < rows * cols; k++) {
      if (spec.density() < 1 && !(random.nextDouble() < spec.density())) {
        w[k] = 0.0;
        continue;
      }
      w[k] =
          spec.distribution() == Distribution.NORMAL
              ? spec.scale() * random.nextGaussian()
              : spec.scale() * (2 * random.nextDouble() - 1);
    }
    return w;
  }

  private static long[] bits(Matrix m) {
    return Arrays.stream(m.toArray()).mapToLong(Double::doubleToRawLongBits).toArray();
  }

  @ParameterizedTest
  @CsvSource({"NORMAL, 1.0", "NORMAL, 0.3", "UNIFORM, 1.0", "UNIFORM, 0.05"})
  void followsTheDocumentedAlgorithmBitForBit(Distribution d, double density) {
    InitSpec spec = spec(d, 0.7, 12345, density);
    Matrix m = MatrixInit.generate(spec, 17, 23);
    assertThat(m.rows()).isEqualTo(17);
    assertThat(m.cols()).isEqualTo(23);
    assertThat(bits(m))
        .containsExactly(
            Arrays.stream(documented(spec, 17, 23))
                .mapToLong(Double::doubleToRawLongBits)
                .toArray());
  }

  @Test
  void pinsTheFirstValuesOfKnownSeeds() {
    // java.util.Random is specified; these values must never change.
    Matrix normal = MatrixInit.generate(spec(Distribution.NORMAL, 0.1, 0, 1.0), 1, 3);
    assertThat(normal.toArray())
        .containsExactly(0.08025330637390306, -0.09015460884175122, 0.2080920790428163);
    Matrix uniform = MatrixInit.generate(spec(Distribution.UNIFORM, 0.5, 42, 1.0), 2, 1);
    assertThat(uniform.toArray()).containsExactly(0.2275636800328681, 0.18322347175984544);
  }

  @Test
  void sameSpecSameBitsDifferentSeedDifferentValues() {
    InitSpec a = reservoir(Distribution.NORMAL, 7, 0.2, 0.9);
    assertThat(bits(MatrixInit.generate(a, 60, 60)))
        .containsExactly(bits(MatrixInit.generate(a, 60, 60)));
    InitSpec b = reservoir(Distribution.NORMAL, 8, 0.2, 0.9);
    assertThat(MatrixInit.generate(b, 60, 60)).isNotEqualTo(MatrixInit.generate(a, 60, 60));
    assertThat(MatrixInit.generate(spec(Distribution.UNIFORM, 1, 1, 1), 5, 5))
        .isNotEqualTo(MatrixInit.generate(spec(Distribution.UNIFORM, 1, 2, 1), 5, 5));
  }

  @Test
  void densityIsTheFractionOfNonzeros() {
    for (double density : new double[] {0.02, 0.1, 0.5}) {
      Matrix m = MatrixInit.generate(spec(Distribution.NORMAL, 1, 3, density), 200, 200);
      long nonzero = Arrays.stream(m.toArray()).filter(v -> v != 0).count();
      // Binomial(40000, density): 5 standard deviations are below 0.0125.
      assertThat(nonzero / 40000.0).isCloseTo(density, within(0.0125));
    }
    Matrix dense = MatrixInit.generate(spec(Distribution.UNIFORM, 1, 3, 1.0), 200, 200);
    assertThat(Arrays.stream(dense.toArray()).filter(v -> v == 0).count()).isZero();
  }

  @Test
  void uniformValuesLieInMinusScaleToScale() {
    Matrix m = MatrixInit.generate(spec(Distribution.UNIFORM, 0.25, 99, 1.0), 100, 100);
    double min = Arrays.stream(m.toArray()).min().orElseThrow();
    double max = Arrays.stream(m.toArray()).max().orElseThrow();
    assertThat(min).isGreaterThanOrEqualTo(-0.25).isLessThan(-0.249);
    assertThat(max).isLessThan(0.25).isGreaterThan(0.249);
    assertThat(Arrays.stream(m.toArray()).average().orElseThrow()).isCloseTo(0, within(0.005));
  }

  @Test
  void normalValuesHaveStandardDeviationScale() {
    Matrix m = MatrixInit.generate(spec(Distribution.NORMAL, 0.3, 5, 1.0), 100, 100);
    double mean = Arrays.stream(m.toArray()).average().orElseThrow();
    double variance = Arrays.stream(m.toArray()).map(v -> (v - mean) * (v - mean)).sum() / 9999;
    assertThat(mean).isCloseTo(0, within(0.015));
    assertThat(Math.sqrt(variance)).isCloseTo(0.3, within(0.01));
  }

  @ParameterizedTest
  @CsvSource({
    "NORMAL, 50, 1.0, 0.9",
    "UNIFORM, 30, 1.0, 0.5",
    "NORMAL, 100, 0.05, 1.25",
    "UNIFORM, 80, 0.1, 0.99",
    "NORMAL, 1, 1.0, 0.7",
    "NORMAL, 2, 1.0, 3.0"
  })
  void achievesTheSpectralRadius(Distribution d, int n, double density, double radius) {
    Matrix m = MatrixInit.generate(reservoir(d, 2024, density, radius), n, n);
    // Independent checks: EJML on the whole result (no component split, no power-of-two
    // scaling) and Gelfand's formula.
    assertThat(SpectralRadius.ejmlRadius(m.toArray(), n)).isCloseTo(radius, within(1e-9 * radius));
    assertThat(SpectralRadius.gelfand(m.toArray(), n)).isCloseTo(radius, within(1e-9 * radius));
  }

  @Test
  void spectralScalingMultipliesByOneFactor() {
    InitSpec plain = spec(Distribution.NORMAL, 1.0, 11, 0.5);
    Matrix raw = MatrixInit.generate(plain, 40, 40);
    Matrix scaled = MatrixInit.generate(reservoir(Distribution.NORMAL, 11, 0.5, 0.8), 40, 40);
    double factor = 0;
    for (int k = 0; k < raw.toArray().length; k++) {
      if (raw.toArray()[k] == 0) {
        assertThat(scaled.toArray()[k]).isZero();
      } else if (factor == 0) {
        factor = scaled.toArray()[k] / raw.toArray()[k];
      } else {
        assertThat(scaled.toArray()[k] / raw.toArray()[k])
            .isCloseTo(factor, within(1e-15 * factor));
      }
    }
    assertThat(factor).isPositive();
  }

  @Test
  void scaleZeroStaysZeroUnderSpectralRadius() {
    InitSpec spec = new InitSpec(Distribution.NORMAL, 0.0, 1, 1.0, OptionalDouble.of(0.9));
    Matrix m = MatrixInit.generate(spec, 10, 10);
    assertThat(Arrays.stream(m.toArray()).allMatch(v -> v == 0)).isTrue();
  }

  @Test
  void largeReservoirFinishes() {
    Matrix m = MatrixInit.generate(reservoir(Distribution.UNIFORM, 1, 0.1, 0.95), 500, 500);
    assertThat(m.rows()).isEqualTo(500);
    assertThat(SpectralRadius.ejmlRadius(m.toArray(), 500)).isCloseTo(0.95, within(1e-9));
  }

  @Test
  void nonSquareMatricesAreFineWithoutSpectralRadius() {
    Matrix m = MatrixInit.generate(spec(Distribution.NORMAL, 0.1, 0, 1.0), 3, 5);
    assertThat(m.toArray()).hasSize(15);
  }

  @Test
  void rejectsInvalidArguments() {
    assertThatThrownBy(() -> MatrixInit.generate(reservoir(Distribution.NORMAL, 0, 1.0, 0.9), 3, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("spectral radius needs a square matrix, not 3x4");
    assertThatThrownBy(() -> MatrixInit.generate(reservoir(Distribution.NORMAL, 0, 1.0, -1), 3, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> MatrixInit.generate(reservoir(Distribution.NORMAL, 0, 1.0, Double.NaN), 3, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MatrixInit.generate(spec(Distribution.NORMAL, 1, 0, 1), 0, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> MatrixInit.generate(spec(Distribution.NORMAL, 1, 0, 1), 100_000, 100_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("matrix too large: 100000x100000");
  }
}
