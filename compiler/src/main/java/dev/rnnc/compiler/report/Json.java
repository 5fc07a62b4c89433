package dev.rnnc.compiler.report;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON writer for rnnc's machine-readable output (strings, numbers, booleans, null, lists
 * and maps, maps in their iteration order: use LinkedHashMap). Non-finite doubles are written as
 * null.
 */
public final class Json {

  private Json() {}

  /** {@code value} on one line, without spaces. */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb, -1, 0);
    return sb.toString();
  }

  /**
   * {@code value} indented by two spaces per level, one member or item per line (lists of scalars
   * stay on one line), ending with a newline: the form of files people read and diff.
   */
  public static String pretty(Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb, 2, 0);
    return sb.append('\n').toString();
  }

  private static void write(Object value, StringBuilder sb, int indent, int level) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String s) {
      quote(s, sb);
    } else if (value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof BigInteger
        || value instanceof BigDecimal) {
      sb.append(value);
    } else if (value instanceof Double d) {
      sb.append(Double.isFinite(d) ? d.toString() : "null");
    } else if (value instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        newline(sb, indent, level + 1);
        quote(String.valueOf(e.getKey()), sb);
        sb.append(indent < 0 ? ":" : ": ");
        write(e.getValue(), sb, indent, level + 1);
      }
      newline(sb, indent, level);
      sb.append('}');
    } else if (value instanceof List<?> l) {
      boolean flat = l.stream().noneMatch(v -> v instanceof Map<?, ?> || v instanceof List<?>);
      int itemIndent = flat ? -1 : indent;
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(flat && indent >= 0 ? ", " : ",");
        }
        newline(sb, itemIndent, level + 1);
        write(l.get(i), sb, indent, level + 1);
      }
      if (!l.isEmpty()) {
        newline(sb, itemIndent, level);
      }
      sb.append(']');
    } else {
      throw new IllegalArgumentException("not JSON-serializable: " + value.getClass());
    }
  }

  private static void newline(StringBuilder sb, int indent, int level) {
    if (indent >= 0) {
      sb.append('\n').append(" ".repeat(indent * level));
    }
  }

  private static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
