package dev.rnnc.compiler.check;

import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SourcePosition;
import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Aggregation;
import dev.rnnc.compiler.ir.Cell;
import dev.rnnc.compiler.ir.MathMode;
import dev.rnnc.compiler.ir.ModelHeader;
import dev.rnnc.compiler.parse.YamlMapping;
import dev.rnnc.compiler.parse.YamlNode;
import dev.rnnc.compiler.parse.YamlScalar;
import dev.rnnc.compiler.parse.YamlSequence;
import dev.rnnc.runtime.ModelInfo.Precision;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * The second phase: checks a spec's YAML tree against the language and produces the typed {@link
 * Spec}. Every problem is reported (not only the first); checks that depend on something already
 * reported as wrong are skipped, so that one mistake gives one message.
 */
public final class SpecChecker {

  /** The only language version this compiler reads. */
  public static final int LANGUAGE_VERSION = 1;

  /** Keys that an LSTM or GRU cell defines itself, so that a group with {@code cell:} rejects. */
  private static final List<String> CELL_FIXED_KEYS = SpecKeys.GROUP.key("cell").excludes();

  private static final List<String> CELLS = SpecKeys.GROUP.choices("cell");

  /** The cell of every group declared so far (NONE for ordinary groups). */
  private final Map<String, Cell> cells = new HashMap<>();

  private static final List<String> ACTIVATIONS = SpecKeys.NEURON.choices("activation");

  /** The activations that take {@code alpha}, as the checker names them: "leaky_relu and elu". */
  private static final String ALPHA_ACTIVATIONS =
      String.join(
          " and ",
          Arrays.stream(Activation.values())
              .filter(Activation::hasAlpha)
              .map(Activation::specName)
              .toList());

  private static final List<String> AGGREGATIONS = SpecKeys.NEURON.choices("aggregation");

  /** A name declared under inputs, neurons or groups. */
  private record Declaration(
      String section, String name, SourcePosition position, YamlNode value, boolean declare) {}

  private final Path source;
  private final Diagnostics sink;
  private final Values values;
  private final Symbols symbols;
  private final Set<Path> files = new TreeSet<>();
  private final WeightReader weights;
  private final Limits limits;

  /** Elements of the neurons and groups checked so far. */
  private long totalSize;

  private SpecChecker(Path source, Diagnostics sink, Limits limits, FileAccess access) {
    this.limits = limits;
    this.source = source;
    this.sink = sink;
    this.values = new Values(sink);
    this.symbols = new Symbols(sink);
    Path dir = source.getParent();
    this.weights = new WeightReader(values, dir == null ? Path.of("") : dir, files, limits, access);
  }

  /**
   * Checks the tree that {@link dev.rnnc.compiler.parse.SpecReader} read from {@code source}.
   * Returns the typed spec, or empty if {@code sink} holds any error afterwards (reported by this
   * or an earlier phase). Files the spec names are resolved against {@code source}'s directory.
   */
  public static Optional<Spec> check(YamlNode root, Path source, Diagnostics sink) {
    return check(root, source, sink, Limits.DEFAULT);
  }

  /** {@link #check(YamlNode, Path, Diagnostics)} with other limits than the language's. */
  public static Optional<Spec> check(YamlNode root, Path source, Diagnostics sink, Limits limits) {
    return check(root, source, sink, limits, FileAccess.ANY);
  }

  /**
   * {@link #check(YamlNode, Path, Diagnostics, Limits)} reading only the files {@code access}
   * allows; a file name it refuses is an error at that name.
   */
  public static Optional<Spec> check(
      YamlNode root, Path source, Diagnostics sink, Limits limits, FileAccess access) {
    return new SpecChecker(source, sink, limits, access).check(root);
  }

