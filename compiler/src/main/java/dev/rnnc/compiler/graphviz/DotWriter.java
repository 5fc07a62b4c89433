package dev.rnnc.compiler.graphviz;

import dev.rnnc.compiler.Model;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Draws a scheduled model as a Graphviz DOT graph, read left to right: inputs, then the nodes in
 * evaluation order. Edges that read the current step are solid; {@code auto} edges that point
 * backward in the order (they read the previous step) are dashed red and curve back; edges with a
 * fixed delay are dashed blue and say so.
 *
 * <p>Nodes are placed in columns: a node shares the column of the node before it in the order
 * unless a same-step edge feeds it from that column, in which case it starts the next one. So
 * columns follow the evaluation order and every same-step edge points right.
 *
 * <p>Models with more than {@link #SUMMARY_NODES} nodes or {@link #SUMMARY_EDGES} edges are
 * summarized: inputs lose their feature rows, edges of one kind between the same two boxes are
 * merged into one labelled "×N", and weights are not shown. The output is a pure function of the
 * model: the same model gives the same bytes.
 */
public final class DotWriter {

  /** Default number of nodes (neurons and groups) above which a drawing is summarized. */
  public static final int SUMMARY_NODES = 200;

  /** Default number of edges above which a drawing is summarized. */
  public static final int SUMMARY_EDGES = 1000;

  /** At most this many feature rows are listed in an input's box; the rest become "… N more". */
  static final int MAX_FEATURE_ROWS = 30;

  static final String BACKWARD_COLOR = "#d62728";
  static final String DELAY_COLOR = "#1f77b4";
  private static final String EDGE_COLOR = "#4d4d4d";
  private static final String FONT = "Helvetica";

  private final int summaryNodes;
  private final int summaryEdges;

  /** A writer with the default summary thresholds. */
  public DotWriter() {
    this(SUMMARY_NODES, SUMMARY_EDGES);
  }

  /** A writer that summarizes models with more than the given numbers of nodes or edges. */
  public DotWriter(int summaryNodes, int summaryEdges) {
    if (summaryNodes < 0 || summaryEdges < 0) {
      throw new IllegalArgumentException("summary thresholds must be >= 0");
    }
    this.summaryNodes = summaryNodes;
    this.summaryEdges = summaryEdges;
  }

  /** Whether this writer summarizes the model rather than drawing every edge with its weight. */
  public boolean summarizes(Model model) {
    return model.graph().nodes().size() > summaryNodes
        || model.graph().edges().size() > summaryEdges;
  }

  /** The DOT text of the model's drawing. */
  public String write(Model model) {
    return new Drawing(model, summarizes(model)).write();
  }

  /** What an edge reads: this step, the previous step through a backward edge, or k steps back. */
  private enum Kind {
    FORWARD,
    BACKWARD,
    DELAYED
  }

  /** Writes one model; holds the per-model lookups. */
  private static final class Drawing {
    private final Graph g;
    private final Schedule s;
    private final boolean summary;
    private final String[] inputIds;
    private final String[] nodeIds;

    /** Per input: feature offset -> row port, for features that edges reference one by one. */
    private final List<Map<Integer, String>> featurePorts = new ArrayList<>();

    private final boolean[] outputs;
    private final StringBuilder out = new StringBuilder();

    Drawing(Model model, boolean summary) {
      this.g = model.graph();
      this.s = model.schedule();
      this.summary = summary;
      Set<String> taken = new HashSet<>();
      inputIds = new String[g.inputs().size()];
      for (int i = 0; i < inputIds.length; i++) {
        inputIds[i] = allocate(g.inputs().get(i).name(), taken);
      }
      nodeIds = new String[g.nodes().size()];
      for (int i = 0; i < nodeIds.length; i++) {
        nodeIds[i] = allocate(g.nodes().get(i).name(), taken);
      }
      outputs = new boolean[g.nodes().size()];
      for (Port p : g.outputs()) {
        outputs[p.index()] = true;
      }
      for (int i = 0; i < g.inputs().size(); i++) {
        featurePorts.add(summary ? Map.of() : featurePorts(i));
      }
    }

    /**
     * A unique DOT ID for a name: the name itself unless another box already has it (compared as
     * written, since quoting turns control characters into spaces).
     */
    private static String allocate(String name, Set<String> taken) {
      String id = name;
      for (int n = 2; !taken.add(quote(id)); n++) {
        id = name + "#" + n;
      }
      return id;
    }

    /**
     * Row ports of the features of input {@code i} that edges reference one by one, in feature
     * order; beyond {@link #MAX_FEATURE_ROWS} rows they share the port {@code more}.
     */
    private Map<Integer, String> featurePorts(int input) {
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

    String write() {
      Path file = g.source().getFileName();
      out.append("// ").append(oneLine(g.name())).append(" drawn by rnnc graph");
      if (file != null) {
        out.append(" from ").append(oneLine(file.toString()));
      }
      out.append(".\n");
      out.append("// Left to right: inputs, then nodes in evaluation order.\n");
      out.append("digraph ").append(quote(g.name())).append(" {\n");
      out.append("  graph [rankdir=LR, fontname=")
          .append(quote(FONT))
          .append(", fontsize=10, labelloc=b, labeljust=l, nodesep=0.25, ranksep=0.6");
      out.append(",\n    label=").append(legend()).append("];\n");
      out.append("  node [fontname=").append(quote(FONT)).append(", fontsize=11];\n");
      out.append("  edge [fontname=")
          .append(quote(FONT))
          .append(", fontsize=9, color=")
          .append(quote(EDGE_COLOR))
          .append(", arrowsize=0.7];\n");
      writeInputs();
      writeNodes();
      if (summary) {
        writeMergedEdges();
      } else {
        for (Edge e : g.edges()) {
          writeEdge(e);
        }
      }
      out.append("}\n");
      return out.toString();
    }

    private String legend() {
      StringBuilder sb = new StringBuilder("<");
      sb.append("<B>").append(html(g.name())).append("</B>");
      Path file = g.source().getFileName();
      if (file != null) {
        sb.append(" <FONT COLOR=\"#666666\">(").append(html(file.toString())).append(")</FONT>");
      }
      sb.append("<BR ALIGN=\"LEFT\"/>solid = this step");
      sb.append("   <FONT COLOR=\"")
          .append(BACKWARD_COLOR)
          .append("\">dashed red = reads previous step</FONT>");
      boolean delays = false;
      for (Edge e : g.edges()) {
        delays |= kind(e) == Kind.DELAYED;
      }
      if (delays) {
        sb.append("   <FONT COLOR=\"")
            .append(DELAY_COLOR)
            .append("\">dashed blue = reads k steps back</FONT>");
      }
      sb.append("   double border = output<BR ALIGN=\"LEFT\"/>");
      if (!g.window().equals(Window.NONE)) {
        Window w = g.window();
        sb.append("one step = a window of ")
            .append(w.size())
            .append(" elements, stride ")
            .append(w.stride())
            .append(w.partial() ? ", partial windows at the start" : "")
            .append("<BR ALIGN=\"LEFT\"/>");
      }
      if (summary) {
        sb.append("summarized (")
            .append(g.nodes().size())
            .append(" nodes, ")
            .append(g.edges().size())
            .append(" edges): parallel edges merged as ×N,")
            .append(" weights not shown<BR ALIGN=\"LEFT\"/>");
      }
      return sb.append(">").toString();
    }

    // ------------------------------------------------------------------------------------ inputs

    private void writeInputs() {
      if (g.inputs().isEmpty()) {
        return;
      }
      out.append("\n  // Inputs.\n");
      out.append("  { rank=source;\n");
      for (int i = 0; i < g.inputs().size(); i++) {
        InputDef in = g.inputs().get(i);
        out.append("    ")
            .append(quote(inputIds[i]))
            .append(" [shape=none, margin=0, label=")
            .append(inputLabel(i))
            .append(", tooltip=")
            .append(quote(inputTooltip(in)))
            .append("];\n");
      }
      out.append("  }\n");
    }

    private String inputLabel(int i) {
      InputDef in = g.inputs().get(i);
      StringBuilder sb =
          new StringBuilder(
              "<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\""
                  + " CELLPADDING=\"4\" COLOR=\"#7f9cc4\">");
      sb.append("<TR><TD BGCOLOR=\"#d6e2f3\"><B>")
          .append(html(in.name()))
          .append("</B>")
          .append("<BR/><FONT POINT-SIZE=\"9\">")
          .append(html(inputKind(in)))
          .append("</FONT>");
      Map<Integer, String> ports = featurePorts.get(i);
      if (ports.isEmpty() && in instanceof TokenInput t) {
        sb.append("<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#444444\">")
            .append(html(preview(t.vocabulary())))
            .append("</FONT>");
      }
      sb.append("</TD></TR>");
      int more = 0;
      for (Map.Entry<Integer, String> row : ports.entrySet()) {
        if (row.getValue().equals("more")) {
          more++;
        } else {
          sb.append("<TR><TD PORT=\"")
              .append(row.getValue())
              .append("\" ALIGN=\"LEFT\"")
              .append(" BGCOLOR=\"#f3f6fb\">")
              .append(html(featureLabel(in, row.getKey())))
              .append("</TD></TR>");
        }
      }
      int unlisted = in.featureCount() - ports.size();
      if (!ports.isEmpty() && (more > 0 || unlisted > 0)) {
        sb.append("<TR><TD")
            .append(more > 0 ? " PORT=\"more\"" : "")
            .append(" ALIGN=\"LEFT\" BGCOLOR=\"#f3f6fb\"><FONT COLOR=\"#666666\">… ")
            .append(more + unlisted)
            .append(" more</FONT></TD></TR>");
      }
      return sb.append("</TABLE>>").toString();
    }

    private String inputKind(InputDef in) {
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
    private static String preview(List<String> terms) {
      StringBuilder sb = new StringBuilder();
      int shown = Math.min(terms.size(), 4);
      for (int k = 0; k < shown; k++) {
        sb.append(k == 0 ? "" : ", ").append(shorten(terms.get(k), 16));
      }
      return terms.size() > shown ? sb.append(", …").toString() : sb.toString();
    }

    /** What a feature row says: a token's term, or a vector element's name. */
    private static String featureLabel(InputDef in, int feature) {
      if (in instanceof TokenInput t) {
        return shorten(t.vocabulary().get(feature), 32);
      }
      return in.featureNames().get(feature);
    }

    private String inputTooltip(InputDef in) {
      String kind = in instanceof VectorInput ? "vector input" : "tokens input";
      int n = in.featureCount();
      return in.name() + ": " + kind + ", " + n + (n == 1 ? " feature" : " features");
    }

    // ------------------------------------------------------------------------------------- nodes

    private void writeNodes() {
      if (g.nodes().isEmpty()) {
        return;
      }
      List<List<Integer>> columns = columns();
      out.append("\n  // Nodes in evaluation order, one column per rank.\n");
      for (List<Integer> column : columns) {
        out.append("  { rank=same;\n");
        for (int v : column) {
          writeNode(v);
        }
        out.append("  }\n");
      }
      if (columns.size() > 1) {
        out.append("  // Keeps the columns in evaluation order.\n  ");
        for (int c = 0; c < columns.size(); c++) {
          out.append(c == 0 ? "" : " -> ").append(quote(nodeIds[columns.get(c).get(0)]));
        }
        out.append(" [style=invis, weight=0];\n");
      }
    }

    /**
     * Splits the order into columns: a node joins the current column unless a same-step edge feeds
     * it from that column (or a later one), so every same-step edge points right.
     */
    private List<List<Integer>> columns() {
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

    private void writeNode(int v) {
      Node n = g.nodes().get(v);
      out.append("    ").append(quote(nodeIds[v])).append(" [");
      if (n.group()) {
        out.append("shape=box3d, style=filled, fillcolor=\"#dff0d8\", color=\"#5b8c4a\"");
      } else {
        out.append("shape=ellipse, style=filled, fillcolor=\"#fff3cf\", color=\"#b8962e\"");
      }
      if (outputs[v]) {
        out.append(", peripheries=2");
      }
      out.append(", label=")
          .append(nodeLabel(n))
          .append(", tooltip=")
          .append(quote(nodeTooltip(n)))
          .append("];\n");
    }

    private static String nodeLabel(Node n) {
      StringBuilder sb = new StringBuilder("<<B>").append(html(n.name())).append("</B>");
      if (n.group()) {
        sb.append(" [").append(n.size()).append("]");
      }
      List<String> facts = facts(n);
      for (int k = 0; k < facts.size(); k += 2) {
        sb.append("<BR/><FONT POINT-SIZE=\"9\">").append(html(facts.get(k)));
        if (k + 1 < facts.size()) {
          sb.append(" · ").append(html(facts.get(k + 1)));
        }
        sb.append("</FONT>");
      }
      return sb.append(">").toString();
    }

    /** What sets a node apart: activation, then whatever differs from the defaults. */
    private static List<String> facts(Node n) {
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
    private static String values(double[] v) {
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

    private String nodeTooltip(Node n) {
      StringBuilder sb = new StringBuilder(n.name()).append(": ");
      sb.append(n.group() ? "group of " + n.size() : "neuron");
      for (String fact : facts(n)) {
        sb.append(", ").append(fact);
      }
      if (outputs[n.index()]) {
        sb.append(", output");
      }
      return sb.append(" (line ").append(n.position().line()).append(")").toString();
    }

    // ------------------------------------------------------------------------------------- edges

    private Kind kind(Edge e) {
      if (!e.delay().auto() && e.delay().steps() > 0) {
        return Kind.DELAYED;
      }
      return s.effectiveDelay(e.index()) == 0 ? Kind.FORWARD : Kind.BACKWARD;
    }

    private void writeEdge(Edge e) {
      if (e.index() == 0) {
        out.append("\n  // Edges in declaration order.\n");
      }
      Kind kind = kind(e);
      List<String> label = new ArrayList<>();
      if (e.weights().isScalar()) {
        label.add(number(e.weights().get(0, 0)));
      } else if (e.weights().isDiagonal()) {
        label.add("⊙ diag " + e.weights().rows());
      } else if (e.weights().isSparse()) {
        label.add("W " + shape(e.weights()) + ", " + e.weights().stored() + " nz");
      } else {
        label.add("W " + shape(e.weights()));
      }
      if (kind == Kind.DELAYED) {
        label.add("delay " + e.delay().steps());
      }
      List<String> attrs = new ArrayList<>();
      attrs.add("label=" + quote(String.join("\n", label)));
      String tail = elementLabel(e.from());
      if (tail != null) {
        attrs.add("taillabel=" + quote(tail));
      }
      String head = elementLabel(e.to());
      if (head != null) {
        attrs.add("headlabel=" + quote(head));
      }
      if (tail != null || head != null) {
        attrs.add("labelfontsize=8");
      }
      if (!e.weights().isScalar()) {
        attrs.add("penwidth=2");
      }
      attrs.addAll(style(kind, e.from().isNode()));
      attrs.add("tooltip=" + quote(edgeTooltip(e, kind)));
      out.append("  ")
          .append(tailRef(e.from()))
          .append(" -> ")
          .append(quote(nodeIds[e.to().index()]))
          .append(" [")
          .append(String.join(", ", attrs))
          .append("];\n");
    }

    /** "[3]" for an edge end at one element of a group; null for whole nodes and neurons. */
    private String elementLabel(Port p) {
      if (p.isNode()
          && g.nodes().get(p.index()).group()
          && p.size() != g.nodes().get(p.index()).size()) {
        return p.size() == 1
            ? "[" + p.offset() + "]"
            : "[" + p.offset() + ".." + (p.offset() + p.size() - 1) + "]";
      }
      return null;
    }

    private static List<String> style(Kind kind, boolean fromNode) {
      return switch (kind) {
        case FORWARD -> List.of();
        case BACKWARD ->
            List.of(
                "style=dashed",
                "color=" + quote(BACKWARD_COLOR),
                "fontcolor=" + quote(BACKWARD_COLOR),
                "constraint=false");
        case DELAYED ->
            fromNode
                ? List.of(
                    "style=dashed",
                    "color=" + quote(DELAY_COLOR),
                    "fontcolor=" + quote(DELAY_COLOR),
                    "constraint=false")
                : List.of(
                    "style=dashed",
                    "color=" + quote(DELAY_COLOR),
                    "fontcolor=" + quote(DELAY_COLOR));
      };
    }

    /** The tail of an edge: a node, an input's feature row, or a whole input. */
    private String tailRef(Port from) {
      if (from.isNode()) {
        return quote(nodeIds[from.index()]);
      }
      String id = quote(inputIds[from.index()]);
      String port = featurePorts.get(from.index()).get(from.offset());
      if (port == null || from.size() == g.inputs().get(from.index()).featureCount()) {
        return id;
      }
      return id + ":" + quote(port) + ":e";
    }

    private String edgeTooltip(Edge e, Kind kind) {
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

    /** A matrix's shape, and how many weights are not zero when some are (sparse reservoirs). */
    private static String shape(Matrix w) {
      int nonzero = 0;
      for (int k = 0; k < w.size(); k++) {
        nonzero += w.at(k) != 0 ? 1 : 0;
      }
      String shape = w.rows() + "×" + w.cols();
      return nonzero == w.size() ? shape : shape + ", " + nonzero + " nonzero";
    }

    /** Summarized edges: one per source, target, kind and delay; labelled ×N when merged. */
    private void writeMergedEdges() {
      record Key(boolean fromNode, int from, int to, Kind kind, int delay) {}
      Map<Key, List<Edge>> merged = new LinkedHashMap<>();
      for (Edge e : g.edges()) {
        Kind kind = kind(e);
        Key key =
            new Key(
                e.from().isNode(),
                e.from().index(),
                e.to().index(),
                kind,
                kind == Kind.DELAYED ? e.delay().steps() : 0);
        merged.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
      }
      if (!merged.isEmpty()) {
        out.append("\n  // Edges, parallel ones merged, in order of first declaration.\n");
      }
      for (Map.Entry<Key, List<Edge>> m : merged.entrySet()) {
        Key key = m.getKey();
        List<Edge> edges = m.getValue();
        Edge first = edges.get(0);
        List<String> label = new ArrayList<>();
        if (edges.size() > 1) {
          label.add("×" + edges.size());
        } else if (!first.weights().isScalar()) {
          label.add(first.weights().rows() + "×" + first.weights().cols());
        }
        if (key.kind() == Kind.DELAYED) {
          label.add("delay " + key.delay());
        }
        List<String> attrs = new ArrayList<>();
        if (!label.isEmpty()) {
          // An external label: a real one would double the ranks dot lays out.
          attrs.add("xlabel=" + quote(String.join("\n", label)));
        }
        if (edges.size() > 1 || !first.weights().isScalar()) {
          attrs.add("penwidth=2");
        }
        attrs.addAll(style(key.kind(), key.fromNode()));
        String from = key.fromNode() ? nodeIds[key.from()] : inputIds[key.from()];
        out.append("  ").append(quote(from)).append(" -> ").append(quote(nodeIds[key.to()]));
        if (!attrs.isEmpty()) {
          out.append(" [").append(String.join(", ", attrs)).append("]");
        }
        out.append(";\n");
      }
    }
  }

  // ------------------------------------------------------------------------------------ formatting

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

  /** A DOT quoted string (also usable as an ID): backslashes, quotes and line breaks escaped. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        default -> sb.append(Character.isISOControl(c) ? ' ' : c);
      }
    }
    return sb.append('"').toString();
  }

  /** Text for a DOT HTML-like label: markup as entities, control characters as spaces. */
  static String html(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        default -> sb.append(Character.isISOControl(c) ? ' ' : c);
      }
    }
    return sb.toString();
  }

  /** The text on one line (a file name in a comment must not end the comment). */
  private static String oneLine(String s) {
    return s.replaceAll("\\p{Cntrl}", " ");
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
