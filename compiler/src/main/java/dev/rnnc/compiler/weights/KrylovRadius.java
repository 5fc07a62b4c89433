package dev.rnnc.compiler.weights;

import java.util.Arrays;
import java.util.Random;
import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The spectral radius of a large sparse strongly connected block, where a dense eigensolver would
 * cost O(n^3) time and O(n^2) memory: restarted Arnoldi with exact-shift polynomial filtering
 * (Saad, "Numerical Methods for Large Eigenvalue Problems", §7.4), in O(nnz) per product.
 *
 * <p>Each cycle builds an orthonormal Krylov basis of {@value #KRYLOV} vectors (modified
 * Gram-Schmidt, reorthogonalized once), takes the eigenvalues of the small Hessenberg matrix (Ritz
 * values) with EJML, and restarts from {@code p(A) v} where the filter {@code p} has the unwanted
 * Ritz values (all but the {@value #WANTED} of largest magnitude) as roots, complex ones in real
 * quadratic factors. The estimate is the largest Ritz value magnitude; cycles stop when it changes
 * by less than 1e-12 relative, or after {@value #MAX_CYCLES} cycles. The start vector comes from a
 * fixed seed, so the result is deterministic.
 */
final class KrylovRadius {

  static final int KRYLOV = 80;
  static final int WANTED = 6;
  static final int MAX_CYCLES = 60;

  private KrylovRadius() {}

  /** The radius of the submatrix of rows and columns {@code indices} (ascending). */
  static double of(int[] rowStart, int[] col, double[] val, int n, int[] indices) {
    Sub a = Sub.of(rowStart, col, val, n, indices);
    int m = a.size;
    int dim = Math.min(KRYLOV, m);
    Random random = new Random(0x5eed);
    double[] v = new double[m];
    for (int i = 0; i < m; i++) {
      v[i] = random.nextDouble() - 0.5;
    }
    double previous = Double.NaN;
    double radius = 0;
    for (int cycle = 0; cycle < MAX_CYCLES; cycle++) {
      normalize(v);
      double[][] basis = new double[dim + 1][];
      double[] h = new double[(dim + 1) * dim];
      basis[0] = v;
      int built = dim;
      for (int j = 0; j < dim; j++) {
        double[] w = a.times(basis[j]);
        for (int pass = 0; pass < 2; pass++) {
          for (int i = 0; i <= j; i++) {
            double d = dot(w, basis[i]);
            h[i * dim + j] += d;
            axpy(-d, basis[i], w);
          }
        }
        double norm = Math.sqrt(dot(w, w));
        h[(j + 1) * dim + j] = norm;
        if (norm < 1e-14) {
          built = j + 1; // an invariant subspace: its Ritz values are eigenvalues
          break;
        }
        for (int i = 0; i < m; i++) {
          w[i] /= norm;
        }
        basis[j + 1] = w;
      }
      Complex_F64[] ritz = ritz(h, dim, built);
      Arrays.sort(
          ritz,
          (x, y) ->
              Double.compare(
                  StrictMath.hypot(y.real, y.imaginary), StrictMath.hypot(x.real, x.imaginary)));
      radius = StrictMath.hypot(ritz[0].real, ritz[0].imaginary);
      if (built < dim
          || (!Double.isNaN(previous) && Math.abs(radius - previous) <= 1e-12 * radius)) {
        return radius;
      }
      previous = radius;
      v = filter(a, v, ritz, Math.min(WANTED, ritz.length));
    }
    return radius;
  }

  /** The eigenvalues of the leading {@code built x built} block of the Hessenberg matrix. */
  private static Complex_F64[] ritz(double[] h, int dim, int built) {
    DMatrixRMaj small = new DMatrixRMaj(built, built);
    for (int i = 0; i < built; i++) {
      for (int j = 0; j < built; j++) {
        small.set(i, j, h[i * dim + j]);
      }
    }
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(built, false);
    if (!eig.decompose(small)) {
      throw new ArithmeticException("the eigensolver did not converge on a Krylov matrix");
    }
    Complex_F64[] values = new Complex_F64[eig.getNumberOfEigenvalues()];
    for (int i = 0; i < values.length; i++) {
      values[i] = new Complex_F64(eig.getEigenvalue(i).real, eig.getEigenvalue(i).imaginary);
    }
    return values;
  }

  /**
   * {@code p(A) v} for the filter whose roots are the unwanted Ritz values {@code ritz[keep..]}
   * (sorted by decreasing magnitude): a complex pair as {@code A^2 - 2 re A + |z|^2}, once.
   */
  private static double[] filter(Sub a, double[] v, Complex_F64[] ritz, int keep) {
    double[] x = v.clone();
    boolean[] used = new boolean[ritz.length];
    for (int k = keep; k < ritz.length; k++) {
      if (used[k]) {
        continue;
      }
      used[k] = true;
      Complex_F64 z = ritz[k];
      if (Math.abs(z.imaginary) <= 1e-14 * Math.max(1, Math.abs(z.real))) {
        double[] ax = a.times(x);
        axpy(-z.real, x, ax);
        x = ax;
      } else {
        for (int q = k + 1; q < ritz.length; q++) {
          if (!used[q]
              && Math.abs(ritz[q].real - z.real) <= 1e-10 * Math.max(1, Math.abs(z.real))
              && Math.abs(ritz[q].imaginary + z.imaginary)
                  <= 1e-10 * Math.max(1, Math.abs(z.imaginary))) {
            used[q] = true;
            break;
          }
        }
        double[] ax = a.times(x);
        double[] aax = a.times(ax);
        axpy(-2 * z.real, ax, aax);
        axpy(z.real * z.real + z.imaginary * z.imaginary, x, aax);
        x = aax;
      }
      normalize(x);
    }
    return x;
  }

  private static void normalize(double[] x) {
    double norm = Math.sqrt(dot(x, x));
    if (norm == 0 || !Double.isFinite(norm)) {
      throw new ArithmeticException("a Krylov vector vanished");
    }
    for (int i = 0; i < x.length; i++) {
      x[i] /= norm;
    }
  }

  private static double dot(double[] x, double[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }

  /** {@code y += alpha * x}. */
  private static void axpy(double alpha, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += alpha * x[i];
    }
  }

  /** The submatrix as compressed rows over local indices. */
  private record Sub(int size, int[] rowStart, int[] col, double[] val) {

    static Sub of(int[] rowStart, int[] col, double[] val, int n, int[] indices) {
      int m = indices.length;
      int[] position = new int[n];
      Arrays.fill(position, -1);
      for (int r = 0; r < m; r++) {
        position[indices[r]] = r;
      }
      int[] starts = new int[m + 1];
      int nnz = 0;
      for (int r = 0; r < m; r++) {
        int i = indices[r];
        for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
          nnz += position[col[k]] >= 0 ? 1 : 0;
        }
        starts[r + 1] = nnz;
      }
      int[] c = new int[nnz];
      double[] v = new double[nnz];
      int at = 0;
      for (int r = 0; r < m; r++) {
        int i = indices[r];
        for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
          int p = position[col[k]];
          if (p >= 0) {
            c[at] = p;
            v[at++] = val[k];
          }
        }
      }
      return new Sub(m, starts, c, v);
    }

    double[] times(double[] x) {
      double[] y = new double[size];
      for (int r = 0; r < size; r++) {
        double s = 0;
        for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
          s += val[k] * x[col[k]];
        }
        y[r] = s;
      }
      return y;
    }
  }
}
