package dev.rnnc.compiler.doc;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Aggregation;

/**
 * The tables of the language reference ({@code specs/SPEC.md}) that are rendered from the
 * compiler's own definitions rather than written by hand, so that the reference cannot drift from
 * what the compiler accepts and computes. A test keeps SPEC.md equal to these.
 */
public final class ReferenceTables {

  private ReferenceTables() {}

  /** Every activation: name, value (Java, on {@code double x}), derivative. */
  public static String activations() {
    StringBuilder b =
        new StringBuilder()
            .append("| name | value (Java, on `double x`) | derivative |\n")
            .append("| --- | --- | --- |\n");
    for (Activation a : Activation.values()) {
      StringBuilder value = new StringBuilder("`").append(a.formula()).append('`');
      if (a.hasAlpha()) {
        value.append(" (`alpha` default ").append(a.defaultAlpha()).append(')');
      }
      if (!a.note().isEmpty()) {
        value.append(" (").append(a.note()).append(')');
      }
      b.append("| `")
          .append(a.specName())
          .append('`')
          .append(a == Activation.IDENTITY ? " (default)" : "")
          .append(" | ")
          .append(value)
          .append(" | `")
          .append(a.derivativeFormula())
          .append("` |\n");
    }
    return b.toString();
  }

  /** Every aggregation: name, exact computation, partial derivatives. */
  public static String aggregations() {
    StringBuilder b =
        new StringBuilder()
            .append("| aggregation | exact computation | derivative by each term |\n")
            .append("| --- | --- | --- |\n");
    for (Aggregation a : Aggregation.values()) {
      b.append("| `")
          .append(a.specName())
          .append('`')
          .append(a == Aggregation.SUM ? " (default)" : "")
          .append(" | ")
          .append(a.computation())
          .append(" | ")
          .append(a.partialDerivatives())
          .append(" |\n");
    }
    return b.toString();
  }

  /** Every diagnostic code with what it means. */
  public static String diagnosticCodes() {
    StringBuilder b = new StringBuilder().append("| code | meaning |\n").append("| --- | --- |\n");
    for (Code c : Code.values()) {
      b.append("| `").append(c.id()).append("` | ").append(c.description()).append(" |\n");
    }
    return b.toString();
  }
}
