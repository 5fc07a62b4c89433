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
 * @param leak the leak rate a in (0, 1]: {@code y(t) = (1 - a) * y(t-1) + a * act(...)}; 1 is no
 *     leak
 * @param cell {@link Cell#NONE}, or the recurrent cell the group is; a cell's {@code bias} and
 *     {@code recurrentBias} have {@code cell.gates() * size} values (PyTorch's bias_ih, bias_hh)
 * @param recurrentBias a cell's bias_hh; empty otherwise
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
    boolean trainable,
    double leak,
    Cell cell,
    Doubles recurrentBias) {

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
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(recurrentBias, "recurrentBias");
    if (bias.size() != size * cell.gates() || initial.size() != size) {
      throw new IllegalArgumentException("bias and initial need one value per element");
    }
    if (recurrentBias.size() != (cell == Cell.NONE ? 0 : size * cell.gates())) {
      throw new IllegalArgumentException("recurrentBias needs one value per gate row");
    }
    if (!(leak > 0 && leak <= 1)) {
      throw new IllegalArgumentException("leak must be in (0, 1]: " + leak);
    }
    if (cell != Cell.NONE && (!group || leak != 1)) {
      throw new IllegalArgumentException("a cell is a group without leak");
    }
  }

  /** An ordinary node without leak. */
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
      SourcePosition position,
      boolean trainable) {
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
        trainable,
        1.0,
        Cell.NONE,
        Doubles.of(new double[0]));
  }

  /** Whether the node mixes in its previous value ({@code leak < 1}). */
  public boolean leaky() {
    return leak != 1;
  }

  /** Whether the node is an LSTM or GRU cell. */
  public boolean isCell() {
    return cell != Cell.NONE;
  }

  /**
   * Whether the node's own previous value is read by its computation (leak, or a cell), apart from
   * any edge: the state keeps it.
   */
  public boolean readsOwnPrevious() {
    return leaky() || isCell();
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
