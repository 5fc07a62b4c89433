package dev.rnnc.compiler.onnx;

import java.util.List;

/** What a value of an ONNX graph is, as far as import is concerned. */
sealed interface Value {

  /** A constant tensor: an initializer, a constant, or computed from them. */
  record Const(Tensor tensor) implements Value {}

  /**
   * An integer tensor of rank 0 ({@code scalar}) or 1 with some elements unknown: sizes read off a
   * sequence with {@code Shape}, such as the number of steps or the batch size.
   */
  record Ints(List<Dim> elements, boolean scalar) implements Value {
    public Ints {
      elements = List.copyOf(elements);
      if (scalar && elements.size() != 1) {
        throw new IllegalArgumentException("a scalar has one element");
      }
    }
  }

  /** A tensor of one value throughout, of a shape with unknown sizes (an initial state). */
  record Fill(double value, List<Dim> shape) implements Value {
    public Fill {
      shape = List.copyOf(shape);
    }
  }

  /**
   * A sequence: at every step, the vector that {@code signal} gives, laid out along {@code axes}
   * (one of them the features, one the steps once a recurrent layer has read it, the others of size
   * 1 for the batch of one sequence).
   */
  record Seq(List<Axis> axes, Signal signal) implements Value {
    public Seq {
      axes = List.copyOf(axes);
    }

    /** The position of the feature axis. */
    int featureAxis() {
      for (int i = 0; i < axes.size(); i++) {
        if (axes.get(i).isFeature()) {
          return i;
        }
      }
      throw new IllegalStateException("a sequence has a feature axis");
    }
  }

  /**
   * The state of a recurrent layer after the last step (its output {@code Y_h} or {@code Y_c}):
   * rnnc models give an output at every step, so this has no equivalent.
   */
  record FinalState(String node, String op, String output) implements Value {}

  /** A size: known, or the unknown size of the axis labelled {@code label}. */
  record Dim(long value, int label) {

    static Dim of(long value) {
      return new Dim(value, -1);
    }

    static Dim unknown(int label) {
      return new Dim(-1, label);
    }

    boolean known() {
      return label < 0;
    }
  }

  /**
   * An axis of a sequence: the feature axis ({@code label} 0, size known), or an axis of size 1 or
   * of steps, identified by a label that follows it through transposes and squeezes.
   */
  record Axis(int label, Dim size) {

    static final int FEATURES = 0;

    boolean isFeature() {
      return label == FEATURES;
    }
  }
}
