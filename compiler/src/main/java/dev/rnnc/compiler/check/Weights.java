package dev.rnnc.compiler.check;

import dev.rnnc.compiler.ir.Matrix;
import dev.rnnc.compiler.weights.InitSpec;
import java.util.Objects;

/** The checked weights of an edge: given values (inline or from a file) or a random init. */
public sealed interface Weights {

  /** Rows: the size of the edge's target. */
  int rows();

  /** Columns: the size of the edge's source. */
  int cols();

  /** About how many values the matrix stores: a sparse init's expected kept entries. */
  default long stored() {
    long entries = (long) rows() * cols();
    return this instanceof Random r && r.init().density() < 1
        ? (long) Math.ceil(entries * r.init().density())
        : entries;
  }

  /** Values written in the spec or read from a file, already in shape [rows, cols]. */
  record Given(Matrix matrix) implements Weights {

    public Given {
      Objects.requireNonNull(matrix, "matrix");
    }

    @Override
    public int rows() {
      return matrix.rows();
    }

    @Override
    public int cols() {
      return matrix.cols();
    }
  }

  /** {@code {init: ...}}: generated when the spec is lowered. */
  record Random(InitSpec init, int rows, int cols) implements Weights {

    public Random {
      Objects.requireNonNull(init, "init");
      if (rows < 1 || cols < 1) {
        throw new IllegalArgumentException("bad shape " + rows + "x" + cols);
      }
      if (init.spectralRadius().isPresent() && rows != cols) {
        throw new IllegalArgumentException("spectral_radius needs a square matrix");
      }
    }
  }
}
