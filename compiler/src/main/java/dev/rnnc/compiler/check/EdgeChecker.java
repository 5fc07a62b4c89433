package dev.rnnc.compiler.check;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SourcePosition;
import dev.rnnc.compiler.ir.Cell;
import dev.rnnc.compiler.ir.Delay;
import dev.rnnc.compiler.ir.Matrix;
import dev.rnnc.compiler.parse.YamlMapping;
import dev.rnnc.compiler.parse.YamlNode;
import dev.rnnc.compiler.parse.YamlScalar;
import dev.rnnc.compiler.parse.YamlSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Checks the {@code edges:} list: long-form edges {@code {from, to, weight | weights, delay}} and
 * shorthand edges {@code "a -> b": weight-or-matrix}.
 */
final class EdgeChecker {

  private static final List<String> KEYS = SpecKeys.EDGE.names();
  private static final String FORMS = "an edge is {from: A, to: B, weight: W} or \"A -> B\": W";

  private final Values values;
  private final Diagnostics sink;
  private final Symbols symbols;
  private final WeightReader weights;
  private final Limits limits;

  /** The cell of every group (NONE for ordinary groups): edges into a cell carry gate rows. */
  private final Map<String, Cell> cells;

  EdgeChecker(
      Values values,
      Symbols symbols,
      WeightReader weights,
      Limits limits,
      Map<String, Cell> cells) {
    this.cells = cells;
    this.limits = limits;
    this.values = values;
    this.sink = values.sink();
    this.symbols = symbols;
    this.weights = weights;
  }

  /** Checks every edge; returns the good ones in declaration order. */
  List<EdgeDecl> check(YamlNode edges) {
    List<EdgeDecl> result = new ArrayList<>();
    Optional<YamlSequence> list = values.list(edges, "a list of edges");
    if (list.isEmpty()) {
      return result;
    }
    for (YamlNode item : list.get().items()) {
      Optional<EdgeDecl> edge;
      if (item instanceof YamlMapping m) {
        boolean longForm =
            m.entries().stream().anyMatch(e -> e.keyText() != null && KEYS.contains(e.keyText()));
        edge = longForm ? longForm(m) : shorthand(m);
      } else {
        values.wrongType(
            item,
            "an edge such as {from: a, to: b, weight: 0.5} or \"a -> b\": 0.5",
            item instanceof YamlScalar s && s.value().contains("->")
                ? "give the weight after a colon: \"" + s.value().strip() + "\": 0.5"
                : null);
        edge = Optional.empty();
      }
      edge.ifPresent(result::add);
    }
    return result;
  }

