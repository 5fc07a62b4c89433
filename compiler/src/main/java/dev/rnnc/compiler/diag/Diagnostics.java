package dev.rnnc.compiler.diag;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sink that phases report problems into. Phases keep going after a problem so that a user sees
 * every problem at once, and stop at their boundary with {@link #throwIfErrors()}.
 */
public final class Diagnostics {

  /**
   * Most diagnostics kept per file: a hostile or badly broken file (one aliased value used a
   * thousand times) must not flood the terminal. The rest are counted and summarized.
   */
  public static final int MAX_PER_FILE = 100;

  private final List<Diagnostic> items = new ArrayList<>();
  private final Map<Path, Integer> kept = new HashMap<>();
  private final Map<Path, Integer> leftOut = new LinkedHashMap<>();
  private boolean errorLeftOut;

  public void report(Diagnostic diagnostic) {
    Path file = diagnostic.position().file();
    int n = kept.merge(file, 1, Integer::sum);
    if (n > MAX_PER_FILE) {
      leftOut.merge(file, 1, Integer::sum);
      errorLeftOut |= diagnostic.severity() == Severity.ERROR;
      return;
    }
    items.add(diagnostic);
  }

  public void error(Code code, SourcePosition position, String message) {
    report(Diagnostic.error(code, position, message));
  }

  /** A problem that does not stop the compilation; see {@link #warnings()}. */
  public void warning(Code code, SourcePosition position, String message, String hint) {
    report(Diagnostic.warning(code, position, message, hint));
  }

  /** The warnings reported so far, in the order of {@link #all()}. */
  public List<Diagnostic> warnings() {
    return all().stream().filter(d -> d.severity() == Severity.WARNING).toList();
  }

  public void error(Code code, SourcePosition position, String message, String hint) {
    report(Diagnostic.error(code, position, message, hint));
  }

  public boolean hasErrors() {
    return errorLeftOut || items.stream().anyMatch(d -> d.severity() == Severity.ERROR);
  }

  /**
   * All diagnostics so far, sorted by file, line and column (stable for equal positions); after the
   * first {@link #MAX_PER_FILE} of a file, one that says how many more there were.
   */
  public List<Diagnostic> all() {
    List<Diagnostic> sorted = new ArrayList<>(items);
    sorted.sort(
        Comparator.comparing((Diagnostic d) -> d.position().file().toString())
            .thenComparingInt(d -> d.position().line())
            .thenComparingInt(d -> d.position().column()));
    leftOut.forEach(
        (file, n) ->
            sorted.add(
                Diagnostic.error(
                    Code.TOO_MANY_PROBLEMS,
                    SourcePosition.startOf(file),
                    n
                        + " more problems in this file are not shown ("
                        + (n + MAX_PER_FILE)
                        + " in all)",
                    "fix the ones shown first: many often share one cause")));
    return List.copyOf(sorted);
  }

  /** Ends a phase: throws a {@link SpecException} carrying every diagnostic if any is an error. */
  public void throwIfErrors() throws SpecException {
    if (hasErrors()) {
      throw new SpecException(all());
    }
  }
}
