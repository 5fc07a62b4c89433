package dev.rnnc.compiler.output;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostic;
import dev.rnnc.compiler.diag.SourcePosition;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which spec generates which file below an output directory: the one place where two specs that
 * would write the same class are found, with the one message for it.
 *
 * <p>Not thread-safe: one instance per generation run.
 */
public final class ClassClaims {

  private final String packageSetting;
  private final String javaPackage;
  private final Map<String, String> owners = new HashMap<>();

  /**
   * @param packageSetting how the user put every class in one package ({@code --package}, {@code
   *     packageName}), named in the hint; used only when {@code javaPackage} is not null
   * @param javaPackage the package that setting gives, or {@code null} when each spec's own {@code
   *     package:} applies
   */
  public ClassClaims(String packageSetting, String javaPackage) {
    this.packageSetting = packageSetting;
    this.javaPackage = javaPackage;
  }

  /** Records, without checking, that {@code spec} already generates {@code output}. */
  public void keep(String output, String spec) {
    owners.put(output, spec);
  }

  /**
   * Claims {@code output} (a relative path with forward slashes, e.g. {@code com/acme/Echo.java})
   * for {@code spec}, the spec's name as the user knows it.
   *
   * @param file the spec's file, where the error is reported
   * @return an error if another spec claimed the same output first
   */
  public Optional<Diagnostic> claim(String output, String spec, Path file) {
    String other = owners.putIfAbsent(output, spec);
    if (other == null) {
      return Optional.empty();
    }
    return Optional.of(
        Diagnostic.error(
            Code.DUPLICATE_CLASS,
            SourcePosition.startOf(file),
            "generates " + output + ", which " + other + " generates too",
            javaPackage == null
                ? "give one of the two specs another 'name' or 'package'"
                : "give one of the two specs another 'name' ("
                    + packageSetting
                    + " puts both in "
                    + (javaPackage.isEmpty() ? "the unnamed package" : javaPackage)
                    + ")"));
  }

  /** {@code path} with forward slashes, the form outputs are claimed in. */
  public static String slashes(Path path) {
    StringBuilder s = new StringBuilder();
    for (Path part : path) {
      if (s.length() > 0) {
        s.append('/');
      }
      s.append(part);
    }
    return s.toString();
  }
}
