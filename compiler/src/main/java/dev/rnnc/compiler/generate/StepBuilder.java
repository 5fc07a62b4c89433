package dev.rnnc.compiler.generate;

import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Aggregation;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.MathMode;
import dev.rnnc.compiler.ir.Node;
import dev.rnnc.compiler.ir.Port;
import dev.rnnc.runtime.Activations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Writes the body of {@code step()} as a sequence of {@link Unit}s: node computations in the
 * schedule's order, then the outputs, then the state update. Each unit carries an estimate of its
 * bytecode size so that {@link EvaluatorWriter} can split the body into methods under HotSpot's
 * 8000-byte JIT limit.
 *
 * <p>Every formula follows the contract literally, operation by operation, so that results are
 * bit-identical to the interpreter: a sum starts at 0 and adds each product {@code w * y} in edge
 * declaration order (a matrix edge's products in increasing column), other aggregations compute
 * each edge's term the same way and then combine the terms in edge order, and the node value is
 * {@code act(bias + gain * agg)}. Nothing is skipped or reassociated: not zero weights (0 * inf is
 * NaN), not {@code 0.0 +} (it turns -0.0 into 0.0). The only rewrites are exact ones: {@code 1 *
 * x} is written {@code x}, and a matrix-vector product is computed column by column, which adds
 * the same products to each row's accumulator in the same order as the row-by-row dot product.
 *
 * <p>Storage: in a small model (one method) a neuron's value is a local variable of {@code step};
 * otherwise it lives in the {@code values} array. Groups always live in their own array field. The
 * state array holds exactly the canonical layout of {@link dev.rnnc.compiler.schedule.Schedule#stateSize()}:
 * a read with delay d is {@code state[base + (d - 1) * size + i]}, and after the outputs are
 * written every history is shifted by one block and the newest values copied into block 0.
 */
final class StepBuilder {

  /** A piece of the step body with its estimated bytecode size and the index pages it uses. */
  record Unit(Src code, int cost, List<Integer> pages) {
    Unit {
      pages = List.copyOf(pages);
    }
  }

  /** An expression with its estimated bytecode size; atomic ones need no parentheses. */
  private record Expr(Src code, int cost, boolean atomic) {

    static Expr of(int cost, boolean atomic, Object... parts) {
      return new Expr(Src.of(parts), cost, atomic);
    }

    /** This expression, parenthesized unless atomic. */
    Src paren() {
      return atomic ? code : Src.of("(", code, ")");
    }
  }

  /** A contiguous array region a loop can read: {@code array[base + j]}. */
  private record Source(String array, int base, boolean feature) {}

  /** Columns of a matrix added per pass over the accumulators (see {@link #matrixProduct}). */
  static final int COLUMN_BLOCK = 4;

  /** Row edges with at most this many columns are written out term by term. */
  static final int INLINE_COLUMNS = 8;

  /** Indices at or above this would each need a constant-pool entry; they go through page locals. */
  static final int PAGE_SIZE = 32768;

  private static final int SINGLE_EXPRESSION_ITEMS = 4;
  private static final int LOOP_COST = 60;
  /** Longest {@code ActivationScratch} of tanh over a group: longer groups go in pieces. */
  private static final int TANH_SCRATCH_MAX = 1024;
  /** Smallest group whose tanh runs over its array (below, the passes cost more than they save). */
  private static final int ARRAY_TANH_MIN = 4;

  private final Layout layout;
  private final Graph graph;
  private final Symbols sym;
  private final boolean locals;
  private final boolean literals;
  private final boolean standalone;
  private final boolean isFloat;
  private final NumberList weights;
  private final int[] edgeOffset;
  private final String[] columns;
  private final String[] biases;
  private final int[] valueSlot;
  private final int unitBudget;

  private final List<Unit> units = new ArrayList<>();
  private final TreeSet<Integer> unitPages = new TreeSet<>();
  /** Distinct literal constants written into code (for the constant-pool budget). */
  private final Set<Long> literalBits = new HashSet<>();
  private final Set<Activation> activations = EnumSet.noneOf(Activation.class);
  private final Set<Activation> fastActivations = EnumSet.noneOf(Activation.class);
  private boolean usesDot;
  private boolean usesDotOnFeatures;
  private boolean usesMaxabs;
  private boolean usesAccumulatorField;
  private int termSize;
  private int tanhScratchSize;

  /**
   * @param locals keep neuron values in locals of {@code step} (only when the body fits one method)
   * @param literals write scalar weights, biases and gains as literals; otherwise they are appended
   *     to {@code weights} (keeping the constant pool small in large models)
   * @param weights the packed weight array, already holding the single-row matrices at {@code
   *     edgeOffset}; scalar constants are appended to it
   * @param biases per group whose elements have different biases, the name of its bias array;
   *     null for other nodes
   * @param columns per edge into several elements, the name of its array of weight columns
   *     ({@code columns[j][i]} = weight (i, j)); null for other edges
   * @param valueSlot per node, its index in {@code values} (neurons only, when not {@code locals})
   * @param unitBudget a neuron estimated larger than this spreads over several units
   */
  StepBuilder(
      Layout layout,
      Symbols sym,
      boolean locals,
      boolean literals,
      boolean standalone,
      NumberList weights,
      int[] edgeOffset,
      String[] columns,
      String[] biases,
      int[] valueSlot,
      int unitBudget) {
    this.unitBudget = unitBudget;
    this.layout = layout;
    this.graph = layout.graph;
    this.sym = sym;
    this.locals = locals;
    this.literals = literals;
    this.standalone = standalone;
    this.isFloat = layout.isFloat;
    this.weights = weights;
    this.edgeOffset = edgeOffset;
    this.columns = columns;
    this.biases = biases;
    this.valueSlot = valueSlot;
  }

  /**
   * The number of distinct literals that writing every scalar constant as a literal would put in
   * the constant pool: what {@link #constant} and {@link #activate} would record, counted before
   * building anything.
   */
  static int literalCount(Layout layout) {
    Set<Long> bits = new HashSet<>();
    for (Edge e : layout.graph.edges()) {
      if (inlined(e)) {
        for (double w : e.weights().data()) {
          addLiteral(bits, w, layout.isFloat);
        }
      }
    }
    for (Node n : layout.graph.nodes()) {
      if (!n.group() || uniformBias(n, layout.isFloat)) {
        addLiteral(bits, n.bias()[0], layout.isFloat);
      }
      addLiteral(bits, n.gain(), layout.isFloat);
      if (n.activation().hasAlpha()) {
        addLiteral(bits, n.alpha(), false);
      }
    }
    return bits.size();
  }

  private static void addLiteral(Set<Long> bits, double value, boolean isFloat) {
    double stored = isFloat ? (double) (float) value : value;
    if (Double.doubleToRawLongBits(stored) != 0L && stored != 1.0) {
      bits.add(Double.doubleToRawLongBits(stored));
    }
  }

  /** Whether every element of {@code n} has the same bias (as stored): then it is one constant. */
  static boolean uniformBias(Node n, boolean isFloat) {
    double[] b = n.bias();
    for (double v : b) {
      double x = isFloat ? (float) v : v;
      double first = isFloat ? (float) b[0] : b[0];
      if (Double.doubleToRawLongBits(x) != Double.doubleToRawLongBits(first)) {
        return false;
      }
    }
    return true;
  }

  /** Whether a row edge ({@code rows == 1}) with this many columns is written term by term. */
  static boolean inlined(Edge e) {
    return e.to().size() == 1 && e.from().size() <= INLINE_COLUMNS;
  }

  List<Unit> build() {
    for (int node : layout.schedule.order()) {
      Node n = graph.nodes().get(node);
      if (n.group()) {
        groupNode(n);
      } else {
        neuron(n);
      }
    }
    writeOutputs();
    updateState();
    return List.copyOf(units);
  }

  int distinctLiterals() {
    return literalBits.size();
  }

  Set<Activation> activations() {
    return activations;
  }

  /** The activations computed by {@link FastActivations} ({@code math: fast}). */
  Set<Activation> fastActivations() {
    return fastActivations;
  }

  boolean usesDot() {
    return usesDot;
  }

  boolean usesDotOnFeatures() {
    return usesDotOnFeatures;
  }

  boolean usesMaxabs() {
    return usesMaxabs;
  }

  boolean usesAccumulatorField() {
    return usesAccumulatorField;
  }

  /** Length of the {@code ActivationScratch} of tanh over groups (0 if none). */
  int tanhScratchSize() {
    return tanhScratchSize;
  }

  /** Length of the scratch array for edge terms of non-sum groups (0 if none). */
  int termSize() {
    return termSize;
  }

  // ---------------------------------------------------------------- units

  private void begin() {
    unitPages.clear();
  }

  private void end(Src code, int cost) {
    units.add(new Unit(code, cost, new ArrayList<>(unitPages)));
  }

  /** Ends a unit made of {@code parts}; callers build the parts (recording their pages) first. */
  private void unit(int cost, Object... parts) {
    end(Src.of(parts), cost);
  }

  /** A constant index, written relative to a page local when it would need a constant-pool entry. */
  private String ix(int index) {
    if (index < PAGE_SIZE) {
      return Integer.toString(index);
    }
    int page = index / PAGE_SIZE;
    unitPages.add(page);
    int rest = index % PAGE_SIZE;
    return rest == 0 ? sym.page(page) : sym.page(page) + " + " + rest;
  }

  /** {@code array[base + variable]}, or {@code array[variable]} when base is 0. */
  private String element(String array, int base, String variable) {
    return base == 0 ? array + "[" + variable + "]" : array + "[" + ix(base) + " + " + variable + "]";
  }

  /** {@code array[index]} with a constant index. */
  private String at(String array, int index) {
    return array + "[" + ix(index) + "]";
  }

  /** {@code for (int v = from; v < to; v++) { body }}, the body being whole lines. */
  private static Src loop(String v, int from, int to, Object... body) {
    return Src.of("for (int ", v, " = ", from, "; ", v, " < ", to, "; ", v, "++) {\n",
        Src.of(body).indent(), "}\n");
  }

  // ---------------------------------------------------------------- values

  private String zero() {
    return isFloat ? "0.0f" : "0.0";
  }

  private String literal(double stored) {
    return isFloat ? JavaText.floatLiteral((float) stored) : JavaText.doubleLiteral(stored);
  }

  private String num() {
    return isFloat ? "float" : "double";
  }

  /** A weight, bias or gain: rounded to float in float precision; a literal or a table entry. */
  private Expr constant(double value) {
    double stored = isFloat ? (double) (float) value : value;
    long bits = Double.doubleToRawLongBits(stored);
    boolean cheap = bits == 0L || stored == 1.0;
    if (literals || cheap) {
      if (!cheap) {
        literalBits.add(bits);
      }
      return Expr.of(3, true, literal(stored));
    }
    if (!Double.isFinite(stored)) {
      throw new IllegalStateException("non-finite constant " + value + " cannot appear in generated code");
    }
    return Expr.of(10, true, at(Symbols.WEIGHTS, weights.add(stored)));
  }

  private int delay(Edge e) {
    return layout.schedule.effectiveDelay(e.index());
  }

  /** The current value of neuron {@code n} (this step's, once computed). */
  private Expr neuronValue(Node n) {
    if (locals) {
      return Expr.of(4, true, sym.nodeNames.get(n.index()));
    }
    return Expr.of(10, true, at(Symbols.VALUES, valueSlot[n.index()]));
  }

  /** Element {@code j} of port {@code from}, {@code delay} steps back. */
  private Expr read(Port from, int j, int delay) {
    int element = from.offset() + j;
    if (from.isInput()) {
      if (delay == 0) {
        String f = at(Symbols.FEATURES, layout.featureOffset[from.index()] + element);
        return isFloat ? Expr.of(9, true, "(float) ", f) : Expr.of(8, true, f);
      }
      int count = graph.inputs().get(from.index()).featureCount();
      return Expr.of(10, true,
          at(Symbols.STATE, layout.inputStateBase[from.index()] + (delay - 1) * count + element));
    }
    Node n = graph.nodes().get(from.index());
    if (delay == 0) {
      return n.group() ? Expr.of(10, true, at(sym.nodeNames.get(n.index()), element)) : neuronValue(n);
    }
    return Expr.of(10, true,
        at(Symbols.STATE, layout.nodeStateBase[n.index()] + (delay - 1) * n.size() + element));
  }

  /** Where a loop reads the elements of port {@code from}, {@code delay} steps back. */
  private Source source(Port from, int delay) {
    if (from.isInput()) {
      if (delay == 0) {
        return new Source(Symbols.FEATURES, layout.featureOffset[from.index()] + from.offset(), isFloat);
      }
      int count = graph.inputs().get(from.index()).featureCount();
      return new Source(
          Symbols.STATE,
          layout.inputStateBase[from.index()] + (delay - 1) * count + from.offset(),
          false);
    }
    Node n = graph.nodes().get(from.index());
    if (delay == 0) {
      if (!n.group()) {
        throw new IllegalStateException("a neuron is not an array");
      }
      return new Source(sym.nodeNames.get(n.index()), from.offset(), false);
    }
    return new Source(
        Symbols.STATE, layout.nodeStateBase[n.index()] + (delay - 1) * n.size() + from.offset(), false);
  }

  /** {@code w * y} for weight (row, col) of {@code e}. */
  private Expr product(Edge e, int row, int col) {
    Expr w = constant(e.weights().get(row, col));
    Expr y = read(e.from(), col, delay(e));
    return Expr.of(w.cost() + y.cost() + 1, false, w.code(), " * ", y.code());
  }

  /** {@code dot(acc, W, offset, source, base, cols)}: acc plus row 0 of {@code e}'s products in order. */
  private Expr dot(Expr acc, Edge e) {
    Source s = source(e.from(), delay(e));
    usesDot |= !s.feature();
    usesDotOnFeatures |= s.feature();
    return Expr.of(acc.cost() + 30, true, Symbols.DOT, "(", acc.code(), ", ", Symbols.WEIGHTS, ", ",
        ix(edgeOffset[e.index()]), ", ", s.array(), ", ", ix(s.base()), ", ", e.from().size(), ")");
  }

  /** An edge's term for a non-sum aggregation: 0 plus its products in column order (one row). */
  private Expr term(Edge e) {
    if (!inlined(e)) {
      return dot(Expr.of(3, true, zero()), e);
    }
    Src.Builder b = new Src.Builder().add(zero());
    int cost = 3;
    for (int j = 0; j < e.from().size(); j++) {
      Expr p = product(e, 0, j);
      b.add(" + ", p.code());
      cost += p.cost() + 1;
    }
    return new Expr(b.build(), cost, false);
  }

  /** {@code m} combined with the next term {@code t}. */
  private Expr combine(Aggregation agg, Expr m, Expr t) {
    int cost = m.cost() + t.cost() + 4;
    return switch (agg) {
      case PRODUCT -> Expr.of(cost, false, m.paren(), " * ", t.paren());
      case MEAN -> Expr.of(cost, false, m.code(), " + ", t.paren());
      case MAX -> Expr.of(cost, true, Math.class, ".max(", m.code(), ", ", t.code(), ")");
      case MIN -> Expr.of(cost, true, Math.class, ".min(", m.code(), ", ", t.code(), ")");
      case MAXABS -> {
        usesMaxabs = true;
        yield Expr.of(cost, true, Symbols.MAXABS, "(", m.code(), ", ", t.code(), ")");
      }
      case SUM -> throw new IllegalStateException("sum has no terms to combine");
    };
  }

  /** {@code bias + gain * agg}, with {@code gain == 1} written as {@code bias + agg} (exact). */
  private Expr affine(Expr bias, double gain, Expr agg) {
    double g = isFloat ? (double) (float) gain : gain;
    if (g == 1.0) {
      return Expr.of(bias.cost() + agg.cost() + 1, false, bias.code(), " + ", agg.paren());
    }
    Expr gx = constant(gain);
    return Expr.of(bias.cost() + gx.cost() + agg.cost() + 2, false,
        bias.code(), " + ", gx.code(), " * ", agg.paren());
  }

  /** The activation of {@code n} applied to {@code x} (computed in double, then rounded in float precision). */
  private Expr activate(Node n, Expr x) {
    Activation a = n.activation();
    if (a == Activation.IDENTITY) {
      return x;
    }
    if (graph.math() == MathMode.FAST && FastActivations.has(a)) {
      // In the model's precision throughout: a float model's fast tanh computes in float.
      fastActivations.add(a);
      if (a == Activation.SIGMOID) {
        fastActivations.add(Activation.TANH);
      }
      return Expr.of(x.cost() + 7, true, FastActivations.name(a), "(", x.code(), ")");
    }
    if (isFloat && a == Activation.TANH && !standalone) {
      // The float that tanh's double result rounds to, usually found without running fdlibm.
      return Expr.of(x.cost() + 7, true, Activations.class, ".tanhToFloat(", x.code(), ")");
    }
    activations.add(a);
    Src callee = standalone
        ? Src.of(activationMethod(a, true))
        : Src.of(Activations.class, ".", activationMethod(a, false));
    Src call = a.hasAlpha()
        ? Src.of(callee, "(", x.code(), ", ", JavaText.doubleLiteral(n.alpha()), ")")
        : Src.of(callee, "(", x.code(), ")");
    if (a.hasAlpha() && Double.doubleToRawLongBits(n.alpha()) != 0L && n.alpha() != 1.0) {
      literalBits.add(Double.doubleToRawLongBits(n.alpha()));
    }
    return isFloat
        ? Expr.of(x.cost() + 8, false, "(float) ", call)
        : Expr.of(x.cost() + 7, true, call);
  }

  /** The method of {@code Activations} (or the standalone copy) that computes {@code a}. */
  static String activationMethod(Activation a, boolean standalone) {
    return switch (a) {
      case IDENTITY -> "identity";
      case TANH -> "tanh";
      case SIGMOID -> "sigmoid";
      case RELU -> "relu";
      case LEAKY_RELU -> "leakyRelu";
      case ELU -> "elu";
      case SOFTPLUS -> "softplus";
      case SIN -> "sin";
      case GAUSS -> "gauss";
      // A standalone class also has step(double[], double[]); do not overload it.
      case STEP -> standalone ? "unitStep" : "step";
      case ABS -> "abs";
      case SQUARE -> "square";
      case CLAMP -> "clamp";
      case EXP -> "exp";
    };
  }

  // ---------------------------------------------------------------- neurons

  /** How a neuron's statements hold the running aggregate. */
  private enum Holder {
    /** A local of step named after the neuron (small models). */
    LOCAL,
    /** A local {@code agg} in a block of its own (the neuron fits one unit). */
    BLOCK,
    /** The {@code pending} field, one unit per statement (a neuron too large for one method). */
    FIELD
  }

  private void neuron(Node n) {
    List<Edge> edges = layout.incoming(n.index());
    boolean sum = n.aggregation() == Aggregation.SUM;
    int items = 0;
    int products = 0;
    int estimate = 60;
    for (Edge e : edges) {
      if (inlined(e)) {
        products += e.from().size();
        items += sum ? e.from().size() : 1;
        estimate += 30 * e.from().size();
      } else {
        items++;
        estimate += 45;
      }
    }
    boolean single = sum
        ? items <= SINGLE_EXPRESSION_ITEMS
        : edges.size() <= SINGLE_EXPRESSION_ITEMS && products <= 2 * SINGLE_EXPRESSION_ITEMS;
    if (single) {
      begin();
      Expr agg = sum ? sumExpression(edges) : combineExpression(n.aggregation(), edges);
      Expr value = activate(n, affine(constant(n.bias()[0]), n.gain(), agg));
      if (locals) {
        unit(value.cost() + 4, num(), " ", sym.nodeNames.get(n.index()), " = ", value.code(), ";\n");
      } else {
        Expr target = neuronValue(n);
        unit(value.cost() + 10, target.code(), " = ", value.code(), ";\n");
      }
      return;
    }
    Holder holder = locals ? Holder.LOCAL : estimate <= unitBudget ? Holder.BLOCK : Holder.FIELD;
    String acc = switch (holder) {
      case LOCAL -> sym.nodeNames.get(n.index());
      case BLOCK -> Symbols.ACC;
      case FIELD -> Symbols.ACC_FIELD;
    };
    usesAccumulatorField |= holder == Holder.FIELD;
    String declare = holder == Holder.FIELD ? "" : num() + " ";
    Src.Builder body = new Src.Builder();
    int[] cost = {0};
    if (holder != Holder.FIELD) {
      begin();
    }
    Expr accExpr = Expr.of(4, true, acc);
    if (sum) {
      statement(holder, body, cost, () -> Expr.of(8, false, declare, acc, " = ", zero(), ";\n"));
      for (Edge e : edges) {
        if (inlined(e)) {
          for (int j = 0; j < e.from().size(); j++) {
            int col = j;
            statement(holder, body, cost, () -> {
              Expr p = product(e, 0, col);
              return Expr.of(p.cost() + 10, false, acc, " += ", p.code(), ";\n");
            });
          }
        } else {
          statement(holder, body, cost, () -> {
            Expr d = dot(accExpr, e);
            return Expr.of(d.cost() + 5, false, acc, " = ", d.code(), ";\n");
          });
        }
      }
    } else {
      Aggregation agg = n.aggregation();
      for (int k = 0; k < edges.size(); k++) {
        Edge e = edges.get(k);
        boolean first = k == 0;
        statement(holder, body, cost, () -> {
          Expr t = term(e);
          if (first) {
            return agg == Aggregation.MEAN
                ? Expr.of(t.cost() + 10, false, declare, acc, " = ", zero(), " + ", t.paren(), ";\n")
                : Expr.of(t.cost() + 5, false, declare, acc, " = ", t.code(), ";\n");
          }
          Expr c = combine(agg, accExpr, t);
          return Expr.of(c.cost() + 5, false, acc, " = ", c.code(), ";\n");
        });
      }
    }
    Aggregation agg = n.aggregation();
    int count = edges.size();
    statement(holder, body, cost, () -> {
      Expr aggregate = agg == Aggregation.MEAN ? Expr.of(8, false, acc, " / ", count) : accExpr;
      Expr value = activate(n, affine(constant(n.bias()[0]), n.gain(), aggregate));
      if (holder == Holder.LOCAL) {
        return Expr.of(value.cost() + 4, false, acc, " = ", value.code(), ";\n");
      }
      Expr target = neuronValue(n);
      return Expr.of(value.cost() + 10, false, target.code(), " = ", value.code(), ";\n");
    });
    if (holder == Holder.BLOCK) {
      end(Src.of("{\n", body.build().indent(), "}\n"), cost[0]);
    } else if (holder == Holder.LOCAL) {
      end(body.build(), cost[0]);
    }
  }

  /** Adds one statement: to the neuron's unit, or (FIELD) as a unit of its own. */
  private void statement(Holder holder, Src.Builder body, int[] cost, Supplier<Expr> make) {
    if (holder == Holder.FIELD) {
      begin();
      Expr s = make.get();
      end(s.code(), s.cost());
      return;
    }
    Expr s = make.get();
    body.add(s.code());
    cost[0] += s.cost();
  }

  /** 0 + every product of every edge, as one expression. */
  private Expr sumExpression(List<Edge> edges) {
    Expr acc = Expr.of(3, true, zero());
    for (Edge e : edges) {
      if (inlined(e)) {
        for (int j = 0; j < e.from().size(); j++) {
          Expr p = product(e, 0, j);
          acc = Expr.of(acc.cost() + p.cost() + 1, false, acc.code(), " + ", p.code());
        }
      } else {
        acc = dot(acc, e);
      }
    }
    return acc;
  }

  /** The combined terms of every edge, as one expression (0 when there are none). */
  private Expr combineExpression(Aggregation agg, List<Edge> edges) {
    if (edges.isEmpty()) {
      return Expr.of(3, true, zero());
    }
    if (agg == Aggregation.MEAN) {
      Src.Builder b = new Src.Builder().add("(", zero());
      int cost = 8;
      for (Edge e : edges) {
        Expr t = term(e);
        b.add(" + ", t.paren());
        cost += t.cost() + 1;
      }
      return new Expr(b.add(") / ", edges.size()).build(), cost, false);
    }
    Expr m = term(edges.get(0));
    for (Edge e : edges.subList(1, edges.size())) {
      m = combine(agg, m, term(e));
    }
    return m;
  }

  // ---------------------------------------------------------------- groups

  private void groupNode(Node n) {
    String g = sym.nodeNames.get(n.index());
    Aggregation agg = n.aggregation();
    int[] count = new int[n.size()];
    if (agg == Aggregation.SUM || agg == Aggregation.MEAN) {
      begin();
      unit(12, Arrays.class, ".fill(", g, ", ", zero(), ");\n");
    }
    for (Edge e : layout.incoming(n.index())) {
      int off = e.to().offset();
      int rows = e.to().size();
      boolean allFirst = true;
      for (int i = 0; i < rows; i++) {
        allFirst &= count[off + i] == 0;
      }
      if (rows == 1) {
        groupElementEdge(n, e, count[off] == 0);
      } else if (agg == Aggregation.SUM || allFirst) {
        if (agg != Aggregation.SUM && agg != Aggregation.MEAN) {
          begin();
          unit(16, Arrays.class, ".fill(", g, ", ", ix(off), ", ", ix(off + rows), ", ", zero(), ");\n");
        }
        // The term is the first for each element (or the aggregation is a sum): accumulate the
        // products straight into the group's array, which holds 0 there.
        matrixProduct(e, g, off);
      } else {
        termSize = Math.max(termSize, rows);
        begin();
        unit(16, Arrays.class, ".fill(", Symbols.TERM, ", 0, ", rows, ", ", zero(), ");\n");
        matrixProduct(e, Symbols.TERM, 0);
        combineRuns(agg, g, off, rows, count);
      }
      for (int i = 0; i < rows; i++) {
        count[off + i]++;
      }
    }
    if (agg == Aggregation.MEAN) {
      forRuns(count, 0, n.size(), (a, b, c) -> {
        if (c > 0) {
          elementwise(g, 0, a, b, 24, (gi, ti) -> gi + " / " + c);
        }
      });
    } else if (agg != Aggregation.SUM) {
      forRuns(count, 0, n.size(), (a, b, c) -> {
        if (c == 0) {
          elementwise(g, 0, a, b, 16, (gi, ti) -> zero());
        }
      });
    }
    begin();
    Expr bias = biases[n.index()] == null
        ? constant(n.bias()[0])
        : Expr.of(8, true, biases[n.index()] + "[" + Symbols.I + "]");
    String gi = g + "[" + Symbols.I + "]";
    Expr sum = affine(bias, n.gain(), Expr.of(6, true, gi));
    if (arrayTanh(n)) {
      // The sums first (a vectorized loop), then tanh of the whole array: the same bits as
      // element by element, most of the work in loops the JIT vectorizes.
      end(loop(Symbols.I, 0, n.size(), gi, " = ", sum.code(), ";\n"), sum.cost() + LOOP_COST);
      tanhScratchSize = Math.max(tanhScratchSize, Math.min(n.size(), TANH_SCRATCH_MAX));
      begin();
      unit(24, Activations.class, isFloat ? ".tanhToFloat(" : ".tanh(", g, ", 0, ", n.size(), ", ",
          Symbols.TANH_SCRATCH, ");\n");
      return;
    }
    Expr value = activate(n, sum);
    end(loop(Symbols.I, 0, n.size(), gi, " = ", value.code(), ";\n"), value.cost() + LOOP_COST);
  }

  /** Whether group {@code n}'s tanh runs over its array ({@code Activations.tanh} or {@code tanhToFloat}). */
  private boolean arrayTanh(Node n) {
    return !standalone && n.activation() == Activation.TANH && graph.math() != MathMode.FAST
        && n.size() >= ARRAY_TANH_MIN;
  }

  /** An edge into one element of group {@code n}. */
  private void groupElementEdge(Node n, Edge e, boolean first) {
    String g = sym.nodeNames.get(n.index());
    int k = e.to().offset();
    Aggregation agg = n.aggregation();
    if (agg == Aggregation.SUM) {
      if (inlined(e)) {
        for (int j = 0; j < e.from().size(); j++) {
          begin();
          Expr p = product(e, 0, j);
          unit(p.cost() + 14, at(g, k), " += ", p.code(), ";\n");
        }
      } else {
        begin();
        String target = at(g, k);
        Expr d = dot(Expr.of(10, true, target), e);
        unit(d.cost() + 10, target, " = ", d.code(), ";\n");
      }
      return;
    }
    begin();
    Expr t = term(e);
    Expr target = Expr.of(10, true, at(g, k));
    if (agg == Aggregation.MEAN) {
      // The array was filled with 0, so this is 0 + t0 + t1 + ... in edge order.
      unit(t.cost() + 14, target.code(), " += ", t.paren(), ";\n");
    } else if (first) {
      unit(t.cost() + 10, target.code(), " = ", t.code(), ";\n");
    } else {
      Expr c = combine(agg, target, t);
      unit(c.cost() + 10, target.code(), " = ", c.code(), ";\n");
    }
  }

  /**
   * Adds the products of matrix edge {@code e} (rows > 1) to {@code target[base + i]}, column by
   * column, so that each row's accumulator receives its products in increasing column order
   * while the inner loop runs over one contiguous column ({@code columns[e]}). Columns are taken
   * {@value #COLUMN_BLOCK} at a time, {@code t[i] = t[i] + c0[i] * y0 + c1[i] * y1 + ...}: the
   * same additions in the same order as one column at a time (Java evaluates {@code +} left to
   * right), with a quarter of the loads and stores of the accumulators. C2 vectorizes the loop.
   */
  private void matrixProduct(Edge e, String target, int base) {
    int rows = e.to().size();
    int cols = e.from().size();
    String m = columns[e.index()];
    String ti = element(target, base, Symbols.I);
    int full = cols - cols % COLUMN_BLOCK;
    if (full > 0) {
      begin();
      Source s = source(e.from(), delay(e));
      String cast = s.feature() ? "(float) " : "";
      Src.Builder head = new Src.Builder();
      for (int k = 0; k < COLUMN_BLOCK; k++) {
        String j = k == 0 ? Symbols.J : Symbols.J + " + " + k;
        head.add(num(), " ", Symbols.Y_BLOCK.get(k), " = ", cast, element(s.array(), s.base(), j), ";\n");
      }
      for (int k = 0; k < COLUMN_BLOCK; k++) {
        String j = k == 0 ? Symbols.J : Symbols.J + " + " + k;
        head.add(num(), "[] ", Symbols.C_BLOCK.get(k), " = ", m, "[", j, "];\n");
      }
      end(Src.of("for (int ", Symbols.J, " = 0; ", Symbols.J, " < ", full, "; ", Symbols.J, " += ", COLUMN_BLOCK,
              ") {\n", Src.of(head.build(), columnLoop(ti, rows, COLUMN_BLOCK)).indent(), "}\n"),
          2 * LOOP_COST + 20 * COLUMN_BLOCK);
    }
    if (full < cols) {
      begin();
      Src.Builder head = new Src.Builder();
      int cost = LOOP_COST;
      for (int k = 0; k < cols - full; k++) {
        Expr y = read(e.from(), full + k, delay(e));
        head.add(num(), " ", Symbols.Y_BLOCK.get(k), " = ", y.code(), ";\n");
        head.add(num(), "[] ", Symbols.C_BLOCK.get(k), " = ", m, "[", full + k, "];\n");
        cost += y.cost() + 20;
      }
      end(Src.of("{\n", Src.of(head.build(), columnLoop(ti, rows, cols - full)).indent(), "}\n"), cost);
    }
  }

  /** {@code for (i < rows) t[i] = t[i] + c0[i] * y0 + ...} over {@code count} columns. */
  private static Src columnLoop(String ti, int rows, int count) {
    Src.Builder sum = new Src.Builder().add(ti, " = ", ti);
    for (int k = 0; k < count; k++) {
      sum.add(" + ", Symbols.C_BLOCK.get(k), "[", Symbols.I, "] * ", Symbols.Y_BLOCK.get(k));
    }
    return loop(Symbols.I, 0, rows, sum.build(), ";\n");
  }

  /** Combines the edge terms in {@code term[0..rows)} into {@code g[off..off+rows)}. */
  private void combineRuns(Aggregation agg, String g, int off, int rows, int[] count) {
    int[] firstness = new int[rows];
    for (int i = 0; i < rows; i++) {
      firstness[i] = agg != Aggregation.MEAN && count[off + i] == 0 ? 1 : 0;
    }
    forRuns(firstness, 0, rows, (a, b, first) -> elementwise(g, off, a, b, LOOP_COST,
        (gi, ti) -> first == 1
            ? Src.of(ti)
            : combine(agg, Expr.of(10, true, gi), Expr.of(6, true, ti)).code()));
  }

  /**
   * {@code g[base + i] = value(g[base + i], term[i])} for i in [a, b): a loop, or one statement
   * for one element.
   */
  private void elementwise(
      String g, int base, int a, int b, int cost, BiFunction<String, String, Object> value) {
    begin();
    if (b - a == 1) {
      String gi = at(g, base + a);
      String ti = at(Symbols.TERM, a);
      unit(cost, gi, " = ", value.apply(gi, ti), ";\n");
      return;
    }
    String gi = element(g, base, Symbols.I);
    String ti = Symbols.TERM + "[" + Symbols.I + "]";
    end(loop(Symbols.I, a, b, gi, " = ", value.apply(gi, ti), ";\n"), cost + LOOP_COST);
  }

  private interface RunAction {
    void run(int from, int to, int key);
  }

  /** Calls {@code action} for each maximal run of equal {@code keys} in [from, to). */
  private static void forRuns(int[] keys, int from, int to, RunAction action) {
    int start = from;
    for (int i = from + 1; i <= to; i++) {
      if (i == to || keys[i] != keys[start]) {
        action.run(start, i, keys[start]);
        start = i;
      }
    }
  }

  // ---------------------------------------------------------------- outputs and state

  private void writeOutputs() {
    int column = 0;
    for (Port p : graph.outputs()) {
      Node n = graph.nodes().get(p.index());
      String g = sym.nodeNames.get(n.index());
      begin();
      if (!n.group()) {
        Expr v = neuronValue(n);
        unit(v.cost() + 8, at(Symbols.OUTPUTS, column), " = ", v.code(), ";\n");
      } else if (p.size() == 1) {
        unit(20, at(Symbols.OUTPUTS, column), " = ", at(g, p.offset()), ";\n");
      } else if (!isFloat) {
        unit(20, System.class, ".arraycopy(", g, ", ", ix(p.offset()), ", ", Symbols.OUTPUTS, ", ", ix(column),
            ", ", p.size(), ");\n");
      } else {
        end(loop(Symbols.I, 0, p.size(),
                element(Symbols.OUTPUTS, column, Symbols.I), " = ", element(g, p.offset(), Symbols.I), ";\n"),
            LOOP_COST);
      }
      column += p.size();
    }
  }

  private void updateState() {
    for (Node n : graph.nodes()) {
      int h = layout.nodeHistory[n.index()];
      if (h == 0) {
        continue;
      }
      int base = layout.nodeStateBase[n.index()];
      shift(base, n.size(), h);
      begin();
      if (!n.group()) {
        Expr v = neuronValue(n);
        unit(v.cost() + 10, at(Symbols.STATE, base), " = ", v.code(), ";\n");
      } else {
        unit(20, System.class, ".arraycopy(", sym.nodeNames.get(n.index()), ", 0, ", Symbols.STATE, ", ",
            ix(base), ", ", n.size(), ");\n");
      }
    }
    for (int in = 0; in < graph.inputs().size(); in++) {
      int h = layout.inputHistory[in];
      if (h == 0) {
        continue;
      }
      int size = graph.inputs().get(in).featureCount();
      int base = layout.inputStateBase[in];
      int features = layout.featureOffset[in];
      shift(base, size, h);
      begin();
      if (size == 1) {
        unit(20, at(Symbols.STATE, base), " = ", isFloat ? "(float) " : "", at(Symbols.FEATURES, features), ";\n");
      } else if (!isFloat) {
        unit(20, System.class, ".arraycopy(", Symbols.FEATURES, ", ", ix(features), ", ", Symbols.STATE, ", ",
            ix(base), ", ", size, ");\n");
      } else {
        end(loop(Symbols.I, 0, size,
                element(Symbols.STATE, base, Symbols.I), " = (float) ", element(Symbols.FEATURES, features, Symbols.I),
                ";\n"),
            LOOP_COST);
      }
    }
  }

  /** Moves blocks y(t-1) .. y(t-h+1) one block back, making room for the newest values. */
  private void shift(int base, int size, int h) {
    if (h == 1) {
      return;
    }
    if (size == 1 && h <= 4) {
      for (int k = h - 1; k >= 1; k--) {
        begin();
        unit(24, at(Symbols.STATE, base + k), " = ", at(Symbols.STATE, base + k - 1), ";\n");
      }
      return;
    }
    begin();
    unit(24, System.class, ".arraycopy(", Symbols.STATE, ", ", ix(base), ", ", Symbols.STATE, ", ",
        ix(base + size), ", ", (h - 1) * size, ");\n");
  }
}