  private Optional<EdgeDecl> longForm(YamlMapping m) {
    Fields f = values.fields(m, KEYS);
    Optional<Ref> from = Optional.empty();
    Optional<Ref> to = Optional.empty();
    boolean ok = true;
    String fromText = null;
    Optional<YamlNode> fromNode =
        values.required(f, "from", m.position(), "edge", "name the source, e.g. from: x");
    if (fromNode.isPresent()) {
      YamlNode node = fromNode.get();
      Optional<String> text = values.refText(node);
      fromText = text.orElse(null);
      from = text.flatMap(t -> symbols.resolve(t, node.position(), Symbols.Role.SOURCE));
    }
    String toText = null;
    Optional<YamlNode> toNode =
        values.required(f, "to", m.position(), "edge", "name the target, e.g. to: h");
    if (toNode.isPresent()) {
      YamlNode node = toNode.get();
      Optional<String> text = values.refText(node);
      toText = text.orElse(null);
      to = text.flatMap(t -> symbols.resolve(t, node.position(), Symbols.Role.TARGET));
    }
    WeightReader.EdgeShape shape = shape(from, to, fromText, toText);
    Optional<Weights> w = Optional.empty();
    if (f.has("weight") && f.has("weights")) {
      String second =
          f.keyPosition("weight").line() > f.keyPosition("weights").line()
                  || (f.keyPosition("weight").line() == f.keyPosition("weights").line()
                      && f.keyPosition("weight").column() > f.keyPosition("weights").column())
              ? "weight"
              : "weights";
      sink.error(
          Code.BAD_VALUE,
          f.keyPosition(second),
          "give either 'weight' or 'weights', not both",
          "'weight' is a single number, 'weights' a matrix");
      ok = false;
    } else if (f.has("weight")) {
      w = scalar(f.get("weight").orElseThrow(), f.keyPosition("weight"), shape, true);
    } else if (f.has("weights")) {
      w = matrix(f.get("weights").orElseThrow(), shape, to);
    } else {
      if (!f.misspelled("weight") && !f.misspelled("weights")) {
        sink.error(
            Code.MISSING_KEY,
            m.position(),
            "edge needs 'weight' (a number) or 'weights' (a matrix)",
            "e.g. {from: a, to: b, weight: 0.5}");
      }
      ok = false;
    }
    Optional<Boolean> fromInput = fromIsInput(from, fromText);
    Optional<Delay> delay =
        f.has("delay")
            ? delay(f.get("delay").orElseThrow(), fromInput)
            : Optional.of(defaultDelay(from));
    Optional<Boolean> trainable = f.get("trainable").map(values::bool).orElse(Optional.of(true));
    if (!ok
        || from.isEmpty()
        || to.isEmpty()
        || w.isEmpty()
        || delay.isEmpty()
        || trainable.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new EdgeDecl(from.get(), to.get(), w.get(), delay.get(), m.position(), trainable.get()));
  }

  private Optional<EdgeDecl> shorthand(YamlMapping m) {
    if (m.entries().isEmpty()) {
      sink.error(Code.BAD_VALUE, m.position(), "empty edge", FORMS);
      return Optional.empty();
    }
    for (YamlMapping.Entry extra : m.entries().subList(1, m.entries().size())) {
      reportExtraEntry(extra);
    }
    YamlMapping.Entry entry = m.entries().get(0);
    String key = entry.keyText();
    if (key == null) {
      values.wrongType(entry.key(), "an edge \"a -> b\"");
      return Optional.empty();
    }
    int arrow = key.indexOf("->");
    if (arrow < 0) {
      sink.error(
          Code.UNKNOWN_KEY,
          entry.key().position(),
          "unknown key '" + key + "'",
          Suggestions.didYouMean(key, KEYS).orElse(FORMS));
      return Optional.empty();
    }
    YamlScalar keyScalar = (YamlScalar) entry.key();
    if (key.indexOf("->", arrow + 2) >= 0) {
      sink.error(
          Code.BAD_VALUE,
          entry.key().position(),
          "shorthand edge '" + key + "' has more than one '->'",
          "write one edge per list item");
      return Optional.empty();
    }
    String left = key.substring(0, arrow);
    String right = key.substring(arrow + 2);
    String fromText = left.strip();
    String toText = right.strip();
    if (fromText.isEmpty() || toText.isEmpty()) {
      sink.error(
          Code.BAD_VALUE,
          entry.key().position(),
          "shorthand edge '" + key + "' needs a source and a target",
          "e.g. \"a -> b\": 0.5");
      return Optional.empty();
    }
    SourcePosition fromAt = keyScalar.positionAt(left.indexOf(fromText));
    SourcePosition toAt = keyScalar.positionAt(arrow + 2 + right.indexOf(toText));
    Optional<Ref> from = symbols.resolve(fromText, fromAt, Symbols.Role.SOURCE);
    Optional<Ref> to = symbols.resolve(toText, toAt, Symbols.Role.TARGET);
    WeightReader.EdgeShape shape = shape(from, to, fromText, toText);
    YamlNode value = entry.value();
    Optional<Weights> w;
    if (value instanceof YamlScalar s
        && (s.type() == YamlScalar.Type.INTEGER || s.type() == YamlScalar.Type.FLOAT)) {
      w = scalar(value, value.position(), shape, false);
    } else if (value instanceof YamlSequence || value instanceof YamlMapping) {
      w = matrix(value, shape, to);
    } else if (Values.isNull(value)) {
      sink.error(
          Code.MISSING_KEY,
          value.position(),
          "shorthand edge '" + key + "' needs a weight",
          "write \"" + fromText + " -> " + toText + "\": 0.5");
      w = Optional.empty();
    } else {
      values.wrongType(
          value, "a weight (a number) or weights (nested lists, {file: ...} or {init: ...})");
      w = Optional.empty();
    }
    if (from.isEmpty() || to.isEmpty() || w.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new EdgeDecl(from.get(), to.get(), w.get(), defaultDelay(from), entry.key().position()));
  }

