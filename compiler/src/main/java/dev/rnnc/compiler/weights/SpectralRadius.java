package dev.rnnc.compiler.weights;

import java.util.Arrays;
import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The spectral radius (largest eigenvalue magnitude) of a square matrix, and scaling a matrix to a
 * target radius. See {@link MatrixInit} for the documented procedure.
 *
 * <p>The eigenvalues of a matrix are those of the diagonal blocks of its block-triangular form,
 * whose blocks are the strongly connected components of the graph with an arc {@code i -> j} for
 * every nonzero {@code a[i][j]}. This class uses that exactly: a component of one element
 * contributes {@code |a[i][i]|}, a larger one the radius of its submatrix computed with EJML. So a
 * matrix whose nonzero pattern has no cycle (a nilpotent matrix, common for small sparse
 * reservoirs) has radius exactly 0 rather than the rounding noise a dense eigensolver reports for
 * it, and sparse matrices are decomposed in small pieces.
 */
final class SpectralRadius {

  private static final int MAX_SQUARINGS = 80;

  private SpectralRadius() {}

  /**
   * Scales the {@code n x n} row-major matrix {@code a} in place so that its spectral radius is
   * {@code target}; leaves it unchanged if its radius is 0.
   */
  static void scaleTo(double[] a, int n, double target) {
    double maxAbs = 0;
    for (double v : a) {
      maxAbs = Math.max(maxAbs, Math.abs(v));
    }
    if (maxAbs == 0) {
      return;
    }
    // Exact scaling by a power of two, so that the eigensolver never sees huge or tiny values.
    int exponent = Math.getExponent(maxAbs);
    double[] b = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = Math.scalb(a[i], -exponent);
    }
    double radius = of(b, n);
    if (radius == 0) {
      return;
    }
    double factor = target / radius;
    for (int i = 0; i < a.length; i++) {
      a[i] = b[i] * factor;
    }
  }

  /**
   * Scales the {@code n x n} sparse matrix with compressed rows {@code (rowStart, col, val)} in
   * place, exactly as {@link #scaleTo(double[], int, double)} scales its dense form.
   */
  static void scaleTo(int[] rowStart, int[] col, double[] val, int n, double target) {
    double maxAbs = 0;
    for (double v : val) {
      maxAbs = Math.max(maxAbs, Math.abs(v));
    }
    if (maxAbs == 0) {
      return;
    }
    int exponent = Math.getExponent(maxAbs);
    double[] b = new double[val.length];
    for (int i = 0; i < val.length; i++) {
      b[i] = Math.scalb(val[i], -exponent);
    }
    double radius = of(rowStart, col, b, n);
    if (radius == 0) {
      return;
    }
    double factor = target / radius;
    for (int i = 0; i < val.length; i++) {
      val[i] = b[i] * factor;
    }
  }

  /**
   * The spectral radius of the {@code n x n} row-major matrix {@code a}; {@code a} is not modified.
   */
  static double of(double[] a, int n) {
    Csr p = Csr.of(a, n);
    return of(p.rowStart, p.col, p.val, n);
  }

  /** The strongly connected components of the nonzero pattern of the dense {@code a}. */
  static int[][] components(double[] a, int n) {
    Csr p = Csr.of(a, n);
    return components(p.rowStart, p.col, n);
  }

  /** Compressed rows of the nonzero entries of a dense square matrix. */
  private record Csr(int[] rowStart, int[] col, double[] val) {
    static Csr of(double[] a, int n) {
      int[] rowStart = new int[n + 1];
      int nnz = 0;
      for (double v : a) {
        nnz += v != 0 ? 1 : 0;
      }
      int[] col = new int[nnz];
      double[] val = new double[nnz];
      int k = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (a[i * n + j] != 0) {
            col[k] = j;
            val[k++] = a[i * n + j];
          }
        }
        rowStart[i + 1] = k;
      }
      return new Csr(rowStart, col, val);
    }
  }

  /** The spectral radius of a sparse {@code n x n} matrix in compressed rows; not modified. */
  static double of(int[] rowStart, int[] col, double[] val, int n) {
    double radius = 0;
    for (int[] component : components(rowStart, col, n)) {
      double r;
      if (component.length == 1) {
        int i = component[0];
        int at = Arrays.binarySearch(col, rowStart[i], rowStart[i + 1], i);
        r = at >= 0 ? Math.abs(val[at]) : 0;
      } else if (component.length <= DENSE_COMPONENT_MAX) {
        r = denseRadius(submatrix(rowStart, col, val, n, component), component.length);
      } else {
        r = KrylovRadius.of(rowStart, col, val, n, component);
      }
      radius = Math.max(radius, r);
    }
    return radius;
  }

  /**
   * Components up to this size go to EJML's dense eigensolver; larger ones to {@link KrylovRadius}.
   */
  static final int DENSE_COMPONENT_MAX = 500;

  /**
   * The radius of a dense {@code m x m} matrix: EJML's eigenvalues; if EJML fails to converge, EJML
   * on the transpose (same eigenvalues, a different iteration); if that fails too, {@link
   * #gelfand}.
   */
  private static double denseRadius(double[] a, int m) {
    double r = ejmlRadius(a, m);
    if (Double.isNaN(r)) {
      r = ejmlRadius(transpose(a, m), m);
    }
    if (Double.isNaN(r)) {
      r = gelfand(a, m);
    }
    return r;
  }

  /** Max |lambda| by EJML, or NaN if the decomposition fails or gives a non-finite value. */
  static double ejmlRadius(double[] a, int m) {
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m, false);
    if (!eig.decompose(new DMatrixRMaj(m, m, true, a.clone()))) {
      return Double.NaN;
    }
    double radius = 0;
    for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) {
      Complex_F64 lambda = eig.getEigenvalue(i);
      double magnitude = StrictMath.hypot(lambda.real, lambda.imaginary);
      if (!Double.isFinite(magnitude)) {
        return Double.NaN;
      }
      radius = Math.max(radius, magnitude);
    }
    return radius;
  }

  /**
   * Gelfand's formula {@code rho = lim ||A^k||^(1/k)} by repeated squaring with normalization:
   * robust where power iteration is not (complex or repeated dominant eigenvalues), O(n^3) per
   * squaring. The polynomial factor of defective eigenvalues fades as {@code k = 2^s} grows, and
   * the estimate is accurate to about 1e-15 relative when the loop ends.
   */
  static double gelfand(double[] a, int n) {
    double[] m = a.clone();
    double norm = frobenius(m);
    if (norm == 0) {
      return 0;
    }
    divide(m, norm);
    double logRadius = StrictMath.log(norm); // log ||A^(2^s)|| / 2^s, for s = 0
    double[] product = new double[m.length];
    for (int s = 1; s <= MAX_SQUARINGS; s++) {
      multiply(m, m, product, n);
      double g = frobenius(product);
      if (g == 0) {
        return 0; // A^(2^s) == 0: nilpotent
      }
      double term = Math.scalb(StrictMath.log(g), -s);
      logRadius += term;
      double[] swap = m;
      m = product;
      product = swap;
      divide(m, g);
      if (Math.abs(term) < 1e-17) {
        break;
      }
    }
    return StrictMath.exp(logRadius);
  }

  /**
   * The strongly connected components of the pattern of a sparse matrix (an arc {@code i -> j} for
   * every stored entry; Tarjan's algorithm, iterative), each as ascending indices; components in a
   * deterministic order.
   */
  static int[][] components(int[] rowStart, int[] col, int n) {
    int[] index = new int[n];
    int[] low = new int[n];
    Arrays.fill(index, -1);
    boolean[] onStack = new boolean[n];
    int[] stack = new int[n];
    int stackSize = 0;
    int[] callNode = new int[n];
    int[] callNext = new int[n];
    int nextIndex = 0;
    int[][] result = new int[n][];
    int found = 0;
    for (int root = 0; root < n; root++) {
      if (index[root] >= 0) {
        continue;
      }
      int depth = 0;
      callNode[0] = root;
      callNext[0] = rowStart[root];
      index[root] = low[root] = nextIndex++;
      stack[stackSize++] = root;
      onStack[root] = true;
      while (depth >= 0) {
        int v = callNode[depth];
        int k = callNext[depth];
        if (k < rowStart[v + 1]) {
          callNext[depth] = k + 1;
          int j = col[k];
          if (index[j] < 0) {
            index[j] = low[j] = nextIndex++;
            stack[stackSize++] = j;
            onStack[j] = true;
            depth++;
            callNode[depth] = j;
            callNext[depth] = rowStart[j];
          } else if (onStack[j]) {
            low[v] = Math.min(low[v], index[j]);
          }
          continue;
        }
        if (low[v] == index[v]) {
          int start = stackSize;
          do {
            start--;
          } while (stack[start] != v);
          int[] component = Arrays.copyOfRange(stack, start, stackSize);
          for (int w : component) {
            onStack[w] = false;
          }
          stackSize = start;
          Arrays.sort(component);
          result[found++] = component;
        }
        depth--;
        if (depth >= 0) {
          int parent = callNode[depth];
          low[parent] = Math.min(low[parent], low[v]);
        }
      }
    }
    return Arrays.copyOf(result, found);
  }

  /** The dense submatrix of the rows and columns {@code indices} (ascending). */
  private static double[] submatrix(int[] rowStart, int[] col, double[] val, int n, int[] indices) {
    int m = indices.length;
    int[] position = new int[n];
    Arrays.fill(position, -1);
    for (int r = 0; r < m; r++) {
      position[indices[r]] = r;
    }
    double[] sub = new double[m * m];
    for (int r = 0; r < m; r++) {
      int i = indices[r];
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        int c = position[col[k]];
        if (c >= 0) {
          sub[r * m + c] = val[k];
        }
      }
    }
    return sub;
  }

  private static double[] transpose(double[] a, int m) {
    double[] t = new double[a.length];
    for (int r = 0; r < m; r++) {
      for (int c = 0; c < m; c++) {
        t[c * m + r] = a[r * m + c];
      }
    }
    return t;
  }

  /** {@code out = x * y}, all {@code n x n} row-major; {@code out} must not alias the inputs. */
  private static void multiply(double[] x, double[] y, double[] out, int n) {
    Arrays.fill(out, 0.0);
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) {
        double xik = x[i * n + k];
        if (xik == 0) {
          continue;
        }
        for (int j = 0; j < n; j++) {
          out[i * n + j] += xik * y[k * n + j];
        }
      }
    }
  }

  private static double frobenius(double[] x) {
    double sum = 0;
    for (double v : x) {
      sum += v * v;
    }
    return Math.sqrt(sum);
  }

  private static void divide(double[] x, double by) {
    for (int i = 0; i < x.length; i++) {
      x[i] /= by;
    }
  }
}
