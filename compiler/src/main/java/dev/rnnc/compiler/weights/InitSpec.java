package dev.rnnc.compiler.weights;

import java.util.OptionalDouble;

/**
 * {@code {init: normal|uniform, scale, seed, density, spectral_radius}}: random weights for
 * untrained or reservoir models, deterministic for a seed.
 */
public record InitSpec(
    Distribution distribution,
    double scale,
    long seed,
    double density,
    OptionalDouble spectralRadius) {

  /** Where the values come from. */
  public enum Distribution {
    NORMAL,
    UNIFORM
  }

  public InitSpec {
    if (!(scale >= 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be finite and >= 0");
    }
    if (!(density > 0 && density <= 1)) {
      throw new IllegalArgumentException("density must be in (0, 1]");
    }
  }
}
