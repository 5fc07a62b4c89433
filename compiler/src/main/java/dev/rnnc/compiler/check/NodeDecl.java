package dev.rnnc.compiler.check;

import dev.rnnc.compiler.diag.SourcePosition;
import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Aggregation;
import dev.rnnc.compiler.ir.Cell;
import java.util.Objects;

/**
 * A checked neuron ({@code group == false}, size 1) or group, with every default filled in.
 *
 * @param bias one value per element
 * @param initial one value per element
 * @param position where the name is written
 * @param trainable whether training may change its bias ({@code trainable: false} says no)
 * @param leak the leak rate in (0, 1] (1: no leak)
 * @param cell {@link Cell#NONE} or the group's recurrent cell; then {@code bias} and {@code
 *     recurrentBias} have {@code cell.gates() * size} values
 * @param recurrentBias a cell's bias_hh (empty otherwise)
 */
public record NodeDecl(
    String name,
    boolean group,
    int size,
    Activation activation,
    double alpha,
    Aggregation aggregation,
    double[] bias,
    double gain,
    double[] initial,
    SourcePosition position,
    boolean trainable,
    double leak,
    Cell cell,
    double[] recurrentBias) {

  public NodeDecl {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(aggregation, "aggregation");
    Objects.requireNonNull(position, "position");
    if (size < 1 || (!group && size != 1)) {
      throw new IllegalArgumentException("bad size " + size + " for " + name);
    }
    Objects.requireNonNull(cell, "cell");
    if (bias.length != size * cell.gates() || initial.length != size) {
      throw new IllegalArgumentException("bias and initial need one value per element");
    }
    bias = bias.clone();
    initial = initial.clone();
    recurrentBias = recurrentBias.clone();
  }

  /** An ordinary neuron or group without leak. */
  public NodeDecl(
      String name,
      boolean group,
      int size,
      Activation activation,
      double alpha,
      Aggregation aggregation,
      double[] bias,
      double gain,
      double[] initial,
      SourcePosition position,
      boolean trainable) {
    this(
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
        new double[0]);
  }

  /** A trainable neuron or group. */
  public NodeDecl(
      String name,
      boolean group,
      int size,
      Activation activation,
      double alpha,
      Aggregation aggregation,
      double[] bias,
      double gain,
      double[] initial,
      SourcePosition position) {
    this(name, group, size, activation, alpha, aggregation, bias, gain, initial, position, true);
  }

  @Override
  public double[] bias() {
    return bias.clone();
  }

  @Override
  public double[] initial() {
    return initial.clone();
  }

  @Override
  public double[] recurrentBias() {
    return recurrentBias.clone();
  }
}
