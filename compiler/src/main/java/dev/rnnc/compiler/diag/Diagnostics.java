package dev.rnnc.compiler.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A sink that phases report problems into. Phases keep going after a problem so that a user sees
 * every problem at once, and stop at their boundary with {@link #throwIfErrors()}.
 */
public final class Diagnostics {

  private final List<Diagnostic> items = new ArrayList<>();

  public void report(Diagnostic diagnostic) {
    items.add(diagnostic);
  }

  public void error(Code code, SourcePosition position, String message) {
    report(Diagnostic.error(code, position, message));
  }

  public void error(Code code, SourcePosition position, String message, String hint) {
    report(Diagnostic.error(code, position, message, hint));
  }

  public boolean hasErrors() {
    return items.stream().anyMatch(d -> d.severity() == Severity.ERROR);
  }

  /** All diagnostics so far, sorted by file, line and column (stable for equal positions). */
  public List<Diagnostic> all() {
    List<Diagnostic> sorted = new ArrayList<>(items);
    sorted.sort(
        Comparator.comparing((Diagnostic d) -> d.position().file().toString())
            .thenComparingInt(d -> d.position().line())
            .thenComparingInt(d -> d.position().column()));
    return List.copyOf(sorted);
  }

  /** Ends a phase: throws a {@link SpecException} carrying every diagnostic if any is an error. */
  public void throwIfErrors() throws SpecException {
    if (hasErrors()) {
      throw new SpecException(all());
    }
  }
}
