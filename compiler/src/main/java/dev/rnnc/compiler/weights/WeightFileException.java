package dev.rnnc.compiler.weights;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SourcePosition;

/**
 * A problem with a weight file, thrown inside the readers and turned into one diagnostic by {@link
 * ArrayFiles}; never escapes the package.
 */
final class WeightFileException extends Exception {

  private static final long serialVersionUID = 1L;

  private final Code code;
  private final transient SourcePosition position;
  private final String hint;

  /**
   * @param position where the problem is inside the weight file itself, or {@code null} for a
   *     problem with the file as a whole (reported where the spec names the file)
   * @param hint a suggestion for the fix, or {@code null}
   */
  WeightFileException(Code code, SourcePosition position, String message, String hint) {
    super(message);
    this.code = code;
    this.position = position;
    this.hint = hint;
  }

  /** A problem with the file as a whole. */
  static WeightFileException ofFile(Code code, String message, String hint) {
    return new WeightFileException(code, null, message, hint);
  }

  void reportTo(Diagnostics sink, SourcePosition at) {
    sink.error(code, position == null ? at : position, getMessage(), hint);
  }
}
