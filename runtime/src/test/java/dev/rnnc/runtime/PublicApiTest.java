package dev.rnnc.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The runtime's public package is what an application embeds, and nothing else. */
class PublicApiTest {

  private static Path classes() throws URISyntaxException {
    return Path.of(Evaluator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void publicPackageHoldsTheApiOnly()
      throws IOException, URISyntaxException, ClassNotFoundException {
    Set<String> publicTypes = new TreeSet<>();
    try (Stream<Path> files = Files.list(classes().resolve("dev/rnnc/runtime"))) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".class") && !name.contains("$")) {
          Class<?> c = Class.forName("dev.rnnc.runtime." + name.substring(0, name.length() - 6));
          if (Modifier.isPublic(c.getModifiers())) {
            publicTypes.add(c.getSimpleName());
          }
        }
      }
    }
    assertThat(publicTypes)
        .containsExactly(
            "Evaluator",
            "InputDef",
            "ModelInfo",
            "Reduce",
            "Session",
            "SessionState",
            "TokenFeatures",
            "TokenInput",
            "VectorInput",
            "Window");
  }

  @Test
  void moduleExportsTheApiAndTheInternalsForGeneratedCode() throws IOException, URISyntaxException {
    try (var in = Files.newInputStream(classes().resolve("module-info.class"))) {
      ModuleDescriptor module = ModuleDescriptor.read(in);
      assertThat(module.name()).isEqualTo("dev.rnnc.runtime");
      assertThat(module.exports())
          .extracting(ModuleDescriptor.Exports::source)
          .containsExactlyInAnyOrder("dev.rnnc.runtime", "dev.rnnc.runtime.internal");
      assertThat(module.requires())
          .extracting(ModuleDescriptor.Requires::name)
          .containsOnly("java.base");
    }
  }
}
