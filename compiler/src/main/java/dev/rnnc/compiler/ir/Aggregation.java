package dev.rnnc.compiler.ir;

import java.util.Optional;

/**
 * How a node combines the terms of its incoming edges, each aggregation defined once: its name, its
 * exact computation (used by the interpreter), the partial derivative of the result with respect to
 * each term, how generated code combines two terms, and the text the language reference shows.
 * SPEC.md's aggregation table is rendered from these definitions.
 *
 * <p>For {@link #SUM} one accumulator starts at 0 and adds every product in edge declaration order
 * (a matrix edge's products in increasing column); for the others each edge's term is its own such
 * sum, and the terms are then combined in edge declaration order: {@code m = t0} (for mean {@code m
 * = 0.0 + t0}), then {@code m = combine(m, t)} for the rest, then {@code finish(m, count)}. A node
 * element with no term aggregates to 0.
 */
public enum Aggregation {
  SUM(
      "sum",
      "`acc = 0.0`, then `acc += w * y` for every product of every edge, in edge order and"
          + " within a matrix edge in increasing column `j`",
      "1 for every product") {
    @Override
    public double combine(double m, double t) {
      return m + t;
    }

    @Override
    public void partials(double[] terms, double[] into) {
      java.util.Arrays.fill(into, 0, terms.length, 1.0);
    }
  },
  PRODUCT(
      "product",
      "each edge's term `t` is its own sum (`0.0 + w*y + …`); result `t0 * t1 * …`"
          + " left to right",
      "the product of the other terms") {
    @Override
    public double combine(double m, double t) {
      return m * t;
    }

    @Override
    public void partials(double[] terms, double[] into) {
      // Products of the terms before and after each one: no division, exact for zero terms.
      double before = 1.0;
      for (int i = 0; i < terms.length; i++) {
        into[i] = before;
        before *= terms[i];
      }
      double after = 1.0;
      for (int i = terms.length - 1; i >= 0; i--) {
        into[i] *= after;
        after *= terms[i];
      }
    }

    @Override
    public String javaOperator() {
      return "*";
    }
  },
  MAX(
      "max",
      "`m = t0`, then `m = Math.max(m, t)`",
      "1 for the largest term (the first of equals), 0 for the rest") {
    @Override
    public double combine(double m, double t) {
      return Math.max(m, t);
    }

    @Override
    boolean wins(double t, double m) {
      return t > m;
    }

    @Override
    public String javaMethod() {
      return "Math.max";
    }
  },
  MIN(
      "min",
      "`m = t0`, then `m = Math.min(m, t)`",
      "1 for the smallest term (the first of equals), 0 for the rest") {
    @Override
    public double combine(double m, double t) {
      return Math.min(m, t);
    }

    @Override
    boolean wins(double t, double m) {
      return t < m;
    }

    @Override
    public String javaMethod() {
      return "Math.min";
    }
  },
  MEAN("mean", "`(0.0 + t0 + t1 + …) / count`", "1 / count for every term") {
    @Override
    public double combine(double m, double t) {
      return m + t;
    }

    @Override
    public boolean startsAtZero() {
      return true;
    }

    @Override
    public double finish(double m, int count) {
      return m / count;
    }

    @Override
    public void partials(double[] terms, double[] into) {
      java.util.Arrays.fill(into, 0, terms.length, 1.0 / terms.length);
    }

    @Override
    public String javaOperator() {
      return "+";
    }
  },
  MAXABS(
      "maxabs",
      "the term of largest magnitude: `m = t0`, then `if (abs(t) > abs(m)) m = t`"
          + " (the first wins ties)",
      "1 for the term of largest magnitude (the first of equals), 0 for the rest") {
    @Override
    public double combine(double m, double t) {
      return Math.abs(t) > Math.abs(m) ? t : m;
    }

    @Override
    boolean wins(double t, double m) {
      return Math.abs(t) > Math.abs(m);
    }

    /** A helper method of the generated class, whose body is {@link #combine}'s. */
    @Override
    public String javaMethod() {
      return "maxabs";
    }
  };

  private final String specName;
  private final String computation;
  private final String partial;

  Aggregation(String specName, String computation, String partial) {
    this.specName = specName;
    this.computation = computation;
    this.partial = partial;
  }

  /** {@code m} combined with the next term {@code t}, before rounding to the model's precision. */
  public abstract double combine(double m, double t);

  /** Whether the running value starts as {@code 0.0 + t0} (mean) rather than {@code t0}. */
  public boolean startsAtZero() {
    return false;
  }

  /** The result from the combined terms: {@code m / count} for mean, else {@code m}. */
  public double finish(double m, int count) {
    return m;
  }

  /** For selecting aggregations: whether term {@code t} replaces the current winner {@code m}. */
  boolean wins(double t, double m) {
    throw new UnsupportedOperationException(specName + " does not select a term");
  }

  /**
   * The partial derivative of the aggregate of {@code terms} with respect to each term, into {@code
   * into[0 .. terms.length)}. Selecting aggregations pass 1 to the term that won, the first of
   * equal ones, as the forward pass picks it.
   */
  public void partials(double[] terms, double[] into) {
    if (terms.length == 0) {
      return;
    }
    int winner = 0;
    for (int i = 1; i < terms.length; i++) {
      if (wins(terms[i], terms[winner])) {
        winner = i;
      }
    }
    java.util.Arrays.fill(into, 0, terms.length, 0.0);
    into[winner] = 1.0;
  }

  /** The name used in specs. */
  public String specName() {
    return specName;
  }

  /** The exact computation, as the language reference states it (Markdown). */
  public String computation() {
    return computation;
  }

  /** The partial derivatives, in words, as the language reference states them. */
  public String partialDerivatives() {
    return partial;
  }

  /** The infix operator generated code combines two terms with ({@code *}, {@code +}), or null. */
  public String javaOperator() {
    return null;
  }

  /** The method generated code combines two terms with ({@code Math.max}, ...), or null. */
  public String javaMethod() {
    return null;
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
