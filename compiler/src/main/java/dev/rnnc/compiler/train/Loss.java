package dev.rnnc.compiler.train;

import java.util.Locale;
import java.util.Optional;

/**
 * The losses {@code rnnc train} minimizes (DESIGN §7). A loss is a mean over target cells: for
 * {@link #MSE} and {@link #BCE} a cell is one output column at one step; for {@link #CROSS_ENTROPY}
 * a cell is one group output at one step, whose target is a class index.
 */
public enum Loss {
  /** {@code (y - t)^2}. */
  MSE("mse") {
    @Override
    double cell(double[] y, int column, int width, double t, double[] dy) {
      double diff = y[column] - t;
      dy[column] += 2 * diff;
      return diff * diff;
    }
  },
  /**
   * {@code -(t log y + (1 - t) log(1 - y))}, each log clamped at -100, with PyTorch's BCELoss
   * derivative {@code (y - t) / max((1 - y) y, 1e-12)}. Outputs must lie in [0, 1].
   */
  BCE("bce") {
    @Override
    double cell(double[] y, int column, int width, double t, double[] dy) {
      double p = y[column];
      if (!(p >= 0.0 && p <= 1.0)) {
        throw new OutOfRange(column, p);
      }
      dy[column] += (p - t) / Math.max((1 - p) * p, 1e-12);
      return -(t * Math.max(Math.log(p), -100) + (1 - t) * Math.max(Math.log(1 - p), -100));
    }
  },
  /**
   * Softmax cross-entropy over a group output's values as logits: {@code log(sum_i exp(z_i)) - z_c}
   * for target class c (PyTorch's CrossEntropyLoss on one sample).
   */
  CROSS_ENTROPY("cross_entropy") {
    @Override
    double cell(double[] y, int column, int width, double t, double[] dy) {
      int c = (int) t;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < width; i++) {
        max = Math.max(max, y[column + i]);
      }
      double sum = 0.0;
      for (int i = 0; i < width; i++) {
        sum += Math.exp(y[column + i] - max);
      }
      double logSum = max + Math.log(sum);
      for (int i = 0; i < width; i++) {
        dy[column + i] += Math.exp(y[column + i] - logSum) - (i == c ? 1.0 : 0.0);
      }
      return logSum - y[column + c];
    }
  };

  private final String flag;

  Loss(String flag) {
    this.flag = flag;
  }

  /** The name {@code --loss} takes. */
  public String flag() {
    return flag;
  }

  /** Whether a target names a whole group output holding a class index. */
  public boolean classIndexTargets() {
    return this == CROSS_ENTROPY;
  }

  /** The loss named {@code flag}. */
  public static Optional<Loss> fromFlag(String flag) {
    for (Loss l : values()) {
      if (l.flag.equals(flag.toLowerCase(Locale.ROOT))) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  /**
   * One cell's loss; adds its derivative with respect to the outputs to {@code dy}.
   *
   * @param y a step's output columns
   * @param column the cell's first column
   * @param width its number of columns (1 but for cross-entropy)
   * @param t its target
   */
  abstract double cell(double[] y, int column, int width, double t, double[] dy);

  /** A BCE output outside [0, 1], where the loss is not defined. */
  static final class OutOfRange extends RuntimeException {
    final int column;
    final double value;

    OutOfRange(int column, double value) {
      super("output column " + column + " is " + value + ", outside [0, 1]", null, false, false);
      this.column = column;
      this.value = value;
    }
  }
}
