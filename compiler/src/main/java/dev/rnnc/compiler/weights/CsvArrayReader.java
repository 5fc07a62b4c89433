package dev.rnnc.compiler.weights;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.SourcePosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a matrix from a CSV file: one row per line, numbers separated by commas.
 *
 * <p>A number is {@code [+-]digits[.digits][(e|E)[+-]digits]} (digits may be missing on one side of
 * the point), with spaces or tabs around it; this covers what {@code np.savetxt(path, w,
 * delimiter=",")}, spreadsheets and {@code Double.toString} write. Lines end with {@code \n},
 * {@code \r\n} or {@code \r}; a UTF-8 byte order mark at the start is skipped. Blank lines at the
 * end are ignored; a blank line anywhere else, a header row, an empty value, a row whose length
 * differs from the first row's, and a value that is {@code nan}, {@code inf} or overflows to
 * infinity are errors at their line and column in the CSV file (1-based, a tab counts as one
 * column). Only the first problem is reported: a file in the wrong format would otherwise give one
 * per value. The result has shape {@code [rows, cols]}, also for a single row or column.
 */
final class CsvArrayReader {

  /**
   * The largest CSV weight file, 256 MiB: about 12 million values as text. Reading it takes the
   * file's bytes plus 8 bytes per value; larger matrices belong in .npy files.
   */
  public static final long MAX_BYTES = 256L * 1024 * 1024;

  private static final Set<String> NON_FINITE =
      Set.of("nan", "inf", "infinity", "+nan", "+inf", "+infinity", "-nan", "-inf", "-infinity");

  private final byte[] bytes;
  private final Path file;
  private final String name;

  private CsvArrayReader(byte[] bytes, Path file, String name) {
    this.bytes = bytes;
    this.file = file;
    this.name = name;
  }

  /**
   * Reads {@code file}; {@code name} is how messages about the file as a whole call it.
   *
   * @throws IOException if the file cannot be read
   * @throws WeightFileException if it is not a well-formed matrix
   */
  static NdArray read(Path file, String name) throws IOException, WeightFileException {
    if (Files.size(file) > MAX_BYTES) {
      throw WeightFileException.ofFile(
          Code.WEIGHT_FILE,
          "weight file '" + name + "' is too large (more than " + MAX_BYTES + " bytes, 256 MiB)",
          "store large matrices as .npy files");
    }
    return parse(Files.readAllBytes(file), file, name);
  }

  /** Parses the contents of {@code file}. */
  static NdArray parse(byte[] bytes, Path file, String name) throws WeightFileException {
    return new CsvArrayReader(bytes, file, name).parse();
  }

  private NdArray parse() throws WeightFileException {
    int n = bytes.length;
    int i = 0;
    if (n >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
      i = 3;
    }
    double[] values = new double[64];
    int count = 0;
    int cols = -1;
    int rows = 0;
    int blankLine = 0; // first blank line seen, 0 if none
    for (int line = 1; i < n; line++) {
      int lineStart = i;
      int lineEnd = i;
      while (lineEnd < n && bytes[lineEnd] != '\n' && bytes[lineEnd] != '\r') {
        lineEnd++;
      }
      i = lineEnd;
      if (i < n && bytes[i] == '\r') {
        i++;
      }
      if (i < n && bytes[i] == '\n' && (i == lineEnd || bytes[i - 1] == '\r')) {
        i++;
      }
      if (skipBlank(lineStart, lineEnd) == lineEnd) {
        if (blankLine == 0) {
          blankLine = line;
        }
        continue;
      }
      if (blankLine != 0) {
        throw new WeightFileException(
            Code.WEIGHT_FILE,
            new SourcePosition(file, blankLine, 1),
            "unexpected blank line",
            "blank lines are allowed only at the end of a weight file");
      }
      int cells = countCells(lineStart, lineEnd);
      if (cols < 0) {
        cols = cells;
      } else if (cells != cols) {
        int column = cells > cols ? cellStart(lineStart, lineEnd, cols) : lineEnd;
        throw new WeightFileException(
            Code.WEIGHT_FILE,
            at(line, lineStart, column),
            "line has " + cells + " values, but line 1 has " + cols,
            "every row of a weight matrix has the same number of values");
      }
      if (count > NpyReader.MAX_VALUES - cells) {
        throw WeightFileException.ofFile(
            Code.WEIGHT_FILE, "weight file '" + name + "' has too many values", null);
      }
      if (count + cells > values.length) {
        long grown = Math.max((long) values.length * 2, (long) count + cells);
        values = Arrays.copyOf(values, (int) Math.min(grown, NpyReader.MAX_VALUES));
      }
      int start = lineStart;
      for (int c = 0; c < cells; c++) {
        int end = start;
        while (end < lineEnd && bytes[end] != ',') {
          end++;
        }
        values[count++] = number(line, lineStart, start, end);
        start = end + 1;
      }
      rows++;
    }
    if (rows == 0) {
      throw WeightFileException.ofFile(
          Code.WEIGHT_FILE,
          "weight file '" + name + "' is empty",
          "write one row of comma-separated numbers per line");
    }
    return new NdArray(new int[] {rows, cols}, Arrays.copyOf(values, count));
  }

