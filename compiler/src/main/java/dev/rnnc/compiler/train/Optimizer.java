package dev.rnnc.compiler.train;

import java.util.Locale;
import java.util.Optional;

/**
 * Gradient steps with PyTorch's formulas (DESIGN §7), so results can be checked against {@code
 * torch.optim.SGD} and {@code torch.optim.Adam} with their default options.
 *
 * <ul>
 *   <li>{@code sgd}: {@code b = momentum * b + g} ({@code b = g} on the first step), {@code w -= lr
 *       * b}; with momentum 0, {@code w -= lr * g}.
 *   <li>{@code adam}: β1 0.9, β2 0.999, ε 1e-8; {@code m = β1 m + (1 - β1) g}, {@code v = β2 v + (1
 *       - β2) g²}, {@code w -= (lr / (1 - β1^t)) m / (sqrt(v) / sqrt(1 - β2^t) + ε)}.
 * </ul>
 */
public final class Optimizer {

  /** The optimizers {@code --optimizer} offers. */
  public enum Kind {
    SGD,
    ADAM;

    /** The name {@code --optimizer} takes. */
    public String flag() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The optimizer named {@code flag}. */
    public static Optional<Kind> fromFlag(String flag) {
      for (Kind k : values()) {
        if (k.flag().equals(flag.toLowerCase(Locale.ROOT))) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }

  static final double BETA1 = 0.9;
  static final double BETA2 = 0.999;
  static final double EPSILON = 1e-8;

  private final Kind kind;
  private final double lr;
  private final double momentum;
  private final Parameters first;
  private final Parameters second;
  private long steps;

  /**
   * @param shape the parameters it will update (only their shape and trained entries are read)
   */
  public Optimizer(Kind kind, double lr, double momentum, Parameters shape) {
    this.kind = kind;
    this.lr = lr;
    this.momentum = momentum;
    this.first = shape.zeros();
    this.second = kind == Kind.ADAM ? shape.zeros() : null;
  }

  /** Updates every trained entry of {@code params} with {@code gradient}. */
  public void step(Parameters params, Parameters gradient) {
    steps++;
    boolean firstStep = steps == 1;
    double stepSize = lr / (1 - Math.pow(BETA1, steps));
    double correction2Root = Math.sqrt(1 - Math.pow(BETA2, steps));
    for (int k = 0; k < params.arrays(); k++) {
      double[] w = params.array(k);
      double[] g = gradient.array(k);
      double[] m = first.array(k);
      double[] v = second == null ? null : second.array(k);
      boolean[] frozen = params.frozen(k);
      for (int i = 0; i < w.length; i++) {
        if (frozen != null && frozen[i]) {
          continue;
        }
        if (kind == Kind.SGD) {
          if (momentum == 0.0) {
            w[i] -= lr * g[i];
          } else {
            m[i] = firstStep ? g[i] : momentum * m[i] + g[i];
            w[i] -= lr * m[i];
          }
        } else {
          m[i] = BETA1 * m[i] + (1 - BETA1) * g[i];
          v[i] = BETA2 * v[i] + (1 - BETA2) * g[i] * g[i];
          w[i] -= stepSize * m[i] / (Math.sqrt(v[i]) / correction2Root + EPSILON);
        }
      }
    }
  }

  /**
   * Scales {@code gradient} as PyTorch's {@code clip_grad_norm_} does: by {@code min(1, max / (norm
   * + 1e-6))}, where norm is the L2 norm of every trained entry.
   *
   * @return the norm before clipping
   */
  public static double clip(Parameters gradient, double max) {
    double sum = 0.0;
    for (int k = 0; k < gradient.arrays(); k++) {
      double[] g = gradient.array(k);
      boolean[] frozen = gradient.frozen(k);
      for (int i = 0; i < g.length; i++) {
        if (frozen == null || !frozen[i]) {
          sum += g[i] * g[i];
        }
      }
    }
    double norm = Math.sqrt(sum);
    double scale = Math.min(1.0, max / (norm + 1e-6));
    if (scale < 1.0) {
      for (int k = 0; k < gradient.arrays(); k++) {
        double[] g = gradient.array(k);
        boolean[] frozen = gradient.frozen(k);
        for (int i = 0; i < g.length; i++) {
          if (frozen == null || !frozen[i]) {
            g[i] *= scale;
          }
        }
      }
    }
    return norm;
  }
}
