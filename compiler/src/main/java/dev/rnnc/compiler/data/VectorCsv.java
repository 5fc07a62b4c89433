package dev.rnnc.compiler.data;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SourcePosition;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a vector input's elements from CSV: one element per line, one column per feature, an
 * optional header row of names. Problems are reported with the file, line and column of the
 * offending cell.
 */
public final class VectorCsv {

  private VectorCsv() {}

  /**
   * Parses {@code text}. Returns one row per element; rows with problems are reported into {@code
   * sink} and skipped.
   *
   * @param file the name used in diagnostics
   * @param width the number of features each row must have
   */
  public static List<double[]> parse(Path file, String text, int width, Diagnostics sink) {
    Rows rows = new Rows(new BufferedReader(new StringReader(text)), file, width, sink);
    List<double[]> result = new ArrayList<>();
    try {
      for (double[] row = rows.next(); row != null; row = rows.next()) {
        result.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
    return result;
  }

  /**
   * The elements of a CSV stream, read one line at a time: memory stays proportional to one line,
   * whatever the length of the stream. Lines end at {@code \n}, {@code \r\n} or {@code \r}; blank
   * lines at the end are ignored, elsewhere each is an error.
   */
  static final class Rows {

    /** Blank lines remembered before a non-blank line shows they were not trailing. */
    private static final int BLANKS_KEPT = Diagnostics.MAX_PER_FILE + 1;

    private final BufferedReader in;
    private final Path file;
    private final int width;
    private final Diagnostics sink;
    private int lineNumber;
    private boolean first = true;
    private final List<Integer> blanks = new ArrayList<>();

    Rows(BufferedReader in, Path file, int width, Diagnostics sink) {
      this.in = in;
      this.file = file;
      this.width = width;
      this.sink = sink;
    }

    /** The next good element, or null at the end; bad lines are reported and skipped. */
    double[] next() throws IOException {
      while (true) {
        String line = in.readLine();
        if (line == null) {
          return null;
        }
        lineNumber++;
        if (lineNumber == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (line.isBlank()) {
          if (blanks.size() < BLANKS_KEPT) {
            blanks.add(lineNumber);
          }
          continue;
        }
        for (int blank : blanks) {
          sink.error(
              Code.INPUT_DATA,
              new SourcePosition(file, blank, 1),
              "empty line in CSV input",
              "every line is one element with " + width + " value" + (width == 1 ? "" : "s"));
        }
        blanks.clear();
        double[] row = row(line);
        if (row != null) {
          return row;
        }
      }
    }

    /** The element on a non-blank line, or null for a header or a bad line (reported). */
    private double[] row(String line) {
      int l = lineNumber - 1;
      SourcePosition lineStart = new SourcePosition(file, l + 1, 1);
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
        return null;
      }
      first = false;
      if (cells.size() != width) {
        sink.error(
            Code.INPUT_DATA,
            lineStart,
            "expected " + width + " value" + (width == 1 ? "" : "s") + ", found " + cells.size(),
            "each line is one element: one comma-separated value per feature");
        return null;
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
      return ok ? row : null;
    }
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
  public static Double parseNumber(String cell) {
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
