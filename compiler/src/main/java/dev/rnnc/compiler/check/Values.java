package dev.rnnc.compiler.check;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SourcePosition;
import dev.rnnc.compiler.parse.YamlMapping;
import dev.rnnc.compiler.parse.YamlNode;
import dev.rnnc.compiler.parse.YamlScalar;
import dev.rnnc.compiler.parse.YamlSequence;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Typed reads of YAML values: each returns the value, or reports why it cannot (wrong type,
 * non-finite number, value out of range, unknown name) and returns empty. Values the reader already
 * reported (bad tags) come back empty without another message.
 */
final class Values {

  private final Diagnostics sink;

  Values(Diagnostics sink) {
    this.sink = sink;
  }

  Diagnostics sink() {
    return sink;
  }

  /** Reports that {@code node} is not {@code expected} (e.g. "a number"). */
  void wrongType(YamlNode node, String expected) {
    wrongType(node, expected, null);
  }

  void wrongType(YamlNode node, String expected, String hint) {
    if (isInvalid(node)) {
      return;
    }
    sink.error(
        Code.WRONG_TYPE,
        node.position(),
        "expected " + expected + ", got " + node.describe(),
        hint);
  }

  static boolean isInvalid(YamlNode node) {
    return node instanceof YamlScalar s && s.type() == YamlScalar.Type.INVALID;
  }

  static boolean isNull(YamlNode node) {
    return node instanceof YamlScalar s && s.type() == YamlScalar.Type.NULL;
  }

  Optional<YamlMapping> mapping(YamlNode node, String expected) {
    if (node instanceof YamlMapping m) {
      return Optional.of(m);
    }
    wrongType(node, expected);
    return Optional.empty();
  }

  Optional<YamlSequence> list(YamlNode node, String expected) {
    if (node instanceof YamlSequence s) {
      return Optional.of(s);
    }
    wrongType(node, expected);
    return Optional.empty();
  }

  Optional<String> string(YamlNode node) {
    if (node instanceof YamlScalar s && s.type() == YamlScalar.Type.STRING) {
      return Optional.of(s.value());
    }
    wrongType(node, "a string");
    return Optional.empty();
  }

  Optional<Boolean> bool(YamlNode node) {
    if (node instanceof YamlScalar s && s.type() == YamlScalar.Type.BOOLEAN) {
      return Optional.of(s.value().equalsIgnoreCase("true"));
    }
    wrongType(node, "true or false");
    return Optional.empty();
  }

  /** A finite number (integer or float). */
  OptionalDouble number(YamlNode node) {
    Parsed p = parseNumber(node);
    switch (p.problem()) {
      case NOT_A_NUMBER -> wrongType(node, "a number");
      case NOT_FINITE ->
          sink.error(
              Code.NON_FINITE,
              node.position(),
              "numbers must be finite, got " + ((YamlScalar) node).value(),
              "weights, biases and parameters are finite numbers");
      case TOO_LARGE ->
          sink.error(
              Code.NON_FINITE,
              node.position(),
              "number " + shorten(((YamlScalar) node).value()) + " is too large for a double",
              "the largest double is about 1.8e308");
      case NONE -> {
        return OptionalDouble.of(p.value());
      }
    }
    return OptionalDouble.empty();
  }

  /** What is wrong with a value that should be a finite number. */
  enum NumberProblem {
    NONE,
    NOT_A_NUMBER,
    NOT_FINITE,
    TOO_LARGE
  }

  /** A number read from a node, or the reason it is not one. */
  record Parsed(double value, NumberProblem problem) {}

  /** Reads a finite number without reporting anything (see {@link #number(YamlNode)}). */
  static Parsed parseNumber(YamlNode node) {
    if (!(node instanceof YamlScalar s)
        || (s.type() != YamlScalar.Type.INTEGER && s.type() != YamlScalar.Type.FLOAT)) {
      return new Parsed(0, NumberProblem.NOT_A_NUMBER);
    }
    String text = s.value();
    if (s.type() == YamlScalar.Type.FLOAT && text.contains(".") && isSpecial(text)) {
      return new Parsed(0, NumberProblem.NOT_FINITE);
    }
    double value =
        s.type() == YamlScalar.Type.INTEGER
            ? parseInteger(text).doubleValue()
            : Double.parseDouble(text);
    return Double.isInfinite(value)
        ? new Parsed(0, NumberProblem.TOO_LARGE)
        : new Parsed(value, NumberProblem.NONE);
  }

  /**
   * A finite number in {@code [min, max]}, or in {@code (min, max]} if not {@code minInclusive};
   * {@code what} names it in range messages.
   */
  OptionalDouble number(YamlNode node, String what, double min, boolean minInclusive, double max) {
    OptionalDouble v = number(node);
    if (v.isEmpty()) {
      return v;
    }
    double d = v.getAsDouble();
    if (minInclusive ? d < min : d <= min) {
      sink.error(
          Code.BAD_VALUE,
          node.position(),
          what
              + " must be "
              + (minInclusive ? "at least " : "greater than ")
              + format(min)
              + ", got "
              + ((YamlScalar) node).value());
      return OptionalDouble.empty();
    }
    if (d > max) {
      sink.error(
          Code.BAD_VALUE,
          node.position(),
          what + " must be at most " + format(max) + ", got " + ((YamlScalar) node).value());
      return OptionalDouble.empty();
    }
    return v;
  }

