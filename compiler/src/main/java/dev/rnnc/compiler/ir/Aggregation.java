package dev.rnnc.compiler.ir;

import java.util.Locale;
import java.util.Optional;

/**
 * How a node combines the terms of its incoming edges. For {@link #SUM} one accumulator starts at
 * 0 and adds every product in edge declaration order (a matrix edge's products in increasing
 * column); for the others each edge's term is its own such sum, and the terms are then combined
 * in edge declaration order. A node element with no term aggregates to 0.
 */
public enum Aggregation {
  /** acc = 0; acc += w * y for every product. */
  SUM,
  /** t0 * t1 * ... left to right. */
  PRODUCT,
  /** m = t0; m = Math.max(m, t) for the rest. */
  MAX,
  /** m = t0; m = Math.min(m, t) for the rest. */
  MIN,
  /** (0 + t0 + t1 + ...) / count. */
  MEAN,
  /** The term of largest magnitude; m = t0; if (Math.abs(t) > Math.abs(m)) m = t. */
  MAXABS;

  public String specName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Aggregation> fromSpecName(String name) {
    for (Aggregation a : values()) {
      if (a.specName().equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
