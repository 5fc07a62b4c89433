package dev.rnnc.compiler.weights;

import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SourcePosition;
import java.nio.file.Path;
import java.util.Optional;

/** Reads weight arrays from {@code .npy} and {@code .csv} files. */
public final class ArrayFiles {

  private ArrayFiles() {}

  /**
   * Reads {@code file}, choosing the format by extension ({@code .npy} or {@code .csv}).
   * Problems (missing, unreadable, unsupported dtype or order, malformed, non-finite values) are
   * reported into {@code sink} at {@code at} (the position of the {@code file:} value in the spec),
   * and then the result is empty. Never throws for bad input.
   */
  public static Optional<NdArray> read(Path file, SourcePosition at, Diagnostics sink) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
