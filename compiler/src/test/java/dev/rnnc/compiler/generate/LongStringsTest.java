package dev.rnnc.compiler.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.junit.jupiter.api.Test;

/** Strings longer than one class-file constant still make a class javac accepts. */
class LongStringsTest {

  /** 40,000 two-byte characters and a surrogate pair straddling the first cut: 80,004 bytes. */
  private static final String LONG =
      "é".repeat(29_999) + "\uD83D\uDE00" + "é".repeat(10_000) + "\"\\";

  @Test
  void longStringsAreJoinedFromPiecesThatFitAConstant() {
    List<String> pieces = JavaText.pieces(LONG);
    assertThat(pieces).hasSize(2);
    assertThat(String.join("", pieces)).isEqualTo(LONG);
    assertThat(pieces.get(0)).endsWith("é");
    assertThat(JavaText.stringLiteral(LONG)).startsWith("String.join(\"\", \"");
    assertThat(JavaText.stringLiteral("short")).isEqualTo("\"short\"");
  }

  @Test
  void generatedConstantsKeepTheirValue() throws ReflectiveOperationException {
    StringLists lists = new StringLists();
    TypeSpec.Builder type = TypeSpec.classBuilder("Strings").addModifiers(Modifier.PUBLIC);
    type.addField(
        FieldSpec.builder(String.class, "ONE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .initializer("$L", JavaText.stringLiteral(LONG))
            .build());
    type.addField(
        FieldSpec.builder(
                ParameterizedTypeName.get(ClassName.get(List.class), ClassName.get(String.class)),
                "SOME",
                Modifier.PUBLIC,
                Modifier.STATIC,
                Modifier.FINAL)
            .initializer("$L", lists.list(List.of("a", LONG, "b")))
            .build());
    lists.finish(type);
    JavaFile file = JavaFile.builder("gen.strings", type.build()).build();
    Class<?> c = new InMemoryCompiler(InMemoryCompiler.STRICT).load(List.of(file)).get(0);
    assertThat(c.getField("ONE").get(null)).isEqualTo(LONG);
    assertThat(c.getField("SOME").get(null)).isEqualTo(List.of("a", LONG, "b"));
  }
}
