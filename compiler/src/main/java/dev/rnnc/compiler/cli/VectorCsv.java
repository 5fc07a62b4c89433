package dev.rnnc.compiler.cli;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SourcePosition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a vector input's elements from CSV: one element per line, one column per feature, an
 * optional header row of names. Problems are reported with the file, line and column of the
 * offending cell.
 */
final class VectorCsv {

  private VectorCsv() {}

  /**
   * Parses {@code text}. Returns one row per element; rows with problems are reported into {@code
   * sink} and skipped.
   *
   * @param file the name used in diagnostics
   * @param width the number of features each row must have
   */
  static List<double[]> parse(Path file, String text, int width, Diagnostics sink) {
    List<double[]> rows = new ArrayList<>();
    String[] lines = text.split("\r\n|\n|\r", -1);
    int last = lines.length - 1;
    while (last >= 0 && lines[last].isBlank()) {
      last--;
    }
    boolean first = true;
    for (int l = 0; l <= last; l++) {
      String line = lines[l];
      if (l == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      SourcePosition lineStart = new SourcePosition(file, l + 1, 1);
      if (line.isBlank()) {
        sink.error(
            Code.INPUT_DATA,
            lineStart,
            "empty line in CSV input",
            "every line is one element with " + width + " value" + (width == 1 ? "" : "s"));
        continue;
      }
      List<int[]> cells = cells(line);
      if (first && isHeader(line, cells)) {
        first = false;
        if (cells.size() != width) {
          sink.error(
              Code.INPUT_DATA,
              lineStart,
              "header has "
                  + cells.size()
                  + " column"
                  + (cells.size() == 1 ? "" : "s")
                  + ", the input has "
                  + width
                  + " feature"
                  + (width == 1 ? "" : "s"));
        }
        continue;
      }
      first = false;
      if (cells.size() != width) {
        sink.error(
            Code.INPUT_DATA,
            lineStart,
            "expected " + width + " value" + (width == 1 ? "" : "s") + ", found " + cells.size(),
            "each line is one element: one comma-separated value per feature");
        continue;
      }
      double[] row = new double[width];
      boolean ok = true;
      for (int c = 0; c < width; c++) {
        int[] span = cells.get(c);
        String cell = line.substring(span[0], span[1]).trim();
        SourcePosition at = new SourcePosition(file, l + 1, span[0] + 1 + leading(line, span));
        Double value = parseNumber(cell);
        if (value == null) {
          sink.error(Code.INPUT_DATA, at, "not a number: '" + cell + "'");
          ok = false;
        } else if (!Double.isFinite(value)) {
          sink.error(
              Code.INPUT_DATA,
              at,
              "non-finite value: '" + cell + "'",
              "input values must be finite numbers");
          ok = false;
        } else {
          row[c] = value;
        }
      }
      if (ok) {
        rows.add(row);
      }
    }
    return rows;
  }

  private static int leading(String line, int[] span) {
    int i = span[0];
    while (i < span[1] && Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    return i - span[0];
  }

  /** Start (inclusive) and end (exclusive) of each comma-separated cell. */
  private static List<int[]> cells(String line) {
    List<int[]> spans = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= line.length(); i++) {
      if (i == line.length() || line.charAt(i) == ',') {
        spans.add(new int[] {start, i});
        start = i + 1;
      }
    }
    return spans;
  }

  private static boolean isHeader(String line, List<int[]> cells) {
    for (int[] span : cells) {
      if (parseNumber(line.substring(span[0], span[1]).trim()) != null) {
        return false;
      }
    }
    return true;
  }

  /** Possessive quantifiers: linear in the cell's length, even for a long cell that fails. */
  private static final Pattern NUMBER =
      Pattern.compile(
          "[+-]?+(\\d++(\\.\\d*+)?+|\\.\\d++)([eE][+-]?+\\d++)?+|[+-]?+(Infinity|inf|Inf|NaN|nan)");

  /** A number in Java/CSV syntax, or null. Hex floats and type suffixes are not accepted. */
  static Double parseNumber(String cell) {
    if (cell.isEmpty() || !NUMBER.matcher(cell).matches()) {
      return null;
    }
    String normalized =
        switch (cell.replaceFirst("^[+-]", "")) {
          case "inf", "Inf" -> cell.startsWith("-") ? "-Infinity" : "Infinity";
          case "nan" -> "NaN";
          default -> cell;
        };
    return Double.parseDouble(normalized);
  }
}
