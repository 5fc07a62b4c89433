package dev.rnnc.compiler.generate;

import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Aggregation;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.MathMode;
import dev.rnnc.compiler.ir.Node;
import dev.rnnc.compiler.ir.Port;
import dev.rnnc.runtime.internal.Activations;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one build of {@code step}'s body shares between its parts ({@link NeuronCode}, {@link
 * GroupCode}, {@link StateCode}): the units written so far, how values and constants are read, and
 * the formulas of the contract (products, terms, aggregations, {@code bias + gain * agg},
 * activations). Everything it records lives and dies with one build; the result is a {@link
 * StepPlan}.
 *
 * <p>Storage: in a small model (one method) a neuron's value is a local variable of {@code step};
 * otherwise it lives in the {@code values} array. Groups always live in their own array field. The
 * state array holds exactly the canonical layout of {@link dev.rnnc.compiler.schedule.StateLayout}:
 * a read with delay d is {@code state[base + (d - 1) * size + i]}.
 */
final class StepContext {

  /** A contiguous array region a loop can read: {@code array[base + j]}. */
  record Source(String array, int base, boolean feature) {}

  /**
   * Indices at or above this would each need a constant-pool entry; they go through page locals.
   */
  static final int PAGE_SIZE = 32768;

  final Layout layout;
  final Graph graph;
  final Symbols sym;
  final Storage storage;
  final boolean locals;
  final boolean literals;
  final boolean standalone;
  final boolean isFloat;

  private final List<Unit> units = new ArrayList<>();
  private final TreeSet<Integer> unitPages = new TreeSet<>();

  /** Scalar constants that are not literals, appended to {@code W} after the fixed part. */
  private final NumberList constants = new NumberList();

  /** Distinct literal constants written into code (for the constant-pool budget). */
  private final Set<Long> literalBits = new HashSet<>();

  private final Set<Activation> activations = EnumSet.noneOf(Activation.class);
  private final Set<Activation> fastActivations = EnumSet.noneOf(Activation.class);
  private boolean usesDot;
  private boolean usesDotOnFeatures;
  private boolean usesMaxabs;
  boolean usesAccumulatorField;
  int termSize;
  int tanhScratchSize;

  StepContext(
      Layout layout,
      Symbols sym,
      Storage storage,
      boolean locals,
      boolean literals,
      boolean standalone) {
    this.layout = layout;
    this.graph = layout.graph;
    this.sym = sym;
    this.storage = storage;
    this.locals = locals;
    this.literals = literals;
    this.standalone = standalone;
    this.isFloat = layout.isFloat;
  }

  /** The units written, and what they need from the class. */
  StepPlan plan() {
    return new StepPlan(
        units,
        locals,
        constants.toArray(),
        literalBits.size(),
        activations,
        fastActivations,
        usesDot,
        usesDotOnFeatures,
        usesMaxabs,
        usesAccumulatorField,
        termSize,
        tanhScratchSize);
  }

  // ---------------------------------------------------------------- units

  /** Starts a unit: forgets the pages of the previous one. */
  void begin() {
    unitPages.clear();
  }

  /** Ends the unit begun last, with its code and cost. */
  void end(Src code, int cost) {
    units.add(new Unit(code, cost, new ArrayList<>(unitPages)));
  }

  /** Ends a unit made of {@code parts}; callers build the parts (recording their pages) first. */
  void unit(int cost, Object... parts) {
    end(Src.of(parts), cost);
  }

  /**
   * A constant index, written relative to a page local when it would need a constant-pool entry.
   */
  String ix(int index) {
    if (index < PAGE_SIZE) {
      return Integer.toString(index);
    }
    int page = index / PAGE_SIZE;
    unitPages.add(page);
    int rest = index % PAGE_SIZE;
    return rest == 0 ? sym.page(page) : sym.page(page) + " + " + rest;
  }

  /** {@code array[base + variable]}, or {@code array[variable]} when base is 0. */
  String element(String array, int base, String variable) {
    return base == 0
        ? array + "[" + variable + "]"
        : array + "[" + ix(base) + " + " + variable + "]";
  }

  /** {@code array[index]} with a constant index. */
  String at(String array, int index) {
    return array + "[" + ix(index) + "]";
  }

  /** {@code for (int v = from; v < to; v++) { body }}, the body being whole lines. */
  static Src loop(String v, int from, int to, Object... body) {
    return Src.of(
        "for (int ",
        v,
        " = ",
        from,
        "; ",
        v,
        " < ",
        to,
        "; ",
        v,
        "++) {\n",
        Src.of(body).indent(),
        "}\n");
  }

