package dev.rnnc.compiler.cli;

import dev.rnnc.compiler.diag.Diagnostics;
import java.nio.file.Path;
import java.util.List;

/** Lets tests in other packages parse CSV input the way {@code rnnc run} does. */
public final class VectorCsvAccess {

  private VectorCsvAccess() {}

  public static List<double[]> parse(Path file, String text, int width, Diagnostics sink) {
    return VectorCsv.parse(file, text, width, sink);
  }
}
