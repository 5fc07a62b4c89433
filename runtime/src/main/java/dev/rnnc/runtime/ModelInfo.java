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
 * @param backwardEdges {@code [from, to]} pairs of {@code auto} edges that read the previous step
 * @param stateSize number of doubles in {@link Evaluator#saveState()}
 * @param precision {@code double} or {@code float}
 */
public record ModelInfo(
    String name,
    List<InputDef> inputs,
    Window window,
    List<String> outputNames,
    List<String> order,
    List<List<String>> backwardEdges,
    int stateSize,
    String precision) {

  public ModelInfo {
    Objects.requireNonNull(name, "name");
    inputs = List.copyOf(inputs);
    Objects.requireNonNull(window, "window");
    outputNames = List.copyOf(outputNames);
    order = List.copyOf(order);
    backwardEdges = backwardEdges.stream().map(List::copyOf).toList();
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
