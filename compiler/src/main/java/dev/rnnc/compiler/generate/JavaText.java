package dev.rnnc.compiler.generate;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.SourceVersion;

/**
 * Turns values that come from a spec into Java source text that cannot change the meaning of the
 * surrounding code: numeric literals that read back to the same bits, pure-ASCII string literals,
 * and comment text that can neither end a comment nor smuggle in a unicode escape.
 */
final class JavaText {

  private JavaText() {}

  /** A double literal that javac reads back to exactly {@code value}. */
  static String doubleLiteral(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalStateException(
          "non-finite constant " + value + " cannot appear in generated code");
    }
    // Double.toString round-trips: parsing its result gives back the same double.
    return Double.toString(value);
  }

  /** A float literal that javac reads back to exactly {@code value}. */
  static String floatLiteral(float value) {
    if (!Float.isFinite(value)) {
      throw new IllegalStateException(
          "non-finite constant "
              + value
              + " cannot appear in generated code"
              + " (a value too large for float precision?)");
    }
    return Float.toString(value) + "f";
  }

  /**
   * Most bytes (modified UTF-8) of one string constant in generated code: the class-file limit is
   * 65,535, and javac rejects a longer literal.
   */
  static final int STRING_CONSTANT_BYTES = 60_000;

  /**
   * A Java expression whose value is {@code s}: a string literal, or for a string longer than one
   * class-file constant may be ({@value #STRING_CONSTANT_BYTES} bytes), {@code String.join("",
   * ...)} over literal pieces (a call, which javac does not fold back into one constant). Pieces
   * never split a surrogate pair.
   */
  static String stringLiteral(String s) {
    List<String> pieces = pieces(s);
    if (pieces.size() == 1) {
      return literal(s);
    }
    StringBuilder join = new StringBuilder("String.join(\"\"");
    for (String piece : pieces) {
      join.append(", ").append(literal(piece));
    }
    return join.append(')').toString();
  }

  /**
   * {@code s} cut into consecutive pieces of at most {@value #STRING_CONSTANT_BYTES} bytes of
   * modified UTF-8 each, never between the two halves of a surrogate pair.
   */
  static List<String> pieces(String s) {
    List<String> pieces = new ArrayList<>();
    int bytes = 0;
    int start = 0;
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      int n = modifiedUtf8Length(c);
      boolean pairStart =
          Character.isHighSurrogate(c)
              && k + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(k + 1));
      if (bytes + n + (pairStart ? 3 : 0) > STRING_CONSTANT_BYTES) {
        pieces.add(s.substring(start, k));
        start = k;
        bytes = 0;
      }
      bytes += n;
    }
    pieces.add(s.substring(start));
    return pieces;
  }

  /**
   * A string literal made only of printable ASCII. Characters below U+0100 that need escaping use
   * three-digit octal escapes (a unicode escape of a line terminator or quote would be translated
   * before the literal is even lexed); the rest use unicode escapes.
   */
  private static String literal(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        b.append(c);
      } else if (c < 0x100) {
        b.append('\\')
            .append((char) ('0' + (c >> 6)))
            .append((char) ('0' + ((c >> 3) & 7)))
            .append((char) ('0' + (c & 7)));
      } else {
        b.append(String.format("\\u%04x", (int) c));
      }
    }
    return b.append('"').toString();
  }

  /**
   * Text for a Javadoc comment: HTML-escaped, with {@code @} (block tags), {@code /} after {@code
   * *} (end of comment), backslashes (unicode escapes) and control characters written as character
   * references.
   */
  static String javadoc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '@' -> b.append("&#64;");
        case '\\' -> b.append("&#92;");
        case '/' -> b.append(k > 0 && s.charAt(k - 1) == '*' ? "&#47;" : "/");
        default -> {
          if (Character.isHighSurrogate(c)
              && k + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(k + 1))) {
            b.append(c).append(s.charAt(++k));
          } else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate(c)) {
            b.append("&#").append((int) c).append(';');
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  /**
   * Text for a {@code //} comment: control characters (javac ends a line comment at a bare CR)
   * become {@code ?}, and a backslash run followed by {@code u} is made even so that it cannot
   * start a unicode escape.
   */
  static String lineComment(String s) {
    StringBuilder b = new StringBuilder(s.length());
    int backslashes = 0;
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == 'u' && backslashes % 2 == 1) {
        b.append('\\');
      }
      backslashes = c == '\\' ? backslashes + 1 : 0;
      b.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
    }
    return b.toString();
  }

  /**
   * Whether {@code name} can be a Java class name (an identifier, not a keyword or reserved type
   * name).
   */
  static boolean isClassName(String name) {
    return SourceVersion.isIdentifier(name)
        && !SourceVersion.isKeyword(name)
        && !name.equals("var")
        && !name.equals("yield")
        && !name.equals("record")
        && !name.equals("sealed")
        && !name.equals("permits");
  }

  /** Whether {@code name} is "" (no package) or a dotted sequence of identifiers. */
  static boolean isPackageName(String name) {
    if (name.isEmpty()) {
      return true;
    }
    for (String part : name.split("\\.", -1)) {
      if (!SourceVersion.isIdentifier(part) || SourceVersion.isKeyword(part)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Bytes of {@code c} in the class file's modified UTF-8, which bounds string constants to 65535.
   */
  static int modifiedUtf8Length(char c) {
    if (c >= 0x01 && c <= 0x7f) {
      return 1;
    }
    return c <= 0x7ff ? 2 : 3;
  }

  /**
   * An ASCII identifier fragment for a name that came from a spec (other characters become '_').
   */
  static String identifierPart(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      b.append(ok ? c : '_');
    }
    return b.toString();
  }
}
