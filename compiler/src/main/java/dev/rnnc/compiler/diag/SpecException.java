package dev.rnnc.compiler.diag;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown at a phase boundary when a spec has errors; carries all of them. */
public final class SpecException extends Exception {

  private static final long serialVersionUID = 1L;

  private final List<Diagnostic> diagnostics;

  public SpecException(List<Diagnostic> diagnostics) {
    super(diagnostics.stream().map(Diagnostic::headline).collect(Collectors.joining("\n")));
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
