package dev.rnnc.compiler.ir;

import dev.rnnc.runtime.internal.Activations;
import java.util.Optional;

/**
 * The activation functions of the language, each defined once: its name and parameter, its value
 * (the runtime's {@code Activations} method, which the interpreter calls and generated code calls
 * or, standalone, inlines), its derivative, how it is written as Java, and the text the language
 * reference shows. SPEC.md's activation table is rendered from these definitions.
 *
 * <p>Derivatives at kinks follow the training contract: relu, step, abs and clamp have derivative 0
 * at 0 and at clamp's bounds; leaky_relu and elu take the branch the value takes there ({@code x >
 * 0} is false at 0, so their derivative at 0 is {@code alpha}).
 */
public enum Activation {
  IDENTITY("identity", "x", "x", "1", Kind.PLAIN) {
    @Override
    public double apply(double x, double alpha) {
      return Activations.identity(x);
    }

    @Override
    public double derivative(double x, double alpha) {
      return 1.0;
    }
  },
  TANH("tanh", "StrictMath.tanh(x)", "StrictMath.tanh(x)", "1 - tanh(x)^2", Kind.PLAIN) {
    @Override
    public double apply(double x, double alpha) {
      return Activations.tanh(x);
    }

    @Override
    public double derivative(double x, double alpha) {
      double t = Activations.tanh(x);
      return 1.0 - t * t;
    }

    @Override
    public double derivative(double x, double y, double alpha) {
      return 1.0 - y * y;
    }

    @Override
    public String note() {
      return "fdlibm; computed in Java by the runtime, same bits on every JDK";
    }
  },
  SIGMOID(
      "sigmoid",
      "1.0 / (1.0 + Math.exp(-x))",
      "1.0 / (1.0 + Math.exp(-x))",
      "sigmoid(x) * (1 - sigmoid(x))",
      Kind.PLAIN) {
    @Override
    public double apply(double x, double alpha) {
      return Activations.sigmoid(x);
    }

    @Override
    public double derivative(double x, double alpha) {
      double s = Activations.sigmoid(x);
      return s * (1.0 - s);
    }

    @Override
    public double derivative(double x, double y, double alpha) {
      return y * (1.0 - y);
    }
  },
  RELU("relu", "x > 0 ? x : 0", "x > 0.0 ? x : 0.0", "x > 0 ? 1 : 0", Kind.PLAIN) {
    @Override
    public double apply(double x, double alpha) {
      return Activations.relu(x);
    }

    @Override
    public double derivative(double x, double alpha) {
      return x > 0.0 ? 1.0 : 0.0;
    }
  },
  LEAKY_RELU(
      "leaky_relu",
      "x > 0 ? x : alpha * x",
      "x > 0.0 ? x : alpha * x",
      "x > 0 ? 1 : alpha",
      Kind.ALPHA) {
    @Override
    public double apply(double x, double alpha) {
      return Activations.leakyRelu(x, alpha);
    }

    @Override
    public double derivative(double x, double alpha) {
      return x > 0.0 ? 1.0 : alpha;
    }

    @Override
    public double defaultAlpha() {
      return 0.01;
    }
  },
  ELU(
      "elu",
      "x > 0 ? x : alpha * Math.expm1(x)",
      "x > 0.0 ? x : alpha * Math.expm1(x)",
      "x > 0 ? 1 : alpha * exp(x)",
      Kind.ALPHA) {
    @Override
    public double apply(double x, double alpha) {
      return Activations.elu(x, alpha);
    }

    @Override
    public double derivative(double x, double alpha) {
      return x > 0.0 ? 1.0 : alpha * Math.exp(x);
    }

    @Override
    public double defaultAlpha() {
      return 1.0;
    }
  },
  SOFTPLUS(
      "softplus",
      "x > 0 ? x + log1p(exp(-x)) : log1p(exp(x))",
      "x > 0.0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))",
      "sigmoid(x)",
      Kind.PLAIN) {
    @Override
    public double apply(double x, double alpha) {
      return Activations.softplus(x);
    }

    @Override
    public double derivative(double x, double alpha) {
      return Activations.sigmoid(x);
    }

    @Override
    public String note() {
      return "no overflow";
    }
  },
  SIN("sin", "Math.sin(x)", "Math.sin(x)", "cos(x)", Kind.PLAIN) {
    @Override
    public double apply(double x, double alpha) {
      return Activations.sin(x);
    }

    @Override
    public double derivative(double x, double alpha) {
      return Math.cos(x);
    }
  },
  GAUSS("gauss", "Math.exp(-(x * x))", "Math.exp(-(x * x))", "-2 * x * exp(-(x * x))", Kind.PLAIN) {
    @Override
    public double apply(double x, double alpha) {
      return Activations.gauss(x);
    }

    @Override
    public double derivative(double x, double alpha) {
      return -2.0 * x * Math.exp(-(x * x));
    }
  },
  STEP("step", "x > 0 ? 1 : 0", "x > 0.0 ? 1.0 : 0.0", "0", Kind.PLAIN) {
    @Override
    public double apply(double x, double alpha) {
      return Activations.step(x);
    }

    @Override
    public double derivative(double x, double alpha) {
      return 0.0;
    }

    /** A standalone class also has {@code step(double[], double[])}: do not overload it. */
    @Override
    public String standaloneMethod() {
      return "unitStep";
    }
  },
  ABS("abs", "Math.abs(x)", "Math.abs(x)", "x > 0 ? 1 : (x < 0 ? -1 : 0)", Kind.PLAIN) {
    @Override
    public double apply(double x, double alpha) {
      return Activations.abs(x);
    }

    @Override
    public double derivative(double x, double alpha) {
      return x > 0.0 ? 1.0 : (x < 0.0 ? -1.0 : 0.0);
    }
  },
  SQUARE("square", "x * x", "x * x", "2 * x", Kind.PLAIN) {
    @Override
    public double apply(double x, double alpha) {
      return Activations.square(x);
    }

    @Override
    public double derivative(double x, double alpha) {
      return 2.0 * x;
    }
  },
  CLAMP(
      "clamp",
      "x < -1 ? -1 : (x > 1 ? 1 : x)",
      "x < -1.0 ? -1.0 : (x > 1.0 ? 1.0 : x)",
      "-1 < x < 1 ? 1 : 0",
      Kind.PLAIN) {
    @Override
    public double apply(double x, double alpha) {
      return Activations.clamp(x);
    }

    @Override
    public double derivative(double x, double alpha) {
      return x > -1.0 && x < 1.0 ? 1.0 : 0.0;
    }
  },
  EXP("exp", "Math.exp(x)", "Math.exp(x)", "exp(x)", Kind.PLAIN) {
    @Override
    public double apply(double x, double alpha) {
      return Activations.exp(x);
    }

    @Override
    public double derivative(double x, double alpha) {
      return Math.exp(x);
    }
  };