  private void reportExtraEntry(YamlMapping.Entry extra) {
    String key = extra.keyText();
    if (key == null) {
      values.wrongType(extra.key(), "an edge \"a -> b\"");
    } else if (key.contains("->")) {
      sink.error(
          Code.BAD_VALUE,
          extra.key().position(),
          "one shorthand edge per list item",
          "start each edge with '- '");
    } else {
      sink.error(
          Code.UNKNOWN_KEY,
          extra.key().position(),
          "unknown key '" + key + "'",
          Suggestions.didYouMean(key, KEYS).orElse(FORMS));
    }
  }

  /** Weights written under {@code weights:}: a matrix source or {@code {diagonal: X}}. */
  private Optional<Weights> matrix(YamlNode node, WeightReader.EdgeShape shape, Optional<Ref> to) {
    if (node instanceof YamlMapping m
        && m.entries().stream().anyMatch(e -> "diagonal".equals(e.keyText()))) {
      return diagonal(m, shape, to);
    }
    return weights.matrix(node, shape);
  }

  /**
   * {@code {diagonal: X}}: an elementwise edge between ports of the same size n, X a number (for
   * every element), a list of n numbers or {@code {file: ...}}; element i gets {@code X[i] * y[i]}.
   */
  private Optional<Weights> diagonal(
      YamlMapping m, WeightReader.EdgeShape shape, Optional<Ref> to) {
    Fields f = values.fields(m, SpecKeys.DIAGONAL.names());
    YamlNode value = f.get("diagonal").orElseThrow();
    if (to.isPresent() && cellOf(to.get()) != Cell.NONE) {
      sink.error(
          Code.BAD_VALUE,
          f.keyPosition("diagonal"),
          "an edge into "
              + cellOf(to.get()).specName()
              + " cell '"
              + to.get().name()
              + "' needs a full matrix of gate rows, not a diagonal",
          "give weights of shape " + shape.expected() + "; " + shape.layout());
      return Optional.empty();
    }
    if (shape.known() && shape.rows() != shape.cols()) {
      sink.error(
          Code.SHAPE_MISMATCH,
          f.keyPosition("diagonal"),
          "an elementwise edge needs ends of the same size, but '"
              + shape.from()
              + "' has size "
              + shape.cols()
              + " and '"
              + shape.to()
              + "' has size "
              + shape.rows(),
          "use a matrix of shape " + shape.expected() + " instead");
      return Optional.empty();
    }
    int n = shape.known() ? shape.rows() : -1;
    return weights
        .vector(
            value,
            n,
            "diagonal",
            shape.to(),
            "'" + shape.from() + "' and '" + shape.to() + "' have size " + n)
        .filter(d -> shape.known())
        .map(d -> new Weights.Given(d.length == 1 ? Matrix.scalar(d[0]) : Matrix.diagonal(d)));
  }

  /** The cell of the group a reference names (NONE for anything else). */
  private Cell cellOf(Ref ref) {
    return ref.kind() == Ref.Kind.GROUP ? cells.getOrDefault(ref.name(), Cell.NONE) : Cell.NONE;
  }