  // ---------------------------------------------------------------- values

  String zero() {
    return isFloat ? "0.0f" : "0.0";
  }

  private String literal(double stored) {
    return isFloat ? JavaText.floatLiteral((float) stored) : JavaText.doubleLiteral(stored);
  }

  String num() {
    return isFloat ? "float" : "double";
  }

  /** A weight, bias or gain: rounded to float in float precision; a literal or a table entry. */
  Expr constant(double value) {
    double stored = isFloat ? (double) (float) value : value;
    long bits = Double.doubleToRawLongBits(stored);
    boolean cheap = bits == 0L || stored == 1.0;
    if (literals || cheap) {
      if (!cheap) {
        literalBits.add(bits);
      }
      return Expr.of(Cost.LITERAL, true, literal(stored));
    }
    if (!Double.isFinite(stored)) {
      throw new IllegalStateException(
          "non-finite constant " + value + " cannot appear in generated code");
    }
    int index = storage.packedSize() + constants.add(stored);
    return Expr.of(Cost.ELEMENT, true, at(Symbols.WEIGHTS, index));
  }

  int delay(Edge e) {
    return layout.schedule.effectiveDelay(e.index());
  }

  /** The current value of neuron {@code n} (this step's, once computed). */
  Expr neuronValue(Node n) {
    if (locals) {
      return Expr.of(Cost.LOCAL, true, sym.nodeNames.get(n.index()));
    }
    return Expr.of(Cost.ELEMENT, true, at(Symbols.VALUES, storage.valueSlot(n.index())));
  }

  /** Element {@code j} of port {@code from}, {@code delay} steps back. */
  Expr read(Port from, int j, int delay) {
    int element = from.offset() + j;
    if (from.isInput()) {
      if (delay == 0) {
        String f = at(Symbols.FEATURES, layout.featureOffset[from.index()] + element);
        return isFloat
            ? Expr.of(Cost.FEATURE_FLOAT, true, "(float) ", f)
            : Expr.of(Cost.FEATURE, true, f);
      }
      return Expr.of(
          Cost.ELEMENT,
          true,
          at(Symbols.STATE, layout.state.inputIndex(from.index(), delay, element)));
    }
    Node n = graph.nodes().get(from.index());
    if (delay == 0) {
      return n.group()
          ? Expr.of(Cost.ELEMENT, true, at(sym.nodeNames.get(n.index()), element))
          : neuronValue(n);
    }
    return Expr.of(
        Cost.ELEMENT, true, at(Symbols.STATE, layout.state.nodeIndex(n.index(), delay, element)));
  }

  /** Where a loop reads the elements of port {@code from}, {@code delay} steps back. */
  Source source(Port from, int delay) {
    if (from.isInput()) {
      if (delay == 0) {
        return new Source(
            Symbols.FEATURES, layout.featureOffset[from.index()] + from.offset(), isFloat);
      }
      return new Source(
          Symbols.STATE, layout.state.inputIndex(from.index(), delay, from.offset()), false);
    }
    Node n = graph.nodes().get(from.index());
    if (delay == 0) {
      if (!n.group()) {
        throw new IllegalStateException("a neuron is not an array");
      }
      return new Source(sym.nodeNames.get(n.index()), from.offset(), false);
    }
    return new Source(
        Symbols.STATE, layout.state.nodeIndex(n.index(), delay, from.offset()), false);
  }

  // ---------------------------------------------------------------- formulas

  /** {@code w * y} for weight (row, col) of {@code e}. */
  Expr product(Edge e, int row, int col) {
    Expr w = constant(e.weights().get(row, col));
    Expr y = read(e.from(), col, delay(e));
    return Expr.of(w.cost() + y.cost() + Cost.OPERATOR, false, w.code(), " * ", y.code());
  }

  /**
   * {@code dot(acc, W, offset, source, base, cols)}: acc plus row 0 of {@code e}'s products in
   * order.
   */
  Expr dot(Expr acc, Edge e) {
    Source s = source(e.from(), delay(e));
    usesDot |= !s.feature();
    usesDotOnFeatures |= s.feature();
    return Expr.of(
        acc.cost() + Cost.DOT_CALL,
        true,
        Symbols.DOT,
        "(",
        acc.code(),
        ", ",
        Symbols.WEIGHTS,
        ", ",
        ix(storage.edgeOffset(e.index())),
        ", ",
        s.array(),
        ", ",
        ix(s.base()),
        ", ",
        e.from().size(),
        ")");
  }

