package dev.rnnc.compiler.parse;

import dev.rnnc.compiler.diag.SourcePosition;
import java.util.Objects;

/**
 * A YAML scalar: its text and the core-schema type it resolved to.
 *
 * @param value the scalar's text after YAML unquoting/folding
 * @param type what the core schema made of it ({@code 12} is an integer, {@code "12"} a string)
 * @param plain true for a plain (unquoted) scalar; a quoted one may hold any text
 * @param position where the scalar starts (for a quoted scalar: its opening quote)
 * @param sourceWidth the number of columns the scalar spans in the source if it is plain or quoted
 *     and sits on one line, else -1; used to point inside a scalar, e.g. at the target of {@code "a
 *     -> b"}
 */
public record YamlScalar(
    String value, Type type, boolean plain, SourcePosition position, int sourceWidth)
    implements YamlNode {

  /** The core-schema types, plus {@link #INVALID} for values the reader already reported. */
  public enum Type {
    STRING,
    INTEGER,
    FLOAT,
    BOOLEAN,
    NULL,
    /** A value with a bad tag; already reported, so later phases skip it without a message. */
    INVALID
  }

  public YamlScalar {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(position, "position");
  }

  @Override
  public String describe() {
    return switch (type) {
      case NULL -> "null";
      case STRING -> "the string '" + shorten(value) + "'";
      case INTEGER -> "the integer " + shorten(value);
      case FLOAT -> "the number " + shorten(value);
      case BOOLEAN -> "the boolean " + value;
      case INVALID -> "an invalid value";
    };
  }

  /**
   * The position of the character at {@code index} of {@link #value()}, exact when the scalar sits
   * on one line without escapes (plain or quoted), else the scalar's start.
   */
  public SourcePosition positionAt(int index) {
    int quotes = plain ? 0 : 2;
    if (index < 0 || index > value.length() || sourceWidth < 0) {
      return position;
    }
    int width = value.codePointCount(0, value.length());
    if (sourceWidth != width + quotes) {
      return position;
    }
    int columns = value.codePointCount(0, index) + (plain ? 0 : 1);
    return new SourcePosition(position.file(), position.line(), position.column() + columns);
  }

  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
