package dev.rnnc.compiler.ir;

import java.util.Locale;
import java.util.Optional;

/**
 * The activation functions of the language. Their exact formulas live in {@code
 * dev.rnnc.runtime.Activations}, shared by the interpreter and generated code.
 */
public enum Activation {
  IDENTITY,
  TANH,
  SIGMOID,
  RELU,
  LEAKY_RELU,
  ELU,
  SOFTPLUS,
  SIN,
  GAUSS,
  STEP,
  ABS,
  SQUARE,
  CLAMP,
  EXP;

  /** The name used in specs, e.g. {@code leaky_relu}. */
  public String specName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the activation takes the parameter {@code alpha}. */
  public boolean hasAlpha() {
    return this == LEAKY_RELU || this == ELU;
  }

  /** Default {@code alpha}: 0.01 for leaky_relu, 1.0 for elu, 0 (unused) otherwise. */
  public double defaultAlpha() {
    return switch (this) {
      case LEAKY_RELU -> 0.01;
      case ELU -> 1.0;
      default -> 0.0;
    };
  }

  public static Optional<Activation> fromSpecName(String name) {
    for (Activation a : values()) {
      if (a.specName().equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