  private Optional<Spec> check(YamlNode root) {
    if (!(root instanceof YamlMapping top)) {
      values.wrongType(
          root, "a mapping at the top level", "a spec starts with 'rnnc: 1' and 'name: ...'");
      return Optional.empty();
    }
    Fields f = values.fields(top, SpecKeys.SPEC.names());
    version(f, top);
    Optional<String> name = className(f, top);
    Optional<String> javaPackage =
        f.getNonNull("package").map(this::javaPackage).orElse(Optional.of(""));
    Optional<Precision> precision =
        f.get("precision")
            .map(
                n ->
                    values.choice(
                        n,
                        "precision",
                        SpecKeys.SPEC.choices("precision"),
                        p ->
                            switch (p) {
                              case "double" -> Optional.of(Precision.DOUBLE);
                              case "float" -> Optional.of(Precision.FLOAT);
                              default -> Optional.empty();
                            }))
            .orElse(Optional.of(Precision.DOUBLE));
    Optional<MathMode> math =
        f.get("math")
            .map(
                n ->
                    values.choice(
                        n,
                        "math",
                        SpecKeys.SPEC.choices("math"),
                        m ->
                            switch (m) {
                              case "exact" -> Optional.of(MathMode.EXACT);
                              case "fast" -> Optional.of(MathMode.FAST);
                              default -> Optional.empty();
                            }))
            .orElse(Optional.of(MathMode.EXACT));

    List<Declaration> declarations = declarations(f);
    InputChecker inputChecker = new InputChecker(values, weights, files, symbols, limits);
    List<InputDecl> inputs =
        inputChecker.check(
            declarations.stream()
                .filter(d -> d.section().equals("inputs"))
                .map(d -> new InputChecker.Declared(d.name(), d.position(), d.value(), d.declare()))
                .toList());
    List<NodeDecl> neurons = new ArrayList<>();
    for (Declaration d : declarations) {
      if (d.section().equals("neurons")) {
        neuron(d).ifPresent(neurons::add);
      }
    }
    List<NodeDecl> groups = new ArrayList<>();
    for (Declaration d : declarations) {
      if (d.section().equals("groups")) {
        group(d).ifPresent(groups::add);
      }
    }
    List<EdgeDecl> edges =
        f.getNonNull("edges")
            .map(n -> new EdgeChecker(values, symbols, weights, limits, cells).check(n))
            .orElse(List.of());
    checkBudgets(edges);
    checkCellEdges(edges);
    List<Ref> outputs = outputs(f, top);
    Optional<List<Ref>> order = f.getNonNull("order").flatMap(n -> order(n, f));

    if (sink.hasErrors()) {
      return Optional.empty();
    }
    return Optional.of(
        new Spec(
            new ModelHeader(
                source,
                name.orElseThrow(),
                javaPackage.orElseThrow(),
                precision.orElseThrow(),
                inputChecker.window(),
                List.copyOf(files),
                math.orElseThrow()),
            inputs,
            neurons,
            groups,
            edges,
            outputs,
            order));
  }

  // ---- header ------------------------------------------------------------------------------

  private void version(Fields f, YamlMapping top) {
    Optional<YamlNode> given =
        values.required(
            f,
            "rnnc",
            top.position(),
            "spec",
            "start the spec with 'rnnc: " + LANGUAGE_VERSION + "' (the language version)");
    if (given.isEmpty()) {
      return;
    }
    YamlNode node = given.get();
    if (!(node instanceof YamlScalar s) || s.type() != YamlScalar.Type.INTEGER) {
      values.wrongType(node, "an integer", "write rnnc: " + LANGUAGE_VERSION);
      return;
    }
    BigInteger version = Values.parseInteger(s.value());
    if (!version.equals(BigInteger.valueOf(LANGUAGE_VERSION))) {
      sink.error(
          Code.UNSUPPORTED_VERSION,
          s.position(),
          "unsupported language version " + s.value(),
          "this compiler reads rnnc: " + LANGUAGE_VERSION);
    }
  }

