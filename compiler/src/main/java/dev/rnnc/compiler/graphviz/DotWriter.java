package dev.rnnc.compiler.graphviz;

import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.graphviz.Drawings.Kind;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.Node;
import dev.rnnc.compiler.ir.Port;
import dev.rnnc.compiler.schedule.Schedule;
import dev.rnnc.runtime.InputDef;
import dev.rnnc.runtime.TokenInput;
import dev.rnnc.runtime.Window;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
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
        featurePorts.add(summary ? Map.of() : Drawings.featurePorts(g, i));
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
          .append(quote(Drawings.EDGE_COLOR))
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
          .append(Drawings.BACKWARD_COLOR)
          .append("\">dashed red = reads previous step</FONT>");
      boolean delays = false;
      for (Edge e : g.edges()) {
        delays |= Drawings.kind(s, e) == Kind.DELAYED;
      }
      if (delays) {
        sb.append("   <FONT COLOR=\"")
            .append(Drawings.DELAY_COLOR)
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
            .append(quote(Drawings.inputTooltip(in)))
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
          .append(html(Drawings.inputKind(g, in)))
          .append("</FONT>");
      Map<Integer, String> ports = featurePorts.get(i);
      if (ports.isEmpty() && in instanceof TokenInput t) {
        sb.append("<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#444444\">")
            .append(html(Drawings.preview(t.vocabulary())))
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
              .append(html(Drawings.featureLabel(in, row.getKey())))
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

    // ------------------------------------------------------------------------------------- nodes

    private void writeNodes() {
      if (g.nodes().isEmpty()) {
        return;
      }
      List<List<Integer>> columns = Drawings.columns(s);
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
          .append(quote(Drawings.nodeTooltip(n, outputs[n.index()])))
          .append("];\n");
    }

    private static String nodeLabel(Node n) {
      StringBuilder sb = new StringBuilder("<<B>").append(html(n.name())).append("</B>");
      if (n.group()) {
        sb.append(" [").append(n.size()).append("]");
      }
      List<String> facts = Drawings.facts(n);
      for (int k = 0; k < facts.size(); k += 2) {
        sb.append("<BR/><FONT POINT-SIZE=\"9\">").append(html(facts.get(k)));
        if (k + 1 < facts.size()) {
          sb.append(" · ").append(html(facts.get(k + 1)));
        }
        sb.append("</FONT>");
      }
      return sb.append(">").toString();
    }

    // ------------------------------------------------------------------------------------- edges

    private void writeEdge(Edge e) {
      if (e.index() == 0) {
        out.append("\n  // Edges in declaration order.\n");
      }
      Kind kind = Drawings.kind(s, e);
      List<String> label = new ArrayList<>();
      label.add(Drawings.weightLabel(e.weights()));
      if (kind == Kind.DELAYED) {
        label.add("delay " + e.delay().steps());
      }
      List<String> attrs = new ArrayList<>();
      attrs.add("label=" + quote(String.join("\n", label)));
      String tail = Drawings.elementLabel(g, e.from());
      if (tail != null) {
        attrs.add("taillabel=" + quote(tail));
      }
      String head = Drawings.elementLabel(g, e.to());
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
      attrs.add("tooltip=" + quote(Drawings.edgeTooltip(g, e, kind)));
      out.append("  ")
          .append(tailRef(e.from()))
          .append(" -> ")
          .append(quote(nodeIds[e.to().index()]))
          .append(" [")
          .append(String.join(", ", attrs))
          .append("];\n");
    }

    private static List<String> style(Kind kind, boolean fromNode) {
      return switch (kind) {
        case FORWARD -> List.of();
        case BACKWARD ->
            List.of(
                "style=dashed",
                "color=" + quote(Drawings.BACKWARD_COLOR),
                "fontcolor=" + quote(Drawings.BACKWARD_COLOR),
                "constraint=false");
        case DELAYED ->
            fromNode
                ? List.of(
                    "style=dashed",
                    "color=" + quote(Drawings.DELAY_COLOR),
                    "fontcolor=" + quote(Drawings.DELAY_COLOR),
                    "constraint=false")
                : List.of(
                    "style=dashed",
                    "color=" + quote(Drawings.DELAY_COLOR),
                    "fontcolor=" + quote(Drawings.DELAY_COLOR));
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

    /** Summarized edges: one per source, target, kind and delay; labelled ×N when merged. */
    private void writeMergedEdges() {
      record Key(boolean fromNode, int from, int to, Kind kind, int delay) {}
      Map<Key, List<Edge>> merged = new LinkedHashMap<>();
      for (Edge e : g.edges()) {
        Kind kind = Drawings.kind(s, e);
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
}
