package dev.rnnc.compiler.generate;

import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Node;
import java.util.HashSet;
import java.util.Set;

/**
 * Builds the body of {@code step()} as a {@link StepPlan}: node computations in the schedule's
 * order ({@link NeuronCode}, {@link GroupCode}), then the outputs and the state update ({@link
 * StateCode}). Each unit of code carries an estimate of its bytecode size ({@link Cost}) so that
 * {@link EvaluatorWriter} can split the body into methods under HotSpot's 8000-byte JIT limit.
 * Building changes nothing outside the plan it returns, so a writer may build twice and keep either
 * result.
 *
 * <p>Every formula follows the contract literally, operation by operation, so that results are
 * bit-identical to the interpreter: a sum starts at 0 and adds each product {@code w * y} in edge
 * declaration order (a matrix edge's products in increasing column), other aggregations compute
 * each edge's term the same way and then combine the terms in edge order, and the node value is
 * {@code act(bias + gain * agg)}. Nothing is skipped or reassociated: not zero weights (0 * inf is
 * NaN), not {@code 0.0 +} (it turns -0.0 into 0.0). The only rewrites are exact ones: {@code 1 * x}
 * is written {@code x}, and a matrix-vector product is computed column by column, which adds the
 * same products to each row's accumulator in the same order as the row-by-row dot product.
 */
final class StepBuilder {

  /** Row edges with at most this many columns are written out term by term. */
  static final int INLINE_COLUMNS = 8;

  private StepBuilder() {}

  /**
   * Builds the body of {@code step}.
   *
   * @param locals keep neuron values in locals of {@code step} (only when the body fits one method)
   * @param literals write scalar weights, biases and gains as literals; otherwise they become the
   *     plan's {@link StepPlan#constants()} (keeping the constant pool small in large models)
   * @param unitBudget a neuron estimated larger than this spreads over several units
   */
  static StepPlan build(
      Layout layout,
      Symbols sym,
      Storage storage,
      boolean locals,
      boolean literals,
      boolean standalone,
      int unitBudget) {
    StepContext c = new StepContext(layout, sym, storage, locals, literals, standalone);
    NeuronCode neurons = new NeuronCode(c, unitBudget);
    GroupCode groups = new GroupCode(c);
    for (int node : layout.schedule.order()) {
      Node n = layout.graph.nodes().get(node);
      if (n.group()) {
        groups.write(n);
      } else {
        neurons.write(n);
      }
    }
    StateCode state = new StateCode(c);
    state.writeOutputs();
    state.updateState();
    return c.plan();
  }

  /**
   * The number of distinct literals that writing every scalar constant as a literal would put in
   * the constant pool: what {@link StepContext#constant} and {@link StepContext#activate} would
   * record, counted before building anything.
   */
  static int literalCount(Layout layout) {
    Set<Long> bits = new HashSet<>();
    for (Edge e : layout.graph.edges()) {
      if (inlined(e)) {
        for (int k = 0; k < e.weights().size(); k++) {
          addLiteral(bits, e.weights().at(k), layout.isFloat);
        }
      }
    }
    for (Node n : layout.graph.nodes()) {
      if (!n.group() || uniformBias(n, layout.isFloat)) {
        addLiteral(bits, n.bias().get(0), layout.isFloat);
      }
      addLiteral(bits, n.gain(), layout.isFloat);
      if (n.activation().hasAlpha()) {
        addLiteral(bits, n.alpha(), false);
      }
    }
    return bits.size();
  }

  private static void addLiteral(Set<Long> bits, double value, boolean isFloat) {
    double stored = isFloat ? (double) (float) value : value;
    if (Double.doubleToRawLongBits(stored) != 0L && stored != 1.0) {
      bits.add(Double.doubleToRawLongBits(stored));
    }
  }

  /** Whether every element of {@code n} has the same bias (as stored): then it is one constant. */
  static boolean uniformBias(Node n, boolean isFloat) {
    double first = isFloat ? (float) n.bias().get(0) : n.bias().get(0);
    for (int i = 0; i < n.size(); i++) {
      double x = isFloat ? (float) n.bias().get(i) : n.bias().get(i);
      if (Double.doubleToRawLongBits(x) != Double.doubleToRawLongBits(first)) {
        return false;
      }
    }
    return true;
  }

  /** Whether a row edge ({@code rows == 1}) with this many columns is written term by term. */
  static boolean inlined(Edge e) {
    return e.to().size() == 1 && e.from().size() <= INLINE_COLUMNS;
  }
}
