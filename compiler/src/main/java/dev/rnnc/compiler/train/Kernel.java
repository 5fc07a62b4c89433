package dev.rnnc.compiler.train;

/**
 * A generated, model-specific forward and backward pass (see {@link KernelWriter}). Arrays are
 * indexed by row {@code r = h + t} for step t of a chunk; rows {@code 0 .. h-1} of {@code x} and
 * {@code y} hold the steps before the chunk (row {@code h - d} is d steps back), filled by the
 * caller from the saved state. Nothing is allocated.
 */
public interface Kernel {

  /**
   * Computes rows {@code h .. h + steps - 1} of {@code pre} (pre-activations) and {@code y} (node
   * values, flat in declaration order) from the features in {@code x}.
   *
   * @param p every weight (edges in declaration order, row-major) then every bias (nodes in
   *     declaration order)
   */
  void forward(double[] p, double[][] x, double[][] y, double[][] pre, int h, int steps);

  /**
   * Runs the steps in reverse: {@code gy} holds the loss's derivative with respect to each node
   * value (from the loss on entry; from later reads as it goes); adds the derivative with respect
   * to every weight and bias of a trainable edge or node to {@code g} (laid out as {@code p}).
   */
  void backward(
      double[] p,
      double[][] x,
      double[][] y,
      double[][] pre,
      double[][] gy,
      double[] g,
      int h,
      int steps);
}
