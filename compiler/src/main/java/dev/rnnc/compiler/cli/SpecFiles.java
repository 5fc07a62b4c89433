package dev.rnnc.compiler.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Parameters;

/**
 * The {@code SPEC...} parameters of the commands that take several specs ({@code check}, {@code
 * compile}).
 */
final class SpecFiles {

  @Parameters(arity = "1..*", paramLabel = "SPEC", description = "Spec files (.yaml).")
  private List<Path> specs;

  /** The specs named, after a usage error (exit 2) for any that is missing or not a file. */
  List<Path> existing() {
    Cli.requireFiles(specs);
    return List.copyOf(specs);
  }
}
