package dev.rnnc.compiler.ir;

import dev.rnnc.compiler.diag.SourcePosition;
import java.util.Objects;

/**
 * A weighted connection. The term it contributes to target element {@code to.offset() + i} is
 * {@code sum_j weights(i, j) * from[from.offset() + j]} with {@code j} increasing over the matrix's
 * terms (every j, or the stored entries of a sparse matrix); a 1x1 matrix is a scalar weight.
 * {@code weights} has shape [to.size(), from.size()], or [gates * to.size(), from.size()] into an
 * LSTM or GRU cell (one row per gate and element, PyTorch's order).
 *
 * @param index position in declaration order; aggregation follows this order
 * @param delay {@link Delay#AUTO} is only allowed when {@code from} is a node
 * @param trainable whether training may change the weights
 * @param keepZeros whether training keeps the zero weights zero (a sparse {@code init} made them)
 */
public record Edge(
    int index,
    Port from,
    Port to,
    Matrix weights,
    Delay delay,
    SourcePosition position,
    boolean trainable,
    boolean keepZeros) {

  /** A trainable edge whose zero weights may be trained too. */
  public Edge(int index, Port from, Port to, Matrix weights, Delay delay, SourcePosition position) {
    this(index, from, to, weights, delay, position, true, false);
  }

  public Edge {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(delay, "delay");
    if (!to.isNode()) {
      throw new IllegalArgumentException("an edge must end at a node");
    }
    // Edges into an LSTM or GRU cell carry one row per gate and element (Graph checks the count).
    if (weights.rows() % to.size() != 0 || weights.cols() != from.size()) {
      throw new IllegalArgumentException(
          "weights "
              + weights.rows()
              + "x"
              + weights.cols()
              + " do not fit "
              + to.size()
              + "x"
              + from.size());
    }
    if (delay.auto() && from.isInput()) {
      throw new IllegalArgumentException("input edges have a fixed delay");
    }
  }

  /** True for edges between two nodes (the ones that matter for ordering). */
  public boolean isNodeEdge() {
    return from.isNode();
  }
}
