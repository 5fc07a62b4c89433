package dev.rnnc.compiler.ir;

import dev.rnnc.runtime.ModelInfo.Precision;
import dev.rnnc.runtime.Window;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a model says about itself as a whole, the same in the checked spec and in the graph.
 *
 * @param source the spec file
 * @param name the model (and generated class) name
 * @param javaPackage the Java package, or "" for none
 * @param window the model's window ({@link Window#NONE} if no input declares one)
 * @param files every file the spec reads (weights, vocabularies), for up-to-date checks
 * @param math {@code math:}, exact unless the spec says {@code fast}
 */
public record ModelHeader(
    Path source,
    String name,
    String javaPackage,
    Precision precision,
    Window window,
    List<Path> files,
    MathMode math) {

  public ModelHeader {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(javaPackage, "javaPackage");
    Objects.requireNonNull(precision, "precision");
    Objects.requireNonNull(window, "window");
    files = List.copyOf(files);
    Objects.requireNonNull(math, "math");
  }
}
