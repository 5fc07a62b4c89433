package dev.rnnc.compiler.diag;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders diagnostics the way compilers do:
 *
 * <pre>
 * spec.yaml:12:18: error: unknown neuron 'h3'
 *       - {from: h3, to: out, weight: 0.5}
 *                ^
 *   hint: did you mean 'h2'?
 * </pre>
 */
public final class DiagnosticRenderer {

  private final Map<Path, List<String>> lines = new HashMap<>();

  /** Renders every diagnostic, each followed by a newline. */
  /** Longest source excerpt shown under a headline, in characters. */
  static final int EXCERPT = 160;

  /** Longest headline or hint shown; longer ones (a huge name quoted in a message) are cut. */
  static final int MAX_TEXT = 1000;

  /** {@code s}, or its start and end around "..." when longer than {@code max}. */
  static String clip(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    return s.substring(0, max / 2) + " ... " + s.substring(s.length() - max / 2);
  }

  public String render(List<Diagnostic> diagnostics) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      out.append(render(d));
    }
    long errors = diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).count();
    if (errors > 1) {
      out.append(errors).append(" errors\n");
    }
    return out.toString();
  }

  /** Renders one diagnostic: headline, source line with a caret, hint. */
  public String render(Diagnostic d) {
    StringBuilder out = new StringBuilder();
    out.append(clip(d.headline(), MAX_TEXT)).append('\n');
    String source = sourceLine(d.position());
    if (source != null) {
      // A window of the line around the column: a line of megabytes prints as one screen line.
      int col = Math.min(d.position().column() - 1, source.length());
      int from = Math.max(0, Math.min(col - EXCERPT / 2, source.length() - EXCERPT));
      int to = Math.min(source.length(), from + EXCERPT);
      String prefix = from > 0 ? "..." : "";
      out.append("    ")
          .append(prefix)
          .append(source, from, to)
          .append(to < source.length() ? "..." : "")
          .append('\n');
      out.append("    ").append(" ".repeat(prefix.length()));
      for (int i = from; i < col; i++) {
        out.append(source.charAt(i) == '\t' ? '\t' : ' ');
      }
      out.append("^\n");
    }
    if (d.hint() != null) {
      out.append("  hint: ").append(clip(d.hint(), MAX_TEXT)).append('\n');
    }
    return out.toString();
  }

  private String sourceLine(SourcePosition position) {
    List<String> fileLines =
        lines.computeIfAbsent(
            position.file(),
            f -> {
              try {
                if (Files.isRegularFile(f) && Files.size(f) <= 64L * 1024 * 1024) {
                  return Files.readAllLines(f, StandardCharsets.UTF_8);
                }
              } catch (IOException | RuntimeException e) {
                // Not readable or not UTF-8: render without the excerpt.
              }
              return List.of();
            });
    int index = position.line() - 1;
    if (index < 0 || index >= fileLines.size()) {
      return null;
    }
    String line = fileLines.get(index);
    return line.length() > 200 ? null : line;
  }
}
