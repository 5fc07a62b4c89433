package dev.rnnc.compiler.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Java source text with embedded type references: the step body is built from these rather than
 * from nested {@link CodeBlock}s, because a model with a few hundred thousand edges has millions of
 * pieces, and JavaPoet parses a format string for every {@code CodeBlock} and splits the text of
 * every argument into lines. A {@code Src} becomes one flat {@code CodeBlock} ({@code $L} for text,
 * {@code $T} for types, so that JavaPoet still writes the imports). Text must come from validated
 * identifiers, numbers and {@link JavaText}; it is emitted as is.
 */
final class Src {

  /** Strings and {@link ClassName}s; adjacent strings are merged. */
  private final List<Object> parts;

  private Src(List<Object> parts) {
    this.parts = parts;
  }

  /** Concatenates strings, classes (as type references) and other {@code Src}s. */
  static Src of(Object... items) {
    List<Object> parts = new ArrayList<>(4);
    StringBuilder text = new StringBuilder();
    for (Object item : items) {
      append(item, parts, text);
    }
    if (text.length() > 0) {
      parts.add(text.toString());
    }
    return new Src(parts);
  }

  private static void append(Object item, List<Object> parts, StringBuilder text) {
    if (item instanceof Src s) {
      for (Object p : s.parts) {
        append(p, parts, text);
      }
    } else if (item instanceof Class<?> c) {
      flush(parts, text);
      parts.add(ClassName.get(c));
    } else if (item instanceof ClassName c) {
      flush(parts, text);
      parts.add(c);
    } else {
      text.append(item);
    }
  }

  private static void flush(List<Object> parts, StringBuilder text) {
    if (text.length() > 0) {
      parts.add(text.toString());
      text.setLength(0);
    }
  }

  /** This text with every non-empty line indented by two more spaces. */
  Src indent() {
    List<Object> out = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    boolean lineStart = true;
    for (Object p : parts) {
      if (p instanceof String s) {
        for (int k = 0; k < s.length(); k++) {
          char c = s.charAt(k);
          if (lineStart && c != '\n') {
            text.append("  ");
          }
          text.append(c);
          lineStart = c == '\n';
        }
      } else {
        if (lineStart) {
          text.append("  ");
        }
        lineStart = false;
        flush(out, text);
        out.add(p);
      }
    }
    flush(out, text);
    return new Src(out);
  }

  CodeBlock toCodeBlock() {
    CodeBlock.Builder b = CodeBlock.builder();
    for (Object p : parts) {
      b.add(p instanceof ClassName ? "$T" : "$L", p);
    }
    return b.build();
  }

  /** A growing piece of source, for units made of many statements. */
  static final class Builder {
    private final List<Object> parts = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    Builder add(Object... items) {
      for (Object item : items) {
        append(item, parts, text);
      }
      return this;
    }

    Src build() {
      List<Object> all = new ArrayList<>(parts);
      if (text.length() > 0) {
        all.add(text.toString());
      }
      return new Src(all);
    }
  }
}
