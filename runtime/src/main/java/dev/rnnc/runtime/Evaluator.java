package dev.rnnc.runtime;

/**
 * A compiled recurrent model, evaluated one step at a time.
 *
 * <p>An instance holds the state of one stream and is not thread-safe: use one evaluator per stream
 * (instances are cheap: create one per stream or per thread). A new instance is in the initial
 * state.
 */
public interface Evaluator {

  /** What the model reads and writes: inputs, feature and output names, order, backward edges. */
  ModelInfo info();

  /**
   * Advances one step.
   *
   * @param features every input's features concatenated in input declaration order, length {@code
   *     info().featureCount()}. Not modified.
   * @param outputs receives the {@code outputs:} list in order, groups expanded, length {@code
   *     info().outputCount()}
   */
  void step(double[] features, double[] outputs);

  /** Returns to the initial state (as if newly constructed). */
  void reset();

  /** A copy of the state: everything a later step reads from earlier steps. */
  double[] saveState();

  /**
   * Restores a state produced by {@link #saveState()} of an evaluator of the same model. Not
   * modified.
   *
   * @throws IllegalArgumentException if the array has the wrong length
   */
  void loadState(double[] state);
}
