package dev.rnnc.maven;

import dev.rnnc.compiler.output.ClassClaims;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which files below a directory are specs: those matching an include pattern and no exclude
 * pattern. Hidden files and directories (names starting with {@code .}: editor back-ups, version
 * control) are never specs.
 */
record SpecSelection(List<AntPattern> includes, List<AntPattern> excludes) {

  /** The includes when none are configured. */
  static final List<String> DEFAULT_INCLUDES = List.of("**/*.yaml", "**/*.yml");

  SpecSelection {
    includes = List.copyOf(includes);
    excludes = List.copyOf(excludes);
  }

  /** A selection from configured patterns; no includes (null or empty) means the defaults. */
  static SpecSelection of(List<String> includes, List<String> excludes) {
    List<String> in = includes == null || includes.isEmpty() ? DEFAULT_INCLUDES : includes;
    List<String> ex = excludes == null ? List.of() : excludes;
    return new SpecSelection(
        in.stream().map(AntPattern::compile).toList(),
        ex.stream().map(AntPattern::compile).toList());
  }

  /**
   * The selected files below {@code directory}, as relative paths with {@code /} separators, in
   * sorted order. A missing directory has none.
   */
  List<String> find(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    List<String> found = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(directory)) {
      walk.filter(Files::isRegularFile)
          .map(f -> directory.relativize(f))
          .filter(rel -> !hidden(rel))
          .map(ClassClaims::slashes)
          .filter(this::selects)
          .forEach(found::add);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    found.sort(null);
    return List.copyOf(found);
  }

  /** Whether a relative path (with {@code /}) is selected. */
  boolean selects(String relativePath) {
    return includes.stream().anyMatch(p -> p.matches(relativePath))
        && excludes.stream().noneMatch(p -> p.matches(relativePath));
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
