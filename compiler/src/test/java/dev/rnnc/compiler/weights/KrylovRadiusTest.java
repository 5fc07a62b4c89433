package dev.rnnc.compiler.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KrylovRadiusTest {

  /** Restarted Arnoldi agrees with EJML's dense eigenvalues on random sparse reservoirs. */
  @ParameterizedTest
  @CsvSource({"600, 0.02, 1", "800, 0.01, 2", "500, 0.05, 3", "700, 0.01, 4"})
  void matchesTheDenseEigensolver(int n, double density, long seed) {
    Random random = new Random(seed);
    double[] a = new double[n * n];
    for (int k = 0; k < a.length; k++) {
      if (random.nextDouble() < density) {
        a[k] = random.nextGaussian();
      }
    }
    double dense = SpectralRadius.ejmlRadius(a, n);
    int[][] components = SpectralRadius.components(a, n);
    int[] largest = components[0];
    for (int[] c : components) {
      largest = c.length > largest.length ? c : largest;
    }
    int[] rowStart = new int[n + 1];
    int nnz = 0;
    for (double v : a) {
      nnz += v != 0 ? 1 : 0;
    }
    int[] col = new int[nnz];
    double[] val = new double[nnz];
    int at = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (a[i * n + j] != 0) {
          col[at] = j;
          val[at++] = a[i * n + j];
        }
      }
      rowStart[i + 1] = at;
    }
    double krylov = KrylovRadius.of(rowStart, col, val, n, largest);
    assertThat(krylov).isCloseTo(dense, within(1e-9 * dense));
  }
}
