package dev.rnnc.compiler.check;

import dev.rnnc.compiler.diag.SourcePosition;
import dev.rnnc.compiler.ir.Delay;
import java.util.Objects;

/**
 * A checked edge. Its weights have shape [to.size(), from.size()]; the delay is {@link Delay#AUTO}
 * only for edges from a neuron or group.
 *
 * @param position where the edge is written (its list item, or the shorthand key)
 * @param trainable whether training may change its weights ({@code trainable: false} says no)
 */
public record EdgeDecl(
    Ref from, Ref to, Weights weights, Delay delay, SourcePosition position, boolean trainable) {

  /** A trainable edge. */
  public EdgeDecl(Ref from, Ref to, Weights weights, Delay delay, SourcePosition position) {
    this(from, to, weights, delay, position, true);
  }

  public EdgeDecl {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(position, "position");
    if (!to.isNode()) {
      throw new IllegalArgumentException("an edge must end at a neuron or group");
    }
    // Edges into an LSTM or GRU cell carry one row per gate and element.
    if (weights.rows() % to.size() != 0 || weights.cols() != from.size()) {
      throw new IllegalArgumentException("weights do not fit " + from.text() + " -> " + to.text());
    }
    if (delay.auto() && !from.isNode()) {
      throw new IllegalArgumentException("input edges have a fixed delay");
    }
  }
}
