package dev.rnnc.compiler.weights;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A strict parser for the Python literals that NumPy writes into {@code .npy} headers: dicts,
 * tuples, lists, strings, integers, {@code True}, {@code False} and {@code None}. It accepts what
 * {@code ast.literal_eval} accepts for these forms (trailing commas, either quote, a Python 2
 * {@code L} suffix on integers) and nothing else: no floats, no expressions, no comments. Duplicate
 * dict keys are rejected rather than silently collapsed.
 */
final class PyLiteralParser {

  /** Nesting deeper than this is not a NumPy header; refusing it keeps the stack bounded. */
  static final int MAX_DEPTH = 32;

  /** A syntax error, with the 0-based character offset where it was found. */
  static final class ParseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int offset;

    ParseException(String message, int offset) {
      super(message);
      this.offset = offset;
    }

    int offset() {
      return offset;
    }
  }

  private final String text;
  private int pos;

  private PyLiteralParser(String text) {
    this.text = text;
  }

  /** Parses {@code text} as exactly one literal, surrounded by optional whitespace. */
  static PyLiteral parse(String text) throws ParseException {
    PyLiteralParser parser = new PyLiteralParser(text);
    parser.skipWhitespace();
    PyLiteral value = parser.value(0);
    parser.skipWhitespace();
    if (parser.pos < text.length()) {
      throw parser.error("unexpected " + parser.describeHere() + " after the value");
    }
    return value;
  }

  private PyLiteral value(int depth) throws ParseException {
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH + " levels");
    }
    if (pos >= text.length()) {
      throw error("unexpected end of header, expected a value");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return dict(depth);
      case '[':
        return new PyLiteral.PyList(sequence(']', depth));
      case '(':
        return parenthesized(depth);
      case '\'':
      case '"':
        return string();
      default:
        if (c == '-' || c == '+' || isDigit(c)) {
          return integer();
        }
        if (Character.isLetter(c) || c == '_') {
          return name();
        }
        throw error("unexpected " + describeHere() + ", expected a value");
    }
  }

  private PyLiteral dict(int depth) throws ParseException {
    pos++; // '{'
    List<PyLiteral.Entry> entries = new ArrayList<>();
    Set<PyLiteral> keys = new HashSet<>();
    skipWhitespace();
    while (!at('}')) {
      int keyStart = pos;
      PyLiteral key = value(depth + 1);
      if (!keys.add(key)) {
        throw new ParseException("duplicate key " + key, keyStart);
      }
      skipWhitespace();
      expect(':', "after a dict key");
      skipWhitespace();
      PyLiteral value = value(depth + 1);
      entries.add(new PyLiteral.Entry(key, value));
      skipWhitespace();
      if (at(',')) {
        pos++;
        skipWhitespace();
      } else if (!at('}')) {
        throw error("expected ',' or '}' after a dict value, found " + describeHere());
      }
    }
    pos++; // '}'
    return new PyLiteral.Dict(entries);
  }

  /** Items up to {@code close}, with an optional trailing comma. The opener is at {@code pos}. */
  private List<PyLiteral> sequence(char close, int depth) throws ParseException {
    pos++; // opener
    List<PyLiteral> items = new ArrayList<>();
    skipWhitespace();
    while (!at(close)) {
      items.add(value(depth + 1));
      skipWhitespace();
      if (at(',')) {
        pos++;
        skipWhitespace();
      } else if (!at(close)) {
        throw error("expected ',' or '" + close + "', found " + describeHere());
      }
    }
    pos++; // close
    return items;
  }

  /** {@code ()} is an empty tuple, {@code (x)} is just {@code x}, {@code (x,)} a 1-tuple. */
  private PyLiteral parenthesized(int depth) throws ParseException {
    int open = pos;
    pos++;
    skipWhitespace();
    if (at(')')) {
      pos++;
      return new PyLiteral.Tuple(List.of());
    }
    PyLiteral first = value(depth + 1);
    skipWhitespace();
    if (at(')')) {
      pos++;
      return first;
    }
    pos = open;
    return new PyLiteral.Tuple(sequence(')', depth));
  }

  private PyLiteral string() throws ParseException {
    int start = pos;
    char quote = text.charAt(pos++);
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length() || text.charAt(pos) == '\n') {
        throw new ParseException("unterminated string", start);
      }
      char c = text.charAt(pos++);
      if (c == quote) {
        return new PyLiteral.Str(out.toString());
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw new ParseException("unterminated string", start);
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '\\':
        case '\'':
        case '"':
          out.append(e);
          break;
        case 'n':
          out.append('\n');
          break;
        case 'r':
          out.append('\r');
          break;
        case 't':
          out.append('\t');
          break;
        case '0':
          out.append('\0');
          break;
        case 'x':
          out.appendCodePoint(hex(2));
          break;
        case 'u':
          out.appendCodePoint(hex(4));
          break;
        case 'U':
          int cp = hex(8);
          if (!Character.isValidCodePoint(cp)) {
            throw new ParseException("invalid \\U escape", pos - 10);
          }
          out.appendCodePoint(cp);
          break;
        default:
          throw new ParseException("unsupported escape '\\" + e + "' in string", pos - 2);
      }
    }
  }

  private int hex(int digits) throws ParseException {
    if (pos + digits > text.length()) {
      throw error("truncated escape in string");
    }
    int v = 0;
    for (int i = 0; i < digits; i++) {
      int d = Character.digit(text.charAt(pos), 16);
      if (d < 0) {
        throw error("invalid hex digit in string escape");
      }
      v = v * 16 + d;
      pos++;
    }
    return v;
  }

  private PyLiteral integer() throws ParseException {
    int start = pos;
    if (at('-') || at('+')) {
      pos++;
    }
    int digitsStart = pos;
    while (pos < text.length() && isDigit(text.charAt(pos))) {
      pos++;
    }
    if (pos == digitsStart) {
      throw new ParseException("expected digits after the sign", start);
    }
    if (pos - digitsStart > 1 && text.charAt(digitsStart) == '0') {
      throw new ParseException("integer with leading zeros", start);
    }
    BigInteger value = new BigInteger(text.substring(start, pos));
    if (at('L') || at('l')) {
      pos++; // Python 2 long suffix, as old NumPy versions wrote it
    }
    if (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
      throw error("unexpected " + describeHere() + " in a number (only integers are allowed)");
    }
    return new PyLiteral.Int(value);
  }

  private PyLiteral name() throws ParseException {
    int start = pos;
    while (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    String word = text.substring(start, pos);
    switch (word) {
      case "True":
        return new PyLiteral.Bool(true);
      case "False":
        return new PyLiteral.Bool(false);
      case "None":
        return new PyLiteral.None();
      default:
        throw new ParseException("unexpected name '" + word + "'", start);
    }
  }

  private void expect(char c, String where) throws ParseException {
    if (!at(c)) {
      throw error("expected '" + c + "' " + where + ", found " + describeHere());
    }
    pos++;
  }

  private boolean at(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
        return;
      }
      pos++;
    }
  }

  private String describeHere() {
    if (pos >= text.length()) {
      return "end of header";
    }
    char c = text.charAt(pos);
    if (c < 0x20 || c == 0x7f) {
      return String.format("character U+%04X", (int) c);
    }
    return "'" + c + "'";
  }

  private ParseException error(String message) {
    return new ParseException(message, pos);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
