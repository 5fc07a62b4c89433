package dev.rnnc.compiler.check;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SourcePosition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The names a spec declares (inputs, neurons, groups) and the resolution of references to them. */
final class Symbols {

  /** What a name declares. */
  enum Kind {
    NEURON("neuron"),
    GROUP("group"),
    VECTOR_INPUT("vector input"),
    TOKENS_INPUT("tokens input");

    final String label;

    Kind(String label) {
      this.label = label;
    }

    boolean isInput() {
      return this == VECTOR_INPUT || this == TOKENS_INPUT;
    }
  }

  /**
   * A declared name.
   *
   * @param size the number of elements, or -1 if the declaration is broken (already reported)
   * @param vocabulary for a tokens input, its terms (lowercased if {@code lowercase}); null if
   *     broken
   */
  record Symbol(
      String name,
      Kind kind,
      int size,
      List<String> vocabulary,
      boolean lowercase,
      SourcePosition position) {

    boolean known() {
      return size >= 1 && (kind != Kind.TOKENS_INPUT || vocabulary != null);
    }
  }

  /** Where a reference appears, which decides what it may name. */
  enum Role {
    /** The source of an edge: anything. */
    SOURCE,
    /** The target of an edge: a neuron, a group or a group element. */
    TARGET,
    /** An entry of {@code outputs}: a neuron, a group or a group element. */
    OUTPUT,
    /** An entry of {@code order}: a whole neuron or group. */
    ORDER
  }

