package dev.rnnc.compiler.output;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file the compiler produced, not yet written.
 *
 * @param relativePath where it goes below an output directory, e.g. {@code com/acme/Model.java}
 */
public record GeneratedFile(Path relativePath, String content) {

  public GeneratedFile {
    Objects.requireNonNull(relativePath, "relativePath");
    Objects.requireNonNull(content, "content");
    if (relativePath.isAbsolute()
        || relativePath.normalize().startsWith("..")
        || !relativePath.normalize().equals(relativePath)) {
      throw new IllegalArgumentException("not a plain relative path: " + relativePath);
    }
  }
}
