package dev.rnnc.compiler.train;

/**
 * A way to run a chunk forward and its gradient backward: the reference {@link Bptt}, or a
 * generated {@link Kernel} ({@link KernelBptt}). Both compute the same bits.
 */
public interface Engine {

  /** Runs {@code features.length} steps from the canonical state {@code before}. */
  Bptt.Pass forward(double[][] features, double[] before);

  /**
   * Adds the derivative of a loss to the trained entries of {@code gradient}, given its derivative
   * with respect to every output column of every step of {@code pass}.
   */
  void backward(Bptt.Pass pass, double[][] dOutputs, Parameters gradient);
}
