package dev.rnnc.compiler.graphviz;

import dev.rnnc.compiler.ir.Aggregation;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.Matrix;
import dev.rnnc.compiler.ir.Node;
import dev.rnnc.compiler.ir.Port;
import dev.rnnc.compiler.schedule.Schedule;
import dev.rnnc.runtime.InputDef;
import dev.rnnc.runtime.TokenInput;
import dev.rnnc.runtime.VectorInput;
import dev.rnnc.runtime.Window;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the DOT and SVG drawings share, so that both say the same: what each edge reads, the columns
 * nodes are placed in, and the texts of boxes, rows, labels and tooltips.
 */
final class Drawings {

  private Drawings() {}

  /** At most this many feature rows are listed in an input's box; the rest become "… N more". */
  static final int MAX_FEATURE_ROWS = 30;

  static final String BACKWARD_COLOR = "#d62728";
  static final String DELAY_COLOR = "#1f77b4";
  static final String EDGE_COLOR = "#4d4d4d";

  /** What an edge reads: this step, the previous step through a backward edge, or k steps back. */
  enum Kind {
    FORWARD,
    BACKWARD,
    DELAYED
  }

  static Kind kind(Schedule s, Edge e) {
    if (!e.delay().auto() && e.delay().steps() > 0) {
      return Kind.DELAYED;
    }
    return s.effectiveDelay(e.index()) == 0 ? Kind.FORWARD : Kind.BACKWARD;
  }

  /**
   * Splits the order into columns: a node joins the current column unless a same-step edge feeds it
   * from that column (or a later one), so every same-step edge points right.
   */
  static List<List<Integer>> columns(Schedule s) {
    Graph g = s.graph();
    int[] column = new int[g.nodes().size()];
    List<List<Integer>> columns = new ArrayList<>();
    int current = 0;
    for (int v : s.order()) {
      int c = current;
      for (Edge e : s.incoming(v)) {
        if (e.from().isInput()) {
          continue;
        }
        int u = e.from().index();
        if (s.effectiveDelay(e.index()) == 0 && s.position(u) < s.position(v)) {
          c = Math.max(c, column[u] + 1);
        }
      }
      column[v] = c;
      current = c;
      while (columns.size() <= c) {
        columns.add(new ArrayList<>());
      }
      columns.get(c).add(v);
    }
    columns.removeIf(List::isEmpty);
    return columns;
  }

  /**
   * Row ports of the features of input {@code i} that edges reference one by one, in feature order;
   * beyond {@link #MAX_FEATURE_ROWS} rows they share the port {@code more}.
   */
  static Map<Integer, String> featurePorts(Graph g, int input) {
    InputDef in = g.inputs().get(input);
    boolean[] referenced = new boolean[in.featureCount()];
    int count = 0;
    for (Edge e : g.edges()) {
      Port from = e.from();
      if (from.isInput()
          && from.index() == input
          && from.size() < in.featureCount()
          && !referenced[from.offset()]) {
        referenced[from.offset()] = true;
        count++;
      }
    }
    Map<Integer, String> ports = new LinkedHashMap<>();
    int listed = count <= MAX_FEATURE_ROWS ? count : MAX_FEATURE_ROWS - 1;
    for (int f = 0; f < referenced.length; f++) {
      if (referenced[f]) {
        ports.put(f, ports.size() < listed ? "f" + f : "more");
      }
    }
    return ports;
  }

  /** The second line of an input's box: its kind and size. */
  static String inputKind(Graph g, InputDef in) {
    int n = in.featureCount();
    if (in instanceof TokenInput t) {
      String what = t.features().name().toLowerCase(Locale.ROOT);
      return "tokens · " + n + (n == 1 ? " term" : " terms") + " · " + what;
    }
    String kind = "vector [" + n + "]";
    if (in instanceof VectorInput v && !g.window().equals(Window.NONE)) {
      kind += " · " + v.reduce().name().toLowerCase(Locale.ROOT);
    }
    return kind;
  }

  /** The first few vocabulary terms, for an input whose features are not listed one by one. */
  static String preview(List<String> terms) {
    StringBuilder sb = new StringBuilder();
    int shown = Math.min(terms.size(), 4);
    for (int k = 0; k < shown; k++) {
      sb.append(k == 0 ? "" : ", ").append(shorten(terms.get(k), 16));
    }
    return terms.size() > shown ? sb.append(", …").toString() : sb.toString();
  }

  /** What a feature row says: a token's term, or a vector element's name. */
  static String featureLabel(InputDef in, int feature) {
    if (in instanceof TokenInput t) {
      return shorten(t.vocabulary().get(feature), 32);
    }
    return in.featureNames().get(feature);
  }

  static String inputTooltip(InputDef in) {
    String kind = in instanceof VectorInput ? "vector input" : "tokens input";
    int n = in.featureCount();
    return in.name() + ": " + kind + ", " + n + (n == 1 ? " feature" : " features");
  }

