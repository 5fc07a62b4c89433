package dev.rnnc.compiler.onnx;

import java.util.List;

/**
 * An ONNX model that rnnc cannot import: unreadable, over a limit, or using something rnnc has no
 * equivalent for. Carries every problem found (for unsupported operators, one per node) and one
 * hint for all of them.
 */
public final class ImportException extends Exception {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;
  private final String hint;

  /**
   * @param problems what is wrong, each a sentence naming the node or tensor concerned
   * @param hint what to do about it, or {@code null}
   */
  public ImportException(List<String> problems, String hint) {
    super(String.join("; ", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("no problem");
    }
    this.problems = List.copyOf(problems);
    this.hint = hint;
  }

  /** One problem. */
  public ImportException(String problem, String hint) {
    this(List.of(problem), hint);
  }

  public List<String> problems() {
    return problems;
  }

  /** What to do about the problems, or {@code null}. */
  public String hint() {
    return hint;
  }
}