  /** An integer in {@code [min, max]}; {@code what} names it in range messages. */
  OptionalLong integer(YamlNode node, String what, long min, long max) {
    if (!(node instanceof YamlScalar s) || s.type() != YamlScalar.Type.INTEGER) {
      wrongType(node, "an integer");
      return OptionalLong.empty();
    }
    BigInteger value = parseInteger(s.value());
    if (value.compareTo(BigInteger.valueOf(min)) < 0) {
      sink.error(
          Code.BAD_VALUE,
          s.position(),
          what + " must be at least " + min + ", got " + shorten(s.value()));
      return OptionalLong.empty();
    }
    if (value.compareTo(BigInteger.valueOf(max)) > 0) {
      sink.error(
          Code.BAD_VALUE,
          s.position(),
          what + " must be at most " + max + ", got " + shorten(s.value()));
      return OptionalLong.empty();
    }
    return OptionalLong.of(value.longValueExact());
  }

  /**
   * The text of a reference ({@code h}, {@code h[0]}, {@code words[not good]}): a string, or a
   * plain scalar that reads as a name although YAML typed it ({@code true}, {@code null}).
   */
  Optional<String> refText(YamlNode node) {
    if (node instanceof YamlScalar s
        && (s.type() == YamlScalar.Type.STRING
            || (s.plain() && s.type() != YamlScalar.Type.INVALID && Names.isName(s.value())))) {
      return Optional.of(s.value());
    }
    wrongType(node, "a reference such as h, h[0] or words[good]");
    return Optional.empty();
  }

  /**
   * One of a fixed set of names ({@code tanh}, {@code sum}, ...), with a did-you-mean hint when the
   * name is unknown.
   */
  <E> Optional<E> choice(
      YamlNode node, String what, List<String> names, Function<String, Optional<E>> lookup) {
    if (!(node instanceof YamlScalar s) || s.type() != YamlScalar.Type.STRING) {
      wrongType(node, "one of " + String.join(", ", names));
      return Optional.empty();
    }
    Optional<E> result = lookup.apply(s.value());
    if (result.isEmpty()) {
      sink.error(
          Code.BAD_VALUE,
          s.position(),
          "unknown " + what + " '" + s.value() + "'",
          Suggestions.hint(s.value(), names));
    }
    return result;
  }

  /**
   * The entries of a mapping by key, reporting keys that are not in {@code allowed} and keys that
   * are not scalars.
   */
  Fields fields(YamlMapping mapping, List<String> allowed) {
    return fields(mapping, allowed, key -> null);
  }

  /** {@link #fields(YamlMapping, List)} with a custom hint for some unknown keys. */
  Fields fields(YamlMapping mapping, List<String> allowed, Function<String, String> specialHint) {
    Fields fields = new Fields(mapping);
    for (YamlMapping.Entry entry : mapping.entries()) {
      String key = entry.keyText();
      if (key == null) {
        wrongType(entry.key(), "a key name");
        fields.unreadableKey();
        continue;
      }
      if (!allowed.contains(key)) {
        String hint = specialHint.apply(key);
        Optional<String> suggestion = Suggestions.closest(key, allowed);
        suggestion.ifPresent(fields::suggested);
        sink.error(
            Code.UNKNOWN_KEY,
            entry.key().position(),
            "unknown key '" + key + "'",
            hint != null ? hint : Suggestions.hint(key, allowed));
        continue;
      }
      fields.put(key, entry);
    }
    return fields;
  }

  /** Reports that {@code key} is required in the mapping that starts at {@code where}. */
  /**
   * The value of a required key, or empty after reporting it missing, at {@code where}, unless its
   * absence was already explained (a misspelling or an unreadable key, see {@link
   * Fields#misspelled}).
   */
  Optional<YamlNode> required(
      Fields f, String key, SourcePosition where, String owner, String hint) {
    Optional<YamlNode> value = f.get(key);
    if (value.isEmpty() && !f.misspelled(key)) {
      missing(where, key, owner, hint);
    }
    return value;
  }

  void missing(SourcePosition where, String key, String owner, String hint) {
    sink.error(Code.MISSING_KEY, where, owner + " is missing the key '" + key + "'", hint);
  }

  /** Beyond every double and long: what integer literals with very many digits compare as. */
  private static final BigInteger HUGE = BigInteger.TEN.pow(400);

  /** Parses a core-schema integer ({@code 12}, {@code -3}, {@code 0x1F}, {@code 0o17}). */
  static BigInteger parseInteger(String text) {
    String t = text.startsWith("+") ? text.substring(1) : text;
    int digits = t.replaceFirst("^-?(0x|0o)?0*", "").length();
    if (digits > 400) {
      // Never parse megabytes of digits (quadratic); the value is out of every range anyway.
      return t.startsWith("-") ? HUGE.negate() : HUGE;
    }
    if (t.startsWith("0x")) {
      return new BigInteger(t.substring(2), 16);
    }
    if (t.startsWith("0o")) {
      return new BigInteger(t.substring(2), 8);
    }
    return new BigInteger(t);
  }

  private static boolean isSpecial(String text) {
    String t = text.toLowerCase(java.util.Locale.ROOT);
    return t.endsWith(".inf") || t.equals(".nan");
  }

  static String format(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15
        ? new BigDecimal(d).toPlainString()
        : Double.toString(d);
  }

  static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