  /** What sets a node apart: activation, then whatever differs from the defaults. */
  static List<String> facts(Node n) {
    List<String> facts = new ArrayList<>();
    if (n.isCell()) {
      // One box for the whole cell, naming its gates in weight-row order.
      facts.add(n.cell().specName() + " cell");
      facts.add("gates " + String.join(" ", n.cell().gateNames().split("")));
      if (n.cell().hasCellState()) {
        facts.add("state h, c");
      }
      String initial = values(n.initial().toArray());
      if (initial != null) {
        facts.add("initial " + initial);
      }
      return facts;
    }
    String act = n.activation().specName();
    if (n.activation().hasAlpha() && n.alpha() != n.activation().defaultAlpha()) {
      act += " α=" + number(n.alpha());
    }
    facts.add(act);
    if (n.leaky()) {
      facts.add("leak " + number(n.leak()));
    }
    String bias = values(n.bias().toArray());
    if (bias != null) {
      facts.add("bias " + bias);
    }
    if (n.aggregation() != Aggregation.SUM) {
      facts.add(n.aggregation().specName());
    }
    if (n.gain() != 1.0) {
      facts.add("gain " + number(n.gain()));
    }
    String initial = values(n.initial().toArray());
    if (initial != null) {
      facts.add("initial " + initial);
    }
    return facts;
  }

  /** A compact rendering of per-element values, or null when they are all zero. */
  static String values(double[] v) {
    boolean zero = true;
    boolean same = true;
    for (double x : v) {
      zero &= x == 0;
      same &= Double.compare(x, v[0]) == 0;
    }
    if (zero) {
      return null;
    }
    if (same) {
      return number(v[0]);
    }
    if (v.length <= 3) {
      StringBuilder sb = new StringBuilder("[");
      for (int k = 0; k < v.length; k++) {
        sb.append(k == 0 ? "" : ", ").append(number(v[k]));
      }
      return sb.append("]").toString();
    }
    return "per element";
  }

  static String nodeTooltip(Node n, boolean output) {
    StringBuilder sb = new StringBuilder(n.name()).append(": ");
    sb.append(n.group() ? "group of " + n.size() : "neuron");
    for (String fact : facts(n)) {
      sb.append(", ").append(fact);
    }
    if (output) {
      sb.append(", output");
    }
    return sb.append(" (line ").append(n.position().line()).append(")").toString();
  }

  /** "[3]" for an edge end at one element of a group; null for whole nodes and neurons. */
  static String elementLabel(Graph g, Port p) {
    if (p.isNode()
        && g.nodes().get(p.index()).group()
        && p.size() != g.nodes().get(p.index()).size()) {
      return p.size() == 1
          ? "[" + p.offset() + "]"
          : "[" + p.offset() + ".." + (p.offset() + p.size() - 1) + "]";
    }
    return null;
  }

  static String edgeTooltip(Graph g, Edge e, Kind kind) {
    String what =
        switch (kind) {
          case FORWARD -> "reads this step";
          case BACKWARD -> "points backward in the order: reads the previous step";
          case DELAYED ->
              "reads "
                  + e.delay().steps()
                  + (e.delay().steps() == 1 ? " step" : " steps")
                  + " back";
        };
    String weights =
        e.weights().isScalar()
            ? "weight " + e.weights().get(0, 0)
            : "weights " + shape(e.weights());
    return g.portName(e.from())
        + " -> "
        + g.portName(e.to())
        + ": "
        + weights
        + ", "
        + what
        + " (line "
        + e.position().line()
        + ")";
  }

  /** An edge's label: its weight, or what its matrix is (shape, diagonal, sparse). */
  static String weightLabel(Matrix w) {
    if (w.isScalar()) {
      return number(w.get(0, 0));
    }
    if (w.isDiagonal()) {
      return "⊙ diag " + w.rows();
    }
    if (w.isSparse()) {
      return "W " + shape(w) + ", " + w.stored() + " nz";
    }
    return "W " + shape(w);
  }

  /** A matrix's shape, and how many weights are not zero when some are (sparse reservoirs). */
  static String shape(Matrix w) {
    int nonzero = 0;
    for (int k = 0; k < w.size(); k++) {
      nonzero += w.at(k) != 0 ? 1 : 0;
    }
    String shape = w.rows() + "×" + w.cols();
    return nonzero == w.size() ? shape : shape + ", " + nonzero + " nonzero";
  }

  /**
   * A weight or bias in at most 3 significant digits, without trailing zeros: {@code 1}, {@code
   * -0.5}, {@code 0.333}, {@code 1.23e+07}.
   */
  static String number(double v) {
    if (v == 0) {
      return "0";
    }
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    double a = Math.abs(v);
    if (a >= 1e-3 && a < 1e6) {
      BigDecimal b = BigDecimal.valueOf(v).round(new MathContext(3, RoundingMode.HALF_UP));
      return b.stripTrailingZeros().toPlainString();
    }
    String sci = String.format(Locale.ROOT, "%.2e", v);
    int e = sci.indexOf('e');
    String mantissa = sci.substring(0, e).replaceAll("\\.?0+$", "");
    return mantissa + sci.substring(e);
  }

  static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
