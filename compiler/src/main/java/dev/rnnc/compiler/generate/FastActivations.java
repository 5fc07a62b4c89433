package dev.rnnc.compiler.generate;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.MathMode;
import javax.lang.model.element.Modifier;

/**
 * The {@code math: fast} activations: private methods of a generated class computing {@code tanh}
 * and {@code sigmoid} with a rational approximation instead of fdlibm. Only {@code *}, {@code +},
 * {@code /}, {@code Math.min} and {@code Math.max}: C2 inlines them and vectorizes a group's
 * activation loop (fdlibm's tanh has branches and bit manipulation, and is never vectorized).
 *
 * <p>{@code tanh(x) ~ x P(x^2) / Q(x^2)} with P of degree 6 and Q of degree 3 (positive
 * coefficients, so Q >= 1), fitted for minimal absolute error on [0, 9]; arguments are clamped to
 * [-9, 9] (|tanh(9) - 1| < 3.1e-8). Absolute error, measured over every non-negative float and 2e8
 * random doubles: 3.64e-8 evaluated in double (the clamp's), 3.46e-7 evaluated in float; stated
 * bounds 4e-8 and 4e-7 ({@link MathMode}; a test checks them). Odd, so tanh(-x) = -tanh(x) exactly;
 * NaN stays NaN. {@code sigmoid(x) = 0.5 + 0.5 tanh(x / 2)}, so its error is at most half of tanh's
 * (plus one rounding).
 */
final class FastActivations {

  private FastActivations() {}

  static final double CLAMP = 9.0;

  /** Coefficients of P, lowest degree first. */
  static final double[] P = {
    0.9999999689276557,
    0.13079156995160834,
    0.0030986468430881,
    1.1101744425513562e-05,
    -2.0029241333916376e-08,
    5.19254076666978e-11,
    -8.290929201490793e-14
  };

  /** Coefficients of Q, lowest degree first. */
  static final double[] Q = {1.0, 0.46412477243345773, 0.02447373184694454, 0.0002538590239859881};

  /** The method computing {@code a} (tanh or sigmoid) in the model's precision. */
  static MethodSpec method(Activation a, boolean isFloat) {
    TypeName num = isFloat ? TypeName.FLOAT : TypeName.DOUBLE;
    MethodSpec.Builder m =
        MethodSpec.methodBuilder(name(a))
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(num)
            .addParameter(num, "x");
    if (a == Activation.SIGMOID) {
      return m.addJavadoc("{@code math: fast} sigmoid: 0.5 + 0.5 tanh(x / 2) with the fast tanh.\n")
          .addStatement(
              "return $L + $L * $N($L * x)",
              lit(0.5, isFloat),
              lit(0.5, isFloat),
              Symbols.FAST_TANH,
              lit(0.5, isFloat))
          .build();
    }
    if (a != Activation.TANH) {
      throw new IllegalArgumentException("no fast version of " + a);
    }
    StringBuilder p = new StringBuilder(lit(P[P.length - 1], isFloat));
    for (int k = P.length - 2; k >= 0; k--) {
      p.insert(0, lit(P[k], isFloat) + " + u * (").append(")");
    }
    StringBuilder q = new StringBuilder(lit(Q[Q.length - 1], isFloat));
    for (int k = Q.length - 2; k >= 0; k--) {
      q.insert(0, lit(Q[k], isFloat) + " + u * (").append(")");
    }
    return m.addJavadoc(
            "{@code math: fast} tanh: a rational approximation, absolute error below $L.\n",
            isFloat ? "4e-7" : "4e-8")
        .addStatement(
            "$T c = $T.max($L, $T.min($L, x))",
            num,
            Math.class,
            lit(-CLAMP, isFloat),
            Math.class,
            lit(CLAMP, isFloat))
        .addStatement("$T u = c * c", num)
        .addStatement("return c * ($L) / ($L)", p, q)
        .build();
  }

  static String name(Activation a) {
    return a == Activation.TANH ? Symbols.FAST_TANH : Symbols.FAST_SIGMOID;
  }

  /** Whether {@code math: fast} has an approximation of {@code a}. */
  static boolean has(Activation a) {
    return a == Activation.TANH || a == Activation.SIGMOID;
  }

  private static String lit(double v, boolean isFloat) {
    return isFloat ? JavaText.floatLiteral((float) v) : JavaText.doubleLiteral(v);
  }
}