  /** An edge's term for a non-sum aggregation: 0 plus its products in column order (one row). */
  Expr term(Edge e) {
    if (!StepBuilder.inlined(e)) {
      return dot(Expr.of(Cost.LITERAL, true, zero()), e);
    }
    Src.Builder b = new Src.Builder().add(zero());
    int cost = Cost.LITERAL;
    for (int j = 0; j < e.from().size(); j++) {
      Expr p = product(e, 0, j);
      b.add(" + ", p.code());
      cost += p.cost() + Cost.OPERATOR;
    }
    return new Expr(b.build(), cost, false);
  }

  /** {@code m} combined with the next term {@code t}, as {@link Aggregation} writes it in Java. */
  Expr combine(Aggregation agg, Expr m, Expr t) {
    int cost = m.cost() + t.cost() + Cost.COMBINE;
    if (agg.javaOperator() != null) {
      // m * t needs both parenthesized; m + t (a mean's running sum) only the term.
      return agg == Aggregation.PRODUCT
          ? Expr.of(cost, false, m.paren(), " ", agg.javaOperator(), " ", t.paren())
          : Expr.of(cost, false, m.code(), " ", agg.javaOperator(), " ", t.paren());
    }
    if (agg.javaMethod() == null) {
      throw new IllegalStateException(agg.specName() + " has no terms to combine");
    }
    usesMaxabs |= agg == Aggregation.MAXABS;
    return Expr.of(cost, true, agg.javaMethod(), "(", m.code(), ", ", t.code(), ")");
  }

  /** {@code bias + gain * agg}, with {@code gain == 1} written as {@code bias + agg} (exact). */
  Expr affine(Expr bias, double gain, Expr agg) {
    double g = isFloat ? (double) (float) gain : gain;
    if (g == 1.0) {
      return Expr.of(
          bias.cost() + agg.cost() + Cost.OPERATOR, false, bias.code(), " + ", agg.paren());
    }
    Expr gx = constant(gain);
    return Expr.of(
        bias.cost() + gx.cost() + agg.cost() + 2 * Cost.OPERATOR,
        false,
        bias.code(),
        " + ",
        gx.code(),
        " * ",
        agg.paren());
  }

  /**
   * The activation of {@code n} applied to {@code x} (computed in double, then rounded in float
   * precision).
   */
  Expr activate(Node n, Expr x) {
    return activate(n.activation(), n.alpha(), x);
  }

  /**
   * Activation {@code a} (with parameter {@code alpha}) applied to {@code x}, computed in double
   * and rounded in float precision; the fast form under {@code math: fast}.
   */
  Expr activate(Activation a, double alpha, Expr x) {
    if (a == Activation.IDENTITY) {
      return x;
    }
    if (graph.math() == MathMode.FAST && FastActivations.has(a)) {
      // In the model's precision throughout: a float model's fast tanh computes in float.
      fastActivations.add(a);
      if (a == Activation.SIGMOID) {
        fastActivations.add(Activation.TANH);
      }
      return Expr.of(x.cost() + Cost.CALL, true, FastActivations.name(a), "(", x.code(), ")");
    }
    if (isFloat && a == Activation.TANH && !standalone) {
      // The float that tanh's double result rounds to, usually found without running fdlibm.
      return Expr.of(x.cost() + Cost.CALL, true, Activations.class, ".tanhToFloat(", x.code(), ")");
    }
    activations.add(a);
    Src callee =
        standalone
            ? Src.of(a.standaloneMethod())
            : Src.of(Activations.class, ".", a.runtimeMethod());
    Src call =
        a.hasAlpha()
            ? Src.of(callee, "(", x.code(), ", ", JavaText.doubleLiteral(alpha), ")")
            : Src.of(callee, "(", x.code(), ")");
    if (a.hasAlpha() && Double.doubleToRawLongBits(alpha) != 0L && alpha != 1.0) {
      literalBits.add(Double.doubleToRawLongBits(alpha));
    }
    return isFloat
        ? Expr.of(x.cost() + Cost.CALL_TO_FLOAT, false, "(float) ", call)
        : Expr.of(x.cost() + Cost.CALL, true, call);
  }

  /** Notes that a group's tanh runs over its array, {@code size} elements at a time at most. */
  void arrayTanh(int size) {
    tanhScratchSize = Math.max(tanhScratchSize, size);
  }
}