  /**
   * The derivative at {@code x} given {@code y}, the value {@link #apply} gave there as the model
   * keeps it (rounded to float in float models). Where the derivative is a function of the value
   * (tanh: {@code 1 - y²}, sigmoid: {@code y (1 - y)}) this saves computing the activation again;
   * in double precision it is exactly {@link #derivative(double, double)}. Training uses it.
   */
  public double derivative(double x, double y, double alpha) {
    return derivative(x, alpha);
  }

  /** Whether the activation takes the parameter {@code alpha}. */
  private enum Kind {
    PLAIN,
    ALPHA
  }

  private final String specName;
  private final String formula;
  private final String java;
  private final String derivativeFormula;
  private final Kind kind;

  Activation(String specName, String formula, String java, String derivativeFormula, Kind kind) {
    this.specName = specName;
    this.formula = formula;
    this.java = java;
    this.derivativeFormula = derivativeFormula;
    this.kind = kind;
  }

  /** The value at {@code x} ({@code alpha} is ignored unless {@link #hasAlpha()}). */
  public abstract double apply(double x, double alpha);

  /** The derivative at {@code x}, with the conventions at kinks above. */
  public abstract double derivative(double x, double alpha);

  /** The name used in specs, e.g. {@code leaky_relu}. */
  public String specName() {
    return specName;
  }

  /** Whether the activation takes the parameter {@code alpha}. */
  public boolean hasAlpha() {
    return kind == Kind.ALPHA;
  }

  /** Default {@code alpha}: 0.01 for leaky_relu, 1.0 for elu, 0 (unused) otherwise. */
  public double defaultAlpha() {
    return 0.0;
  }

  /** The value as the language reference writes it, e.g. {@code x > 0 ? x : alpha * x}. */
  public String formula() {
    return formula;
  }

  /** The derivative as the language reference writes it. */
  public String derivativeFormula() {
    return derivativeFormula;
  }

  /** A remark for the language reference, or "" (e.g. how tanh is computed). */
  public String note() {
    return "";
  }

  /**
   * The method of {@code dev.rnnc.runtime.internal.Activations} that computes it, e.g. {@code
   * leakyRelu}.
   */
  public String runtimeMethod() {
    String[] words = specName.split("_");
    StringBuilder b = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      b.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
    }
    return b.toString();
  }

  /** The name of the private method that computes it in a standalone class. */
  public String standaloneMethod() {
    return runtimeMethod();
  }

  /**
   * The body of the standalone method, a Java expression in {@code x} (and {@code alpha}) that
   * computes exactly what the runtime's method does; only {@code java.lang} types appear.
   */
  public String standaloneExpression() {
    return java;
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
