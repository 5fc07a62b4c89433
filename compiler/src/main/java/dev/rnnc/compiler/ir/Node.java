package dev.rnnc.compiler.ir;

import dev.rnnc.compiler.diag.SourcePosition;
import java.util.Objects;

/**
 * A neuron (size 1, {@code group == false}) or a group of {@code size} neurons sharing an
 * activation. Per element i: {@code y[i] = act(bias[i] + gain * agg(terms of i))}.
 *
 * @param index position in declaration order (neurons first, then groups, each in file order)
 * @param bias one value per element
 * @param initial the value of each element before the first step (t &lt; 0)
 * @param alpha the activation parameter (see {@link Activation#hasAlpha()})
 * @param trainable whether training may change the bias
 */
public record Node(
    int index,
    String name,
    boolean group,
    int size,
    Activation activation,
    double alpha,
    Aggregation aggregation,
    Doubles bias,
    double gain,
    Doubles initial,
    SourcePosition position,
    boolean trainable) {

  public Node {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(aggregation, "aggregation");
    if (size < 1) {
      throw new IllegalArgumentException("size must be positive: " + size);
    }
    if (!group && size != 1) {
      throw new IllegalArgumentException("a neuron has size 1");
    }
    Objects.requireNonNull(bias, "bias");
    Objects.requireNonNull(initial, "initial");
    if (bias.size() != size || initial.size() != size) {
      throw new IllegalArgumentException("bias and initial need one value per element");
    }
  }

  /** A node whose bias is trainable. */
  public Node(
      int index,
      String name,
      boolean group,
      int size,
      Activation activation,
      double alpha,
      Aggregation aggregation,
      Doubles bias,
      double gain,
      Doubles initial,
      SourcePosition position) {
    this(
        index,
        name,
        group,
        size,
        activation,
        alpha,
        aggregation,
        bias,
        gain,
        initial,
        position,
        true);
  }
}
