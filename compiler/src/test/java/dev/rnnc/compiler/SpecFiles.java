package dev.rnnc.compiler;

import dev.rnnc.compiler.diag.Diagnostic;
import dev.rnnc.compiler.diag.SpecException;
import dev.rnnc.compiler.ir.Graph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test helpers: specs written to files, read through the whole front end. */
public final class SpecFiles {

  private SpecFiles() {}

  /** Writes {@code text} as {@code spec.yaml} in {@code dir} and returns its path. */
  public static Path write(Path dir, String text) {
    return write(dir, "spec.yaml", text);
  }

  public static Path write(Path dir, String name, String text) {
    try {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a valid spec, failing the test with the rendered diagnostics if it is not. */
  public static Graph graph(Path spec) {
    try {
      return Compiler.readGraph(spec);
    } catch (SpecException e) {
      throw new AssertionError("spec was rejected:\n" + e.getMessage(), e);
    }
  }

  /**
   * The diagnostics of a bad spec (whole pipeline, scheduling included), failing the test if it is
   * accepted.
   */
  public static List<Diagnostic> errors(Path spec) {
    try {
      Compiler.load(spec);
    } catch (SpecException e) {
      return e.diagnostics();
    }
    throw new AssertionError("spec was accepted: " + spec);
  }

  /** A test resource as a path. */
  public static Path resource(String name) {
    try {
      return Path.of(SpecFiles.class.getResource("/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new AssertionError("missing test resource " + name, e);
    }
  }
}
