package dev.rnnc.compiler.generate;

import com.palantir.javapoet.MethodSpec;
import dev.rnnc.compiler.ir.Activation;
import javax.lang.model.element.Modifier;

/**
 * The activation formulas of {@code dev.rnnc.runtime.internal.Activations}, as private methods of a
 * standalone class (which may not depend on the runtime). Each body is the definition's {@link
 * Activation#standaloneExpression()}, a copy of the runtime's, so results are bit-identical; a test
 * compares the two on many arguments.
 */
final class StandaloneActivations {

  private StandaloneActivations() {}

  static MethodSpec method(Activation a) {
    MethodSpec.Builder m =
        MethodSpec.methodBuilder(a.standaloneMethod())
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(double.class)
            .addParameter(double.class, "x");
    if (a.hasAlpha()) {
      m.addParameter(double.class, "alpha");
    }
    return m.addStatement("return $L", a.standaloneExpression()).build();
  }
}
