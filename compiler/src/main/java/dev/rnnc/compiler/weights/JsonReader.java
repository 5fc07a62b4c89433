package dev.rnnc.compiler.weights;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A strict JSON parser (RFC 8259) for file headers: exactly one value with optional whitespace
 * around it; no comments, trailing commas, single quotes, bare words, leading zeros, NaN or
 * unpaired surrogates; a key may appear once per object. Nesting is limited so that a hostile
 * header cannot exhaust the stack.
 */
final class JsonReader {

  /** Deepest nesting of arrays and objects accepted. */
  static final int MAX_DEPTH = 64;

  /** A parsed JSON value. */
  sealed interface Value permits JsonObject, JsonArray, JsonString, JsonNumber, JsonLiteral {}

  /** An object; members keep their order in the text. */
  record JsonObject(Map<String, Value> members) implements Value {
    JsonObject {
      members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }
  }

  /** An array. */
  record JsonArray(List<Value> items) implements Value {
    JsonArray {
      items = List.copyOf(items);
    }
  }

  /** A string, escapes resolved. */
  record JsonString(String value) implements Value {}

  /** A number, as written. */
  record JsonNumber(String text) implements Value {

    /** The value if it is an integer written without fraction or exponent, else empty. */
    Optional<BigInteger> integer() {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '.' || c == 'e' || c == 'E') {
          return Optional.empty();
        }
      }
      return Optional.of(new BigInteger(text));
    }
  }

  /** {@code true}, {@code false} or {@code null}. */
  enum JsonLiteral implements Value {
    TRUE,
    FALSE,
    NULL
  }

  /** Text that is not strict JSON; {@link #offset} is the 0-based character where it goes wrong. */
  static final class JsonException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int offset;

    JsonException(String message, int offset) {
      super(message);
      this.offset = offset;
    }

    int offset() {
      return offset;
    }
  }

  private final String text;
  private int pos;

  private JsonReader(String text) {
    this.text = text;
  }

  /** Parses {@code text}, which must hold exactly one JSON value. */
  static Value parse(String text) throws JsonException {
    JsonReader r = new JsonReader(text);
    r.skipSpace();
    Value v = r.value(0);
    r.skipSpace();
    if (r.pos < text.length()) {
      throw r.error("unexpected " + r.describe() + " after the value");
    }
    return v;
  }

  private Value value(int depth) throws JsonException {
    if (pos >= text.length()) {
      throw error("the text ends where a value should be");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"':
        return new JsonString(string());
      case 't':
        return literal("true", JsonLiteral.TRUE);
      case 'f':
        return literal("false", JsonLiteral.FALSE);
      case 'n':
        return literal("null", JsonLiteral.NULL);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected " + describe() + " where a value should be");
    }
  }

  private JsonObject object(int depth) throws JsonException {
    checkDepth(depth);
    pos++; // {
    Map<String, Value> members = new LinkedHashMap<>();
    skipSpace();
    if (peek() == '}') {
      pos++;
      return new JsonObject(members);
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw error("expected a key in double quotes, found " + describe());
      }
      int keyAt = pos;
      String key = string();
      if (members.containsKey(key)) {
        throw new JsonException("duplicate key \"" + abbreviate(key) + "\"", keyAt);
      }
      skipSpace();
      expect(':');
      skipSpace();
      members.put(key, value(depth));
      skipSpace();
      if (peek() == ',') {
        pos++;
      } else if (peek() == '}') {
        pos++;
        return new JsonObject(members);
      } else {
        throw error("expected ',' or '}' in an object, found " + describe());
      }
    }
  }

  private JsonArray array(int depth) throws JsonException {
    checkDepth(depth);
    pos++; // [
    List<Value> items = new ArrayList<>();
    skipSpace();
    if (peek() == ']') {
      pos++;
      return new JsonArray(items);
    }
    while (true) {
      skipSpace();
      items.add(value(depth));
      skipSpace();
      if (peek() == ',') {
        pos++;
      } else if (peek() == ']') {
        pos++;
        return new JsonArray(items);
      } else {
        throw error("expected ',' or ']' in an array, found " + describe());
      }
    }
  }

  private void checkDepth(int depth) throws JsonException {
    if (depth > MAX_DEPTH) {
      throw error("arrays and objects nested deeper than " + MAX_DEPTH + " levels");
    }
  }

  private String string() throws JsonException {
    pos++; // opening quote
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("a string is not closed");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        return out.toString();
      }
      if (c < 0x20) {
        throw error("a control character (U+" + hex4(c) + ") in a string must be escaped");
      }
      if (c == '\\') {
        escape(out);
        continue;
      }
      if (Character.isSurrogate(c)) {
        surrogatePair(out, c);
        continue;
      }
      out.append(c);
      pos++;
    }
  }

  private void surrogatePair(StringBuilder out, char c) throws JsonException {
    char next = pos + 1 < text.length() ? text.charAt(pos + 1) : 0;
    if (!Character.isHighSurrogate(c) || !Character.isLowSurrogate(next)) {
      throw error("an unpaired surrogate in a string");
    }
    out.append(c).append(next);
    pos += 2;
  }

  private void escape(StringBuilder out) throws JsonException {
    int at = pos;
    pos++; // backslash
    if (pos >= text.length()) {
      throw error("a string is not closed");
    }
    char e = text.charAt(pos++);
    switch (e) {
      case '"' -> out.append('"');
      case '\\' -> out.append('\\');
      case '/' -> out.append('/');
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'n' -> out.append('\n');
      case 'r' -> out.append('\r');
      case 't' -> out.append('\t');
      case 'u' -> {
        char u = hexEscape(at);
        if (Character.isHighSurrogate(u) && text.startsWith("\\u", pos)) {
          pos += 2;
          char low = hexEscape(at);
          if (!Character.isLowSurrogate(low)) {
            throw new JsonException("an unpaired surrogate escape in a string", at);
          }
          out.append(u).append(low);
        } else if (Character.isSurrogate(u)) {
          throw new JsonException("an unpaired surrogate escape in a string", at);
        } else {
          out.append(u);
        }
      }
      default -> throw new JsonException("invalid escape '\\" + e + "' in a string", at);
    }
  }

  /** Reads the four hex digits of a {@code \\u} escape that starts at {@code at}. */
  private char hexEscape(int at) throws JsonException {
    if (pos + 4 > text.length()) {
      throw new JsonException("a \\u escape needs four hex digits", at);
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      char c = text.charAt(pos + i);
      int d =
          c >= '0' && c <= '9'
              ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) {
        throw new JsonException("a \\u escape needs four hex digits", at);
      }
      v = v * 16 + d;
    }
    pos += 4;
    return (char) v;
  }

  private JsonNumber number() throws JsonException {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
      if (isDigit(peek())) {
        throw error("a number must not have a leading zero");
      }
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw error("'-' must be followed by digits");
    }
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) {
        throw error("a decimal point must be followed by digits");
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("an exponent must have digits");
      }
      digits();
    }
    return new JsonNumber(text.substring(start, pos));
  }

  private void digits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private JsonLiteral literal(String word, JsonLiteral value) throws JsonException {
    if (!text.startsWith(word, pos)) {
      throw error("unexpected " + describe() + " where a value should be");
    }
    pos += word.length();
    return value;
  }

  private void expect(char c) throws JsonException {
    if (peek() != c) {
      throw error("expected '" + c + "', found " + describe());
    }
    pos++;
  }

  /** The character at {@code pos}, or -1 at the end. */
  private int peek() {
    return pos < text.length() ? text.charAt(pos) : -1;
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private String describe() {
    if (pos >= text.length()) {
      return "the end of the text";
    }
    char c = text.charAt(pos);
    return c >= 0x20 && c < 0x7f ? "'" + c + "'" : "U+" + hex4(c);
  }

  private static String hex4(char c) {
    return String.format("%04X", (int) c);
  }

  private JsonException error(String message) {
    return new JsonException(message, pos);
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
