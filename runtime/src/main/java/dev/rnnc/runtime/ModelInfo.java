package dev.rnnc.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Static facts about a compiled model.
 *
 * @param inputs the inputs in declaration order; features are concatenated in this order
 * @param window the window shared by all inputs ({@link Window#NONE} if none)
 * @param outputNames output columns: neurons by name, groups expanded as {@code h[0], h[1], ...}
 * @param order node names in evaluation order
 * @param backwardEdges the {@code auto} edges that point backward in the order, so read the
 *     previous step, in declaration order
 * @param stateSize number of doubles in {@link Evaluator#saveState()}
 * @param precision the number type the model computes in
 */
public record ModelInfo(
    String name,
    List<InputDef> inputs,
    Window window,
    List<String> outputNames,
    List<String> order,
    List<BackwardEdge> backwardEdges,
    int stateSize,
    Precision precision) {

  /**
   * The number type a model computes in ({@code precision:} in the spec). In {@link #FLOAT} every
   * stored value (weight, bias, gain, initial value, feature, node value) is rounded to float and
   * every addition and multiplication rounds to float; activations are computed in double on the
   * float argument and rounded to float.
   */
  public enum Precision {
    DOUBLE,
    FLOAT;

    /** The name in specs and reports: {@code double} or {@code float}. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * An edge that reads its source's value from the previous step because it points backward in the
   * evaluation order.
   *
   * @param from the source, e.g. {@code score} or {@code h[2]}
   * @param to the target
   */
  public record BackwardEdge(String from, String to) {

    public BackwardEdge {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }

    /**
     * Edges from a flat list {@code from0, to0, from1, to1, ...} (how generated code stores them).
     */
    public static List<BackwardEdge> pairs(List<String> flat) {
      if (flat.size() % 2 != 0) {
        throw new IllegalArgumentException("an odd number of names: " + flat.size());
      }
      List<BackwardEdge> edges = new ArrayList<>(flat.size() / 2);
      for (int k = 0; k < flat.size(); k += 2) {
        edges.add(new BackwardEdge(flat.get(k), flat.get(k + 1)));
      }
      return List.copyOf(edges);
    }
  }

  public ModelInfo {
    Objects.requireNonNull(name, "name");
    inputs = List.copyOf(inputs);
    Objects.requireNonNull(window, "window");
    outputNames = List.copyOf(outputNames);
    order = List.copyOf(order);
    backwardEdges = List.copyOf(backwardEdges);
    Objects.requireNonNull(precision, "precision");
  }

  /** Total number of features per step (all inputs). */
  public int featureCount() {
    int n = 0;
    for (InputDef in : inputs) {
      n += in.featureCount();
    }
    return n;
  }

  /** Number of output columns. */
  public int outputCount() {
    return outputNames.size();
  }

  /** All feature names, in feature order. */
  public List<String> featureNames() {
    List<String> names = new ArrayList<>();
    for (InputDef in : inputs) {
      names.addAll(in.featureNames());
    }
    return List.copyOf(names);
  }

  /** The index of the first feature of input {@code name}. */
  public int featureOffset(String inputName) {
    int offset = 0;
    for (InputDef in : inputs) {
      if (in.name().equals(inputName)) {
        return offset;
      }
      offset += in.featureCount();
    }
    throw new IllegalArgumentException("no input named " + inputName);
  }
}
