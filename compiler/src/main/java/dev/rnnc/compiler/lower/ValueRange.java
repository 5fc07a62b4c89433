package dev.rnnc.compiler.lower;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.Matrix;
import dev.rnnc.compiler.ir.Node;
import dev.rnnc.runtime.ModelInfo.Precision;

/**
 * The last check of a spec, on the lowered graph: every value a model holds fits its number type.
 * The checker has ruled out non-finite numbers written in the spec or its files; what is left are
 * values that only overflow later: random weights of a huge {@code init} scale, and in {@code
 * precision: float} numbers beyond float's range (about 3.4e38), which would become infinite when
 * rounded to float.
 */
public final class ValueRange {

  private ValueRange() {}

  /** Reports every edge and node that holds a value out of range, at its place in the spec. */
  public static void check(Graph graph, Diagnostics sink) {
    boolean isFloat = graph.precision() == Precision.FLOAT;
    for (Edge e : graph.edges()) {
      Matrix w = e.weights();
      for (int k = 0; k < w.size(); k++) {
        if (!fits(w.at(k), isFloat)) {
          sink.error(
              Code.NON_FINITE,
              e.position(),
              "the weights of "
                  + graph.portName(e.from())
                  + " -> "
                  + graph.portName(e.to())
                  + " hold "
                  + describe(w.at(k), isFloat),
              hint(isFloat, "lower the init scale or the weights"));
          break;
        }
      }
    }
    for (Node n : graph.nodes()) {
      check(n, "bias", n.bias().toArray(), isFloat, sink);
      check(n, "initial", n.initial().toArray(), isFloat, sink);
      check(n, "gain", new double[] {n.gain()}, isFloat, sink);
    }
  }

  private static void check(
      Node n, String what, double[] values, boolean isFloat, Diagnostics sink) {
    for (double v : values) {
      if (!fits(v, isFloat)) {
        sink.error(
            Code.NON_FINITE,
            n.position(),
            "the " + what + " of '" + n.name() + "' holds " + describe(v, isFloat),
            hint(isFloat, "use a smaller " + what));
        return;
      }
    }
  }

  private static boolean fits(double v, boolean isFloat) {
    return isFloat ? Float.isFinite((float) v) : Double.isFinite(v);
  }

  private static String describe(double v, boolean isFloat) {
    return isFloat && Double.isFinite(v)
        ? v + ", beyond the range of float (about 3.4e38) of this precision: float model"
        : "a value that is not finite (" + v + ")";
  }

  private static String hint(boolean isFloat, String fix) {
    return isFloat ? fix + ", or use precision: double" : fix;
  }
}
