package dev.rnnc.compiler.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code List<String>} constants (output names, the order, vocabularies) into a generated
 * class. Short lists become {@code List.of("a", "b")}. Long ones would cost two constant-pool
 * entries and several bytes of {@code <clinit>} per string, so a model with tens of thousands of
 * names would hit the class-file limits; they are written as a few length-prefixed string constants
 * ({@code 4:good5:great}) decoded by a small helper.
 */
final class StringLists {

  static final String HELPER = "strings";

  private static final int INLINE_MAX = 24;

  private boolean used;

  /** An expression of type {@code List<String>} with these strings, in order. */
  CodeBlock list(List<String> strings) {
    if (strings.size() <= INLINE_MAX) {
      CodeBlock.Builder b = CodeBlock.builder().add("$T.of(", List.class);
      for (int k = 0; k < strings.size(); k++) {
        b.add(k == 0 ? "$L" : ", $L", JavaText.stringLiteral(strings.get(k)));
      }
      return b.add(")").build();
    }
    used = true;
    StringBuilder encoded = new StringBuilder();
    for (String s : strings) {
      encoded.append(s.length()).append(':').append(s);
    }
    List<String> parts = JavaText.pieces(encoded.toString());
    CodeBlock.Builder b = CodeBlock.builder().add("$N(", HELPER);
    for (int k = 0; k < parts.size(); k++) {
      b.add(k == 0 ? "$L" : ",\n$>$>$L$<$<", JavaText.stringLiteral(parts.get(k)));
    }
    return b.add(")").build();
  }

  /** Adds the decoding helper if any list needed it. */
  void finish(TypeSpec.Builder type) {
    if (!used) {
      return;
    }
    ParameterizedTypeName listOfString =
        ParameterizedTypeName.get(ClassName.get(List.class), ClassName.get(String.class));
    type.addMethod(
        MethodSpec.methodBuilder(HELPER)
            .addJavadoc("Decodes strings written as {@code <length>:<chars>}, one after another.\n")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(listOfString)
            .addParameter(String[].class, "parts")
            .varargs(true)
            .addStatement("$T joined = new $T()", StringBuilder.class, StringBuilder.class)
            .beginControlFlow("for ($T part : parts)", String.class)
            .addStatement("joined.append(part)")
            .endControlFlow()
            .addStatement("$T all = joined.toString()", String.class)
            .addStatement("$T result = new $T<>()", listOfString, ClassName.get(ArrayList.class))
            .addStatement("int k = 0")
            .beginControlFlow("while (k < all.length())")
            .addStatement("int colon = all.indexOf(':', k)")
            .addStatement("int length = $T.parseInt(all, k, colon, 10)", Integer.class)
            .addStatement("result.add(all.substring(colon + 1, colon + 1 + length))")
            .addStatement("k = colon + 1 + length")
            .endControlFlow()
            .addStatement("return $T.copyOf(result)", List.class)
            .build());
  }
}