  private WeightReader.EdgeShape shape(
      Optional<Ref> from, Optional<Ref> to, String fromText, String toText) {
    if (to.isPresent() && cellOf(to.get()) != Cell.NONE) {
      Ref t = to.get();
      Cell cell = cellOf(t);
      int size = symbols.get(t.name()).map(Symbols.Symbol::size).orElse(-1);
      if (t.offset() != 0 || t.size() != size) {
        sink.error(
            Code.BAD_VALUE,
            t.position(),
            "an edge into "
                + cell.specName()
                + " cell '"
                + t.name()
                + "' must end at the whole group, not '"
                + t.text()
                + "'",
            "write to: " + t.name());
        return new WeightReader.EdgeShape(-1, -1, fromText, toText);
      }
      return new WeightReader.EdgeShape(
          t.size() * cell.gates(),
          from.map(Ref::size).orElse(-1),
          fromText == null ? "?" : fromText,
          toText == null ? "?" : toText);
    }
    return new WeightReader.EdgeShape(
        to.map(Ref::size).orElse(-1),
        from.map(Ref::size).orElse(-1),
        fromText == null ? "?" : fromText,
        toText == null ? "?" : toText);
  }

  /** A single number as the weight of an edge whose ends must both have size 1. */
  private Optional<Weights> scalar(
      YamlNode node, SourcePosition at, WeightReader.EdgeShape shape, boolean longForm) {
    OptionalDouble w = values.number(node);
    if (shape.known() && (shape.rows() != 1 || shape.cols() != 1)) {
      sink.error(
          Code.SHAPE_MISMATCH,
          at,
          "a single weight cannot connect '"
              + shape.from()
              + "' (size "
              + shape.cols()
              + ") to '"
              + shape.to()
              + "' (size "
              + shape.rows()
              + ")",
          (longForm ? "use 'weights:' with shape " : "give a matrix of shape ")
              + shape.expected()
              + "; "
              + shape.layout());
      return Optional.empty();
    }
    if (w.isEmpty() || !shape.known()) {
      return Optional.empty();
    }
    return Optional.of(new Weights.Given(Matrix.scalar(w.getAsDouble())));
  }

  /** Whether the source is an input: true, false, or empty if unknown. */
  private Optional<Boolean> fromIsInput(Optional<Ref> from, String fromText) {
    if (from.isPresent()) {
      return Optional.of(!from.get().isNode());
    }
    if (fromText == null) {
      return Optional.empty();
    }
    int bracket = fromText.indexOf('[');
    String name = bracket < 0 ? fromText : fromText.substring(0, bracket);
    return symbols.get(name).map(s -> s.kind().isInput());
  }

  private static Delay defaultDelay(Optional<Ref> from) {
    return from.isPresent() && !from.get().isNode() ? Delay.ZERO : Delay.AUTO;
  }

  private Optional<Delay> delay(YamlNode node, Optional<Boolean> fromInput) {
    if (node instanceof YamlScalar s && s.type() == YamlScalar.Type.STRING) {
      if (!s.value().equals("auto")) {
        sink.error(
            Code.BAD_VALUE,
            s.position(),
            "delay must be 'auto' or a number of steps, got '" + s.value() + "'",
            Suggestions.didYouMean(s.value(), List.of("auto")).orElse(null));
        return Optional.empty();
      }
      if (fromInput.orElse(false)) {
        sink.error(
            Code.BAD_VALUE,
            s.position(),
            "edges from inputs have fixed delays; 'auto' applies only to edges between"
                + " neurons and groups",
            "remove 'delay' (input edges default to 0) or give a number of steps");
        return Optional.empty();
      }
      return Optional.of(Delay.AUTO);
    }
    if (node instanceof YamlScalar s && s.type() == YamlScalar.Type.INTEGER) {
      OptionalLong steps = values.integer(node, "delay", 0, limits.maxDelay());
      return steps.isPresent()
          ? Optional.of(Delay.fixed((int) steps.getAsLong()))
          : Optional.empty();
    }
    values.wrongType(node, "'auto' or a number of steps");
    return Optional.empty();
  }
}
