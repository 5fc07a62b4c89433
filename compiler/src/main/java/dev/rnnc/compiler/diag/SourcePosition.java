package dev.rnnc.compiler.diag;

import java.nio.file.Path;

/**
 * A place in a source file, 1-based (snakeyaml-engine's {@code Mark} is 0-based; convert with
 * {@link #fromMark}).
 */
public record SourcePosition(Path file, int line, int column) {

  public SourcePosition {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
    }
  }

  /** Converts a 0-based snakeyaml-engine position. */
  public static SourcePosition fromMark(Path file, int zeroBasedLine, int zeroBasedColumn) {
    return new SourcePosition(file, zeroBasedLine + 1, zeroBasedColumn + 1);
  }

  /** The start of a file, for problems that belong to the file as a whole. */
  public static SourcePosition startOf(Path file) {
    return new SourcePosition(file, 1, 1);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
