package dev.rnnc.compiler.onnx;

import java.util.List;

/** What gives a sequence its vector at each step: a node of the spec, or an affine map of nodes. */
sealed interface Signal {

  /** The vector's size. */
  int size();

  /** The value of a spec node: the input or a group. */
  record Bound(String name, int size) implements Signal {}

  /**
   * {@code bias + sum of W·from} over the terms, not yet a group (a following Add may still bring
   * the bias, an activation the group's activation).
   *
   * @param bias one value per element, or {@code null} for none
   * @param origin the ONNX nodes it comes from, for the spec's comments
   */
  record Affine(List<Term> terms, double[] bias, int size, List<String> origin) implements Signal {
    public Affine {
      terms = List.copyOf(terms);
      origin = List.copyOf(origin);
    }
  }

  /** One matrix term: {@code weights} is [size, from.size()] row-major (row = target element). */
  record Term(Bound from, double[] weights) {}
}
