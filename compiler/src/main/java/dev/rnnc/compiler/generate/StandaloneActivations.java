package dev.rnnc.compiler.generate;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.rnnc.compiler.ir.Activation;
import javax.lang.model.element.Modifier;

/**
 * The activation formulas of {@code dev.rnnc.runtime.Activations}, as private methods of a
 * standalone class (which may not depend on the runtime). Each expression is a copy of the
 * runtime's, so results are bit-identical; a test compares the two on many arguments.
 */
final class StandaloneActivations {

  private StandaloneActivations() {}

  static MethodSpec method(Activation a) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(StepContext.activationMethod(a, true))
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(double.class)
        .addParameter(double.class, "x");
    if (a.hasAlpha()) {
      m.addParameter(double.class, "alpha");
    }
    return m.addStatement("return $L", formula(a)).build();
  }

  private static CodeBlock formula(Activation a) {
    return switch (a) {
      case IDENTITY -> CodeBlock.of("x");
      // The runtime computes fdlibm's tanh in Java; StrictMath.tanh is fdlibm's by definition.
      case TANH -> CodeBlock.of("$T.tanh(x)", StrictMath.class);
      case SIGMOID -> CodeBlock.of("1.0 / (1.0 + $T.exp(-x))", Math.class);
      case RELU -> CodeBlock.of("x > 0.0 ? x : 0.0");
      case LEAKY_RELU -> CodeBlock.of("x > 0.0 ? x : alpha * x");
      case ELU -> CodeBlock.of("x > 0.0 ? x : alpha * $T.expm1(x)", Math.class);
      case SOFTPLUS -> CodeBlock.of(
          "x > 0.0 ? x + $T.log1p($T.exp(-x)) : $T.log1p($T.exp(x))",
          Math.class, Math.class, Math.class, Math.class);
      case SIN -> CodeBlock.of("$T.sin(x)", Math.class);
      case GAUSS -> CodeBlock.of("$T.exp(-(x * x))", Math.class);
      case STEP -> CodeBlock.of("x > 0.0 ? 1.0 : 0.0");
      case ABS -> CodeBlock.of("$T.abs(x)", Math.class);
      case SQUARE -> CodeBlock.of("x * x");
      case CLAMP -> CodeBlock.of("x < -1.0 ? -1.0 : (x > 1.0 ? 1.0 : x)");
      case EXP -> CodeBlock.of("$T.exp(x)", Math.class);
    };
  }
}
