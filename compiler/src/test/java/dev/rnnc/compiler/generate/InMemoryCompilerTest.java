package dev.rnnc.compiler.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.runtime.Evaluator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InMemoryCompilerTest {

  private static JavaFile tiny(String name) {
    GraphBuilder b = new GraphBuilder(name).javaPackage("gen.tiny").vector("x", 1);
    b.neuron("y").activation(Activation.TANH).bias(0.25);
    b.edge("x", "y", 2.0).edge("y", "y", 0.5);
    b.output("y");
    return EvaluatorWriter.write(b.schedule(), GenerateOptions.defaults());
  }

  /** A class on the class path with the same name (a spec the plugin built) does not win. */
  @Test
  void compiledClassesShadowClassesOfTheSameNameOnTheClassPath() throws Exception {
    JavaFile again =
        JavaFile.builder(
                "dev.rnnc.compiler.generate",
                TypeSpec.classBuilder("ShadowMe")
                    .addModifiers(javax.lang.model.element.Modifier.PUBLIC)
                    .addMethod(
                        MethodSpec.methodBuilder("value")
                            .addModifiers(
                                javax.lang.model.element.Modifier.PUBLIC,
                                javax.lang.model.element.Modifier.STATIC)
                            .returns(int.class)
                            .addStatement("return 2")
                            .build())
                    .build())
            .build();

    Class<?> loaded = new InMemoryCompiler().load(java.util.List.of(again)).get(0);

    assertThat(ShadowMe.value()).isEqualTo(1);
    assertThat(loaded.getMethod("value").invoke(null)).isEqualTo(2);
  }

  @Test
  void compilesLoadsAndRunsAGeneratedEvaluator() {
    Evaluator e = new InMemoryCompiler(InMemoryCompiler.STRICT).newEvaluator(tiny("Tiny"));
    assertThat(e.getClass().getName()).isEqualTo("gen.tiny.Tiny");
    assertThat(e.getClass().getClassLoader()).isNotSameAs(Evaluator.class.getClassLoader());
    double[] out = new double[1];
    e.step(new double[] {1.0}, out);
    assertThat(out[0]).isEqualTo(Math.tanh(0.25 + (0.0 + 2.0 * 1.0 + 0.5 * 0.0)));
    e.step(new double[] {0.0}, out);
    double first = Math.tanh(0.25 + 2.0);
    assertThat(out[0]).isEqualTo(Math.tanh(0.25 + (0.0 + 2.0 * 0.0 + 0.5 * first)));
  }

  @Test
  void compilesSeveralFilesInOneRunAndReturnsClassFilesByName() {
    Map<String, byte[]> classes = new InMemoryCompiler().compile(List.of(tiny("B"), tiny("A")));
    assertThat(classes.keySet()).containsExactly("gen.tiny.A", "gen.tiny.B");
    assertThat(classes.get("gen.tiny.A")).startsWith(0xCA, 0xFE, 0xBA, 0xBE);
    List<Evaluator> evaluators =
        new InMemoryCompiler().newEvaluators(List.of(tiny("B"), tiny("A")));
    assertThat(evaluators).extracting(e -> e.info().name()).containsExactly("B", "A");
  }

  @Test
  void reportsCompileErrorsWithJavacDiagnostics() {
    JavaFile broken =
        JavaFile.builder(
                "gen.bad",
                TypeSpec.classBuilder("Broken")
                    .addMethod(
                        MethodSpec.methodBuilder("f")
                            .addStatement("int x = $S", "not an int")
                            .build())
                    .build())
            .build();
    assertThatThrownBy(() -> new InMemoryCompiler().compile(List.of(broken)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("generated code does not compile")
        .hasMessageContaining("Broken.java:")
        .hasMessageContaining("incompatible types");
  }

  @Test
  void strictOptionsTurnWarningsIntoErrors() {
    // A redundant cast is a lint warning; generated code never has one.
    JavaFile warns =
        JavaFile.builder(
                "gen.lint",
                TypeSpec.classBuilder("Warns")
                    .addMethod(
                        MethodSpec.methodBuilder("f")
                            .addModifiers(Modifier.STATIC)
                            .returns(int.class)
                            .addStatement("int x = 1")
                            .addStatement("return (int) x")
                            .build())
                    .build())
            .build();
    assertThat(new InMemoryCompiler().compile(List.of(warns))).containsKey("gen.lint.Warns");
    assertThatThrownBy(() -> new InMemoryCompiler(InMemoryCompiler.STRICT).compile(List.of(warns)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("redundant cast");
  }

  @Test
  void saysWhatToDoWithoutACompiler() {
    assertThatThrownBy(() -> InMemoryCompiler.requireCompiler(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no Java compiler available: run rnnc with a JDK, not a JRE");
  }

  @Test
  void findsTheRuntimeInAJarAsWellAsADirectory(@TempDir Path tmp) throws IOException {
    Path location = Path.of(InMemoryCompiler.runtimeClassPath());
    assertThat(location).exists();
    Path jar = tmp.resolve("rnnc-runtime.jar");
    if (Files.isDirectory(location)) {
      try (OutputStream out = Files.newOutputStream(jar);
          JarOutputStream j = new JarOutputStream(out);
          Stream<Path> files = Files.walk(location)) {
        for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
          j.putNextEntry(new JarEntry(location.relativize(p).toString().replace('\\', '/')));
          Files.copy(p, j);
          j.closeEntry();
        }
      }
    } else {
      Files.copy(location, jar);
    }
    Map<String, byte[]> classes =
        new InMemoryCompiler(InMemoryCompiler.STRICT, jar.toString())
            .compile(List.of(tiny("FromJar")));
    assertThat(classes).containsKey("gen.tiny.FromJar");
  }
}