  private Optional<String> className(Fields f, YamlMapping top) {
    Optional<YamlNode> given =
        values.required(
            f,
            "name",
            top.position(),
            "spec",
            "add name: MyModel (the name of the generated class)");
    if (given.isEmpty()) {
      return Optional.empty();
    }
    YamlNode node = given.get();
    Optional<String> name = values.string(node);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> problem = Names.classNameProblem(name.get());
    if (problem.isPresent()) {
      sink.error(
          Code.INVALID_NAME,
          node.position(),
          "invalid class name '" + name.get() + "': " + problem.get(),
          "e.g. '" + Names.suggestClassName(name.get()) + "'");
      return Optional.empty();
    }
    return name;
  }

  private Optional<String> javaPackage(YamlNode node) {
    Optional<String> pkg = values.string(node);
    if (pkg.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> problem = Names.packageProblem(pkg.get());
    if (problem.isPresent()) {
      sink.error(
          Code.INVALID_NAME,
          node.position(),
          "invalid package name '" + pkg.get() + "': " + problem.get(),
          "e.g. com.example.models");
      return Optional.empty();
    }
    return pkg;
  }

  // ---- declarations ------------------------------------------------------------------------

  /**
   * Every name declared under inputs, neurons and groups, in section order. A name that is not a
   * valid identifier, or that repeats an earlier one (in file order, across sections), is reported
   * and not declared.
   */
  private List<Declaration> declarations(Fields f) {
    List<Declaration> result = new ArrayList<>();
    for (String section : List.of("inputs", "neurons", "groups")) {
      Optional<YamlNode> node = f.getNonNull(section);
      if (node.isEmpty()) {
        continue;
      }
      Optional<YamlMapping> m = values.mapping(node.get(), "a mapping of names to " + section);
      if (m.isEmpty()) {
        continue;
      }
      for (YamlMapping.Entry entry : m.get().entries()) {
        String name = entry.keyText();
        if (name == null) {
          values.wrongType(entry.key(), "a name");
          continue;
        }
        boolean valid = Names.isName(name);
        if (!valid) {
          symbols.declareInvalid(name);
          sink.error(
              Code.INVALID_NAME,
              entry.key().position(),
              "invalid name '" + Values.shorten(name) + "'",
              Names.nameHint(name));
        }
        result.add(new Declaration(section, name, entry.key().position(), entry.value(), valid));
      }
    }
    List<Declaration> byPosition = new ArrayList<>(result);
    byPosition.sort(
        Comparator.comparingInt((Declaration d) -> d.position().line())
            .thenComparingInt(d -> d.position().column()));
    Map<String, Declaration> first = new HashMap<>();
    Set<Declaration> repeats = new HashSet<>();
    for (Declaration d : byPosition) {
      if (!d.declare()) {
        continue;
      }
      Declaration earlier = first.putIfAbsent(d.name(), d);
      if (earlier != null) {
        sink.error(
            Code.DUPLICATE_NAME,
            d.position(),
            "duplicate name '" + d.name() + "'",
            "'"
                + d.name()
                + "' is already declared under "
                + earlier.section()
                + " at line "
                + earlier.position().line());
        repeats.add(d);
      }
    }
    return result.stream()
        .map(
            d ->
                repeats.contains(d)
                    ? new Declaration(d.section(), d.name(), d.position(), d.value(), false)
                    : d)
        .toList();
  }

  private Optional<NodeDecl> neuron(Declaration d) {
    totalSize++;
    if (d.declare()) {
      symbols.declare(
          new Symbols.Symbol(d.name(), Symbols.Kind.NEURON, 1, null, false, d.position()));
    }
    if (Values.isNull(d.value())) {
      return Optional.of(
          new NodeDecl(
              d.name(),
              false,
              1,
              Activation.IDENTITY,
              0.0,
              Aggregation.SUM,
              new double[] {0.0},
              1.0,
              new double[] {0.0},
              d.position()));
    }
    Optional<YamlMapping> m = values.mapping(d.value(), "a mapping such as {activation: tanh}");
    if (m.isEmpty()) {
      return Optional.empty();
    }
    Fields f =
        values.fields(
            m.get(),
            SpecKeys.NEURON.names(),
            key ->
                key.equals("size") ? "a neuron has size 1; declare vectors under 'groups:'" : null);
    Common c = common(f);
    OptionalDouble bias = f.get("bias").map(values::number).orElse(OptionalDouble.of(0));
    OptionalDouble initial = f.get("initial").map(values::number).orElse(OptionalDouble.of(0));
    OptionalDouble leak = leak(f);
    if (!c.ok() || bias.isEmpty() || initial.isEmpty() || leak.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new NodeDecl(
            d.name(),
            false,
            1,
            c.activation(),
            c.alpha(),
            c.aggregation(),
            new double[] {bias.getAsDouble()},
            c.gain(),
            new double[] {initial.getAsDouble()},
            d.position(),
            c.trainable(),
            leak.getAsDouble(),
            Cell.NONE,
            new double[0]));
  }

  /** {@code leak: a}, a rate in (0, 1]; 1 (no leak) when absent. */
  private OptionalDouble leak(Fields f) {
    return f.get("leak")
        .map(n -> values.number(n, "leak", 0, false, 1))
        .orElse(OptionalDouble.of(1));
  }

  private Optional<NodeDecl> group(Declaration d) {
    if (Values.isNull(d.value())) {
      values.missing(
          d.position(),
          "size",
          "group '" + d.name() + "'",
          "declare the number of elements, e.g. {size: 8}");
      declareGroup(d, -1);
      return Optional.empty();
    }
    Optional<YamlMapping> m = values.mapping(d.value(), "a mapping such as {size: 8}");
    if (m.isEmpty()) {
      declareGroup(d, -1);
      return Optional.empty();
    }
    Fields f = values.fields(m.get(), SpecKeys.GROUP.names());
    OptionalLong size =
        values
            .required(
                f,
                "size",
                d.position(),
                "group '" + d.name() + "'",
                "declare the number of elements, e.g. size: 8")
            .map(n -> values.integer(n, "group size", 1, limits.maxSize()))
            .orElse(OptionalLong.empty());
    int n =
        size.isPresent() && !exceedsTotalSize(size.getAsLong(), f.get("size").orElseThrow())
            ? (int) size.getAsLong()
            : -1;
    Optional<Cell> cell =
        f.get("cell")
            .map(v -> values.choice(v, "cell", CELLS, Cell::fromSpecName))
            .orElse(Optional.of(Cell.NONE));
    declareGroup(d, n);
    cells.put(d.name(), cell.orElse(Cell.NONE));
    boolean cellOk = cell.isPresent();
    if (cell.isPresent() && cell.get() != Cell.NONE) {
      for (String key : CELL_FIXED_KEYS) {
        if (f.has(key)) {
          sink.error(
              Code.BAD_VALUE,
              f.keyPosition(key),
              "'" + key + "' does not apply to an " + cell.get().specName() + " cell",
              "a cell computes its gates with sigmoid and tanh, as PyTorch's nn."
                  + cell.get().name());
          cellOk = false;
        }
      }
    } else if (f.has("recurrent_bias")) {
      sink.error(
          Code.BAD_VALUE,
          f.keyPosition("recurrent_bias"),
          "'recurrent_bias' applies only to a group with 'cell: lstm' or 'cell: gru'",
          "an ordinary group has one bias: use 'bias'");
      cellOk = false;
    }
    int gates = cell.orElse(Cell.NONE).gates();
    int rows = n < 1 ? n : n * gates;
    String expected =
        gates == 1
            ? "group '" + d.name() + "' has size " + n
            : cell.get().specName()
                + " cell '"
                + d.name()
                + "' needs "
                + rows
                + " ("
                + gates
                + " gates x size "
                + n
                + ", in PyTorch's order "
                + String.join(", ", cell.get().gateNames().split(""))
                + ")";
    Common c = common(f);
    Optional<double[]> bias =
        f.get("bias")
            .map(v -> weights.vector(v, rows, "bias", d.name(), expected))
            .orElseGet(() -> n < 1 ? Optional.empty() : Optional.of(new double[rows]));
    Optional<double[]> recurrentBias =
        gates == 1
            ? Optional.of(new double[0])
            : f.get("recurrent_bias")
                .map(v -> weights.vector(v, rows, "recurrent_bias", d.name(), expected))
                .orElseGet(() -> n < 1 ? Optional.empty() : Optional.of(new double[rows]));
    Optional<double[]> initial =
        f.get("initial")
            .map(v -> weights.vector(v, n, "initial", d.name()))
            .orElseGet(() -> n < 1 ? Optional.empty() : Optional.of(new double[n]));
    OptionalDouble leak = leak(f);
    if (n < 1
        || !c.ok()
        || !cellOk
        || bias.isEmpty()
        || recurrentBias.isEmpty()
        || initial.isEmpty()
        || leak.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new NodeDecl(
            d.name(),
            true,
            n,
            c.activation(),
            c.alpha(),
            c.aggregation(),
            bias.get(),
            c.gain(),
            initial.get(),
            d.position(),
            c.trainable(),
            leak.getAsDouble(),
            cell.get(),
            recurrentBias.get()));
  }

  private void declareGroup(Declaration d, int size) {
    if (d.declare()) {
      symbols.declare(
          new Symbols.Symbol(d.name(), Symbols.Kind.GROUP, size, null, false, d.position()));
    }
  }

  /** What neurons and groups share: activation, alpha, gain, aggregation, trainable. */
  private record Common(
      boolean ok,
      Activation activation,
      double alpha,
      double gain,
      Aggregation aggregation,
      boolean trainable) {}

  private Common common(Fields f) {
    Optional<Activation> activation =
        f.get("activation")
            .map(n -> values.choice(n, "activation", ACTIVATIONS, Activation::fromSpecName))
            .orElse(Optional.of(Activation.IDENTITY));
    OptionalDouble alpha = OptionalDouble.empty();
    boolean ok = activation.isPresent();
    if (f.has("alpha")) {
      alpha = values.number(f.get("alpha").orElseThrow());
      ok &= alpha.isPresent();
      if (activation.isPresent() && !activation.get().hasAlpha()) {
        sink.error(
            Code.BAD_VALUE,
            f.keyPosition("alpha"),
            "'alpha' applies only to " + ALPHA_ACTIVATIONS + ", not " + activation.get().specName(),
            null);
        ok = false;
      }
    }
    OptionalDouble gain = f.get("gain").map(values::number).orElse(OptionalDouble.of(1));
    Optional<Aggregation> aggregation =
        f.get("aggregation")
            .map(n -> values.choice(n, "aggregation", AGGREGATIONS, Aggregation::fromSpecName))
            .orElse(Optional.of(Aggregation.SUM));
    Optional<Boolean> trainable = f.get("trainable").map(values::bool).orElse(Optional.of(true));
    ok &= gain.isPresent() && aggregation.isPresent() && trainable.isPresent();
    if (!ok) {
      return new Common(false, Activation.IDENTITY, 0, 1, Aggregation.SUM, true);
    }
    return new Common(
        true,
        activation.get(),
        alpha.isPresent() ? alpha.getAsDouble() : activation.get().defaultAlpha(),
        gain.getAsDouble(),
        aggregation.get(),
        trainable.get());
  }

  // ---- resource limits ---------------------------------------------------------------------

  /**
   * Adds a group's elements to the model's total. Returns true (after reporting) if that crosses
   * {@link Limits#maxTotalSize()}; the group is then treated as broken.
   */
  private boolean exceedsTotalSize(long size, YamlNode at) {
    totalSize += size;
    if (totalSize - size <= limits.maxTotalSize() && totalSize > limits.maxTotalSize()) {
      sink.error(
          Code.TOO_LARGE,
          at.position(),
          "neurons and groups have more than " + limits.maxTotalSize() + " elements in all",
          "a model is limited to what one evaluator can hold");
      return true;
    }
    return totalSize > limits.maxTotalSize();
  }

  /**
   * Keeps the weights and the values kept from earlier steps within what one evaluator can hold.
   * History is counted per source as the evaluator stores it (its whole size times its longest
   * delay), with {@code auto} edges as one step since the order is not known yet.
   */
  private void checkBudgets(List<EdgeDecl> edges) {
    long weightCount = 0;
    long kept = 0;
    Map<String, Integer> history = new HashMap<>();
    boolean weightsReported = false;
    boolean historyReported = false;
    for (EdgeDecl e : edges) {
      weightCount += e.weights().stored();
      if (weightCount > limits.maxTotalWeights() && !weightsReported) {
        sink.error(
            Code.TOO_LARGE,
            e.position(),
            "edges have more than " + limits.maxTotalWeights() + " weights in all",
            "a model is limited to what one evaluator can hold");
        weightsReported = true;
      }
      String source = (e.from().isNode() ? "node " : "input ") + e.from().name();
      int steps = e.delay().auto() ? 1 : e.delay().steps();
      int before = history.getOrDefault(source, 0);
      if (steps > before) {
        int sourceSize = symbols.get(e.from().name()).map(Symbols.Symbol::size).orElse(1);
        kept += (long) (steps - before) * sourceSize;
        history.put(source, steps);
        if (kept > limits.maxHistory() && !historyReported) {
          sink.error(
              Code.TOO_LARGE,
              e.position(),
              "the model would keep more than "
                  + limits.maxHistory()
                  + " values from earlier steps",
              "shorten the delays of edges from large groups and inputs");
          historyReported = true;
        }
      }
    }
  }

  /**
   * A cell's edge from itself is its recurrent edge: it reads h(t-1), so its delay is {@code auto}
   * or 1, and there is at most one.
   */
  private void checkCellEdges(List<EdgeDecl> edges) {
    Map<String, EdgeDecl> recurrent = new HashMap<>();
    for (EdgeDecl e : edges) {
      Cell cell = cells.getOrDefault(e.to().name(), Cell.NONE);
      if (cell == Cell.NONE
          || !e.from().name().equals(e.to().name())
          || e.from().size() != e.to().size()) {
        continue;
      }
      if (!e.delay().auto() && e.delay().steps() != 1) {
        sink.error(
            Code.BAD_VALUE,
            e.position(),
            "the recurrent edge of "
                + cell.specName()
                + " cell '"
                + e.to().name()
                + "' reads h(t-1): its delay is 1, not "
                + e.delay().steps(),
            "remove 'delay' (auto makes it 1)");
      }
      EdgeDecl first = recurrent.putIfAbsent(e.to().name(), e);
      if (first != null) {
        sink.error(
            Code.BAD_VALUE,
            e.position(),
            cell.specName() + " cell '" + e.to().name() + "' has a second recurrent edge",
            "the first is at line "
                + first.position().line()
                + "; a cell has one weight_hh matrix");
      }
    }
  }

  // ---- outputs and order -------------------------------------------------------------------

  private List<Ref> outputs(Fields f, YamlMapping top) {
    Optional<YamlNode> given =
        values.required(
            f,
            "outputs",
            top.position(),
            "spec",
            "list what the model outputs, e.g. outputs: [out]");
    if (given.isEmpty()) {
      return List.of();
    }
    YamlNode node = given.get();
    if (Values.isNull(node) || (node instanceof YamlSequence s && s.items().isEmpty())) {
      sink.error(
          Code.BAD_VALUE,
          Values.isNull(node) ? f.keyPosition("outputs") : node.position(),
          "outputs must list at least one neuron or group",
          "e.g. outputs: [out]");
      return List.of();
    }
    if (!(node instanceof YamlSequence list)) {
      values.wrongType(node, "a list of neurons and groups", listHint(node));
      return List.of();
    }
    List<Ref> result = new ArrayList<>();
    Map<String, List<Ref>> byName = new LinkedHashMap<>();
    for (YamlNode item : list.items()) {
      Optional<Ref> ref =
          values
              .refText(item)
              .flatMap(t -> symbols.resolve(t, item.position(), Symbols.Role.OUTPUT));
      if (ref.isEmpty()) {
        continue;
      }
      Ref r = ref.get();
      List<Ref> same = byName.computeIfAbsent(r.name(), k -> new ArrayList<>());
      Optional<Ref> overlap =
          same.stream()
              .filter(o -> o.offset() < r.offset() + r.size() && r.offset() < o.offset() + o.size())
              .findFirst();
      if (overlap.isPresent()) {
        sink.error(
            Code.DUPLICATE_OUTPUT,
            item.position(),
            overlap.get().text().equals(r.text())
                ? "output '" + r.text() + "' is listed twice"
                : "output '" + r.text() + "' repeats part of '" + overlap.get().text() + "'",
            "each output column appears once");
        continue;
      }
      if (r.kind() == Ref.Kind.NEURON && r.name().equals(STEP_COLUMN)) {
        sink.error(
            Code.DUPLICATE_OUTPUT,
            item.position(),
            "output '"
                + STEP_COLUMN
                + "' would share its name with the step column that rnnc run"
                + " prints first",
            "rename the neuron, e.g. to step_out");
        continue;
      }
      same.add(r);
      result.add(r);
    }
    return result;
  }

  /** The first column of {@code rnnc run}'s CSV. */
  private static final String STEP_COLUMN = "step";

  private static String listHint(YamlNode node) {
    return node instanceof YamlScalar s && s.type() == YamlScalar.Type.STRING
        ? "write a list: [" + s.value() + "]"
        : null;
  }

  private Optional<List<Ref>> order(YamlNode node, Fields f) {
    if (!(node instanceof YamlSequence list)) {
      values.wrongType(node, "a list of neuron and group names", listHint(node));
      return Optional.empty();
    }
    List<Ref> result = new ArrayList<>();
    Map<String, SourcePosition> seen = new HashMap<>();
    Set<String> accounted = new HashSet<>();
    for (YamlNode item : list.items()) {
      Optional<String> text = values.refText(item);
      if (text.isEmpty()) {
        continue;
      }
      Optional<Ref> ref = symbols.resolve(text.get(), item.position(), Symbols.Role.ORDER);
      String name = text.get();
      if (ref.isEmpty()) {
        // Whatever this entry meant (a typo, an element), do not also report it as missing.
        int bracket = name.indexOf('[');
        String base = bracket < 0 ? name : name.substring(0, bracket);
        accounted.add(base);
        Suggestions.closest(base, symbols.nodeNames()).ifPresent(accounted::add);
        continue;
      }
      SourcePosition first = seen.putIfAbsent(name, item.position());
      if (first != null) {
        sink.error(
            Code.ORDER_DUPLICATE,
            item.position(),
            "'" + name + "' is listed twice in order",
            "first listed at line " + first.line() + ", column " + first.column());
        continue;
      }
      result.add(ref.get());
    }
    List<String> missing = new ArrayList<>();
    for (String n : symbols.nodeNames()) {
      if (!seen.containsKey(n) && !accounted.contains(n)) {
        missing.add("'" + n + "'");
      }
    }
    if (!missing.isEmpty()) {
      sink.error(
          Code.ORDER_INCOMPLETE,
          f.keyPosition("order"),
          "order is missing " + String.join(", ", missing),
          "order must list every neuron and group exactly once");
    }
    return Optional.of(result);
  }
}
