package dev.rnnc.compiler.diag;

import java.util.Objects;

/**
 * One problem found in a spec or an input file.
 *
 * @param code the kind of problem, from the catalogue {@link Code}; tools match on its id, never on
 *     the message
 * @param hint a suggestion for the fix, or {@code null}
 */
public record Diagnostic(
    Severity severity, Code code, SourcePosition position, String message, String hint) {

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(message, "message");
  }

  public static Diagnostic warning(
      Code code, SourcePosition position, String message, String hint) {
    return new Diagnostic(Severity.WARNING, code, position, message, hint);
  }

  public static Diagnostic error(Code code, SourcePosition position, String message) {
    return new Diagnostic(Severity.ERROR, code, position, message, null);
  }

  public static Diagnostic error(Code code, SourcePosition position, String message, String hint) {
    return new Diagnostic(Severity.ERROR, code, position, message, hint);
  }

  /** {@code file:line:column: error: message}, without source excerpt or hint. */
  public String headline() {
    return position + ": " + severity.label() + ": " + message;
  }

  @Override
  public String toString() {
    return headline() + (hint == null ? "" : " (hint: " + hint + ")");
  }
}
