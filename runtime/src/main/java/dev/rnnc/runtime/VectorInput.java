package dev.rnnc.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A numeric input: each element is a vector of {@code size} doubles. */
public record VectorInput(String name, int size, Reduce reduce) implements InputDef {

  public VectorInput {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reduce, "reduce");
    if (size < 1) {
      throw new IllegalArgumentException("vector size must be >= 1");
    }
  }

  @Override
  public int featureCount() {
    return size;
  }

  @Override
  public List<String> featureNames() {
    List<String> names = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      names.add(name + "[" + i + "]");
    }
    return List.copyOf(names);
  }
}
