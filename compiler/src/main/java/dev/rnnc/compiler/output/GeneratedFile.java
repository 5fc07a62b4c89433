package dev.rnnc.compiler.output;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file the compiler produced, not yet written: text (UTF-8) or raw bytes (weights).
 *
 * @param relativePath where it goes below an output directory, e.g. {@code com/acme/Model.java}
 * @param content the text, or null for a binary file
 * @param binary the bytes of a binary file, or null for text
 */
public record GeneratedFile(Path relativePath, String content, byte[] binary) {

  public GeneratedFile {
    Objects.requireNonNull(relativePath, "relativePath");
    if ((content == null) == (binary == null)) {
      throw new IllegalArgumentException("a file is either text or bytes");
    }
    if (relativePath.isAbsolute()
        || relativePath.normalize().startsWith("..")
        || !relativePath.normalize().equals(relativePath)) {
      throw new IllegalArgumentException("not a plain relative path: " + relativePath);
    }
    binary = binary == null ? null : binary.clone();
  }

  /** A text file. */
  public GeneratedFile(Path relativePath, String content) {
    this(relativePath, Objects.requireNonNull(content, "content"), null);
  }

  /** A binary file. */
  public static GeneratedFile binary(Path relativePath, byte[] bytes) {
    return new GeneratedFile(relativePath, null, Objects.requireNonNull(bytes, "bytes"));
  }

  /** The bytes to write. */
  public byte[] bytes() {
    return binary != null ? binary.clone() : content.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] binary() {
    return binary == null ? null : binary.clone();
  }
}