  /** Parses the cell {@code [start, end)} of the line starting at {@code lineStart}. */
  private double number(int line, int lineStart, int start, int end) throws WeightFileException {
    int s = skipBlank(start, end);
    int e = end;
    while (e > s && isBlank(bytes[e - 1])) {
      e--;
    }
    if (s == e) {
      throw new WeightFileException(
          Code.WEIGHT_FILE, at(line, lineStart, s), "empty value; expected a number", null);
    }
    String token = display(s, e);
    if (!isNumber(s, e)) {
      if (NON_FINITE.contains(token.toLowerCase(Locale.ROOT))) {
        throw new WeightFileException(
            Code.NON_FINITE, at(line, lineStart, s), "non-finite value '" + token + "'", null);
      }
      String hint = null;
      if (containsSeparatorLike(s, e)) {
        hint = "separate the values of a row with commas";
      } else if (line == 1) {
        hint = "a weight file has no header row";
      }
      throw new WeightFileException(
          Code.WEIGHT_FILE,
          at(line, lineStart, s),
          "expected a number, found '" + abbreviate(token) + "'",
          hint);
    }
    double value = Double.parseDouble(token);
    if (Double.isInfinite(value)) {
      throw new WeightFileException(
          Code.NON_FINITE,
          at(line, lineStart, s),
          "value '" + abbreviate(token) + "' overflows to infinity",
          null);
    }
    return value;
  }

  /** {@code [+-](digits[.digits]|.digits)[(e|E)[+-]digits]} over {@code [s, e)}. */
  private boolean isNumber(int s, int e) {
    int i = s;
    if (i < e && (bytes[i] == '+' || bytes[i] == '-')) {
      i++;
    }
    int digits = 0;
    while (i < e && isDigit(bytes[i])) {
      i++;
      digits++;
    }
    if (i < e && bytes[i] == '.') {
      i++;
      while (i < e && isDigit(bytes[i])) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < e && (bytes[i] == 'e' || bytes[i] == 'E')) {
      i++;
      if (i < e && (bytes[i] == '+' || bytes[i] == '-')) {
        i++;
      }
      int exponentDigits = 0;
      while (i < e && isDigit(bytes[i])) {
        i++;
        exponentDigits++;
      }
      if (exponentDigits == 0) {
        return false;
      }
    }
    return i == e;
  }

  /** Whether {@code [s, e)} holds a blank or a semicolon: values separated the wrong way. */
  private boolean containsSeparatorLike(int s, int e) {
    for (int i = s; i < e; i++) {
      if (isBlank(bytes[i]) || bytes[i] == ';') {
        return true;
      }
    }
    return false;
  }

  private int countCells(int lineStart, int lineEnd) {
    int cells = 1;
    for (int i = lineStart; i < lineEnd; i++) {
      if (bytes[i] == ',') {
        cells++;
      }
    }
    return cells;
  }

  /** The offset where cell {@code index} (0-based) of the line starts, past leading blanks. */
  private int cellStart(int lineStart, int lineEnd, int index) {
    int i = lineStart;
    for (int seen = 0; seen < index; i++) {
      if (bytes[i] == ',') {
        seen++;
      }
    }
    return skipBlank(i, lineEnd);
  }

  private int skipBlank(int from, int to) {
    int i = from;
    while (i < to && isBlank(bytes[i])) {
      i++;
    }
    return i;
  }

  /**
   * The position of byte {@code offset} in a line. Everything before a reported offset is ASCII
   * (numbers, commas, blanks), so the byte column is the character column.
   */
  private SourcePosition at(int line, int lineStart, int offset) {
    return new SourcePosition(file, line, offset - lineStart + 1);
  }

  /** Cell text for a message: UTF-8 decoded, control characters shown as '?'. */
  private String display(int s, int e) {
    String text = new String(bytes, s, e - s, StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
    return out.toString();
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t';
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }
}