  private static final Pattern REF =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\[(.*)\\])?", Pattern.DOTALL);
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  private final Diagnostics sink;
  private final Map<String, Symbol> symbols = new LinkedHashMap<>();
  private final Map<String, Map<String, Integer>> termIndex = new HashMap<>();
  private final Set<String> invalidNames = new HashSet<>();

  Symbols(Diagnostics sink) {
    this.sink = sink;
  }

  void declare(Symbol symbol) {
    symbols.putIfAbsent(symbol.name(), symbol);
  }

  /**
   * Records a declared name that is not a valid identifier (already reported), so that references
   * to it are not reported again.
   */
  void declareInvalid(String name) {
    invalidNames.add(name);
  }

  Optional<Symbol> get(String name) {
    return Optional.ofNullable(symbols.get(name));
  }

  /** Names of the declared neurons and groups, in declaration order (neurons first). */
  List<String> nodeNames() {
    List<String> names = new ArrayList<>();
    for (Kind kind : List.of(Kind.NEURON, Kind.GROUP)) {
      for (Symbol s : symbols.values()) {
        if (s.kind() == kind) {
          names.add(s.name());
        }
      }
    }
    return names;
  }

  private List<String> allNames() {
    return List.copyOf(symbols.keySet());
  }

  /**
   * Resolves a reference written as {@code text} at {@code at}. Reports what is wrong and returns
   * empty; also returns empty, silently, for references to declarations that are themselves broken
   * (their problem was reported where they are declared).
   */
  Optional<Ref> resolve(String text, SourcePosition at, Role role) {
    int bracket = text.indexOf('[');
    if (invalidNames.contains(bracket < 0 ? text : text.substring(0, bracket))) {
      return Optional.empty();
    }
    Matcher m = REF.matcher(text);
    if (!m.matches()) {
      sink.error(
          Code.BAD_REFERENCE,
          at,
          "malformed reference '" + text + "'",
          "write a name, name[index] or name[term], e.g. h, h[0], words[good]");
      return Optional.empty();
    }
    String name = m.group(1);
    String selector = m.group(2);
    Symbol symbol = symbols.get(name);
    if (symbol == null) {
      boolean anything = role == Role.SOURCE;
      List<String> candidates = anything ? allNames() : nodeNames();
      sink.error(
          Code.UNKNOWN_REFERENCE,
          at,
          "unknown "
              + (anything ? "neuron, group or input" : "neuron or group")
              + " '"
              + name
              + "'",
          Suggestions.didYouMean(name, candidates).orElse(null));
      return Optional.empty();
    }
    if (symbol.kind().isInput() && role != Role.SOURCE) {
      String what =
          switch (role) {
            case TARGET -> "an edge must end at a neuron or group";
            case OUTPUT -> "outputs are neurons or groups";
            default -> "order lists neurons and groups";
          };
      sink.error(Code.BAD_REFERENCE, at, "'" + name + "' is an input; " + what, null);
      return Optional.empty();
    }
    Ref.Kind kind =
        switch (symbol.kind()) {
          case NEURON -> Ref.Kind.NEURON;
          case GROUP -> Ref.Kind.GROUP;
          default -> Ref.Kind.INPUT;
        };
    if (selector == null) {
      return symbol.known()
          ? Optional.of(new Ref(name, kind, 0, symbol.size(), text, at))
          : Optional.empty();
    }
    if (role == Role.ORDER) {
      sink.error(
          Code.BAD_REFERENCE,
          at,
          "order lists whole neurons and groups, not elements",
          "write '" + name + "'");
      return Optional.empty();
    }
    return switch (symbol.kind()) {
      case NEURON -> {
        sink.error(
            Code.BAD_REFERENCE,
            at,
            "'" + name + "' is a neuron and has no elements",
            "write '" + name + "'");
        yield Optional.empty();
      }
      case GROUP, VECTOR_INPUT -> element(symbol, kind, selector, text, at);
      case TOKENS_INPUT -> term(symbol, selector, text, at);
    };
  }

  private Optional<Ref> element(
      Symbol symbol, Ref.Kind kind, String selector, String text, SourcePosition at) {
    String what = symbol.kind().label + " '" + symbol.name() + "'";
    if (!DIGITS.matcher(selector).matches()) {
      sink.error(
          Code.BAD_REFERENCE,
          at,
          "'" + selector + "' is not an element index of " + what,
          "select an element with an index, e.g. " + symbol.name() + "[0]");
      return Optional.empty();
    }
    String digits = selector.replaceFirst("^0+(?=.)", "");
    if (!digits.equals(selector)) {
      sink.error(
          Code.BAD_REFERENCE,
          at,
          "index '" + selector + "' has a leading zero",
          "write '" + symbol.name() + "[" + digits + "]'");
      return Optional.empty();
    }
    if (!symbol.known()) {
      return Optional.empty();
    }
    if (digits.length() > 9 || Integer.parseInt(digits) >= symbol.size()) {
      sink.error(
          Code.BAD_REFERENCE,
          at,
          "index " + digits + " is out of range for " + what + " of size " + symbol.size(),
          "indices run from 0 to " + (symbol.size() - 1));
      return Optional.empty();
    }
    return Optional.of(new Ref(symbol.name(), kind, Integer.parseInt(digits), 1, text, at));
  }

  private Optional<Ref> term(Symbol symbol, String selector, String text, SourcePosition at) {
    if (!symbol.known()) {
      return Optional.empty();
    }
    String term = symbol.lowercase() ? selector.toLowerCase(Locale.ROOT) : selector;
    Map<String, Integer> index =
        termIndex.computeIfAbsent(
            symbol.name(),
            name -> {
              Map<String, Integer> map = new HashMap<>();
              List<String> vocabulary = symbol.vocabulary();
              for (int i = 0; i < vocabulary.size(); i++) {
                map.putIfAbsent(vocabulary.get(i), i);
              }
              return map;
            });
    Integer i = index.get(term);
    if (i == null) {
      sink.error(
          Code.UNKNOWN_REFERENCE,
          at,
          "'" + selector + "' is not in the vocabulary of '" + symbol.name() + "'",
          Suggestions.didYouMean(term, symbol.vocabulary()).orElse(null));
      return Optional.empty();
    }
    return Optional.of(new Ref(symbol.name(), Ref.Kind.INPUT, i, 1, text, at));
  }
}
