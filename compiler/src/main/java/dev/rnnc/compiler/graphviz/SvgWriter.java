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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a scheduled model as SVG, laid out by rnnc itself (no Graphviz): inputs in the first
 * column, then the nodes in evaluation order, in the columns {@link DotWriter} uses, so that every
 * edge that reads the current step points right. Edges that point backward in the order (they read
 * the previous step) are dashed red and run back over the top of the picture; edges with a fixed
 * delay are dashed blue and say so; outputs have a double border. Nodes and edges carry their spec
 * line ({@code data-line}) and a tooltip.
 *
 * <p>Models with more than {@link DotWriter#SUMMARY_NODES} nodes or {@link DotWriter#SUMMARY_EDGES}
 * edges are summarized as in DOT: no feature rows, parallel edges merged into one labelled "×N", no
 * weights. Text widths are estimated from fixed per-character widths, never measured with the fonts
 * of the machine, so the same model gives the same bytes everywhere.
 */
public final class SvgWriter {

  private final int summaryNodes;
  private final int summaryEdges;

  /** A writer with the default summary thresholds. */
  public SvgWriter() {
    this(DotWriter.SUMMARY_NODES, DotWriter.SUMMARY_EDGES);
  }

  /** A writer that summarizes models with more than the given numbers of nodes or edges. */
  public SvgWriter(int summaryNodes, int summaryEdges) {
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

  /** The SVG document of the model's drawing. */
  public String write(Model model) {
    return new Picture(model, summarizes(model)).write();
  }

  // ------------------------------------------------------------------------------------ geometry

  private static final String FONT = "Helvetica, Arial, sans-serif";
  private static final double SIZE = 12;
  private static final double SMALL = 10;
  private static final double LINE = 15;
  private static final double SMALL_LINE = 13;
  private static final double PAD_X = 10;
  private static final double PAD_Y = 7;
  private static final double ROW = 18;
  private static final double COLUMN_GAP = 120;
  private static final double NODE_GAP = 28;
  private static final double MARGIN = 20;
  private static final double LANE = 12;
  private static final int MAX_LANES = 16;
  private static final double CORNER = 6;
  private static final double PILL_RADIUS = 22;

  private static final String NEURON_FILL = "#fff3cf";
  private static final String NEURON_STROKE = "#b8962e";
  private static final String GROUP_FILL = "#dff0d8";
  private static final String GROUP_STROKE = "#5b8c4a";
  private static final String INPUT_FILL = "#d6e2f3";
  private static final String ROW_FILL = "#f3f6fb";
  private static final String INPUT_STROKE = "#7f9cc4";
  private static final String MUTED = "#666666";

  /** A box: a node or an input, with its place and its lines of text. */
  private static final class Box {
    double x;
    double y;
    double width;
    double height;

    /** The left and right edges of the box's column (as wide as its widest box). */
    double columnLeft;

    double columnRight;

    /** Per feature offset: the y of its row (inputs only); features of the "more" row share it. */
    final Map<Integer, Double> rows = new HashMap<>();

    /** Edges entering on the left, top to bottom. */
    final List<Route> entries = new ArrayList<>();

    /** A neuron: a box with round ends. */
    boolean pill;

    double right() {
      return x + width;
    }

    double centerX() {
      return x + width / 2;
    }

    double centerY() {
      return y + height / 2;
    }

    /** The corner radius: round ends for a neuron (rounded corners when it is tall). */
    double radius() {
      return pill ? Math.min(height / 2, PILL_RADIUS) : 3;
    }

    /** Where the box's left outline is at height {@code at}, corners included. */
    double leftX(double at) {
      double r = radius();
      double d = Math.max(Math.abs(at - centerY()) - (height / 2 - r), 0);
      return d >= r ? x + r : x + r - Math.sqrt(r * r - d * d);
    }
  }

  /** How one drawn edge runs. */
  private enum Shape {
    /** To a later column: a curve from the source's right side to the target's left side. */
    RIGHT,
    /** Back to the same or an earlier column: out to the right, over the top, in from the left. */
    BACK,
    /** From a node to itself: a loop on its top. */
    LOOP
  }

  /** One drawn edge (one edge, or parallel edges merged in a summary). */
  private static final class Route {
    Edge first;
    int count = 1;
    Kind kind;
    Shape shape;
    Box from;
    Box to;
    double fromY;
    double entryY;

    /** Which of the routes leaving the same place this one is, for placing labels apart. */
    int sibling;

    /** How many routes leave the same place. */
    int siblings;

    int lane;
    int loop;
    List<String> label = new ArrayList<>();
    String tooltip;
    String tail;
    String head;
  }

  /** Writes one model; holds the per-model layout. */
  private static final class Picture {
    private final Graph g;
    private final Schedule s;
    private final boolean summary;
    private final boolean[] outputs;
    private final Box[] inputBoxes;
    private final Box[] nodeBoxes;
    private final List<Map<Integer, String>> featurePorts = new ArrayList<>();
    private final List<Route> routes = new ArrayList<>();
    private final StringBuilder out = new StringBuilder();
    private int lanes;
    private double top;
    private double bottom;
    private double width;

    Picture(Model model, boolean summary) {
      this.g = model.graph();
      this.s = model.schedule();
      this.summary = summary;
      outputs = new boolean[g.nodes().size()];
      for (Port p : g.outputs()) {
        outputs[p.index()] = true;
      }
      for (int i = 0; i < g.inputs().size(); i++) {
        featurePorts.add(summary ? Map.of() : Drawings.featurePorts(g, i));
      }
      inputBoxes = new Box[g.inputs().size()];
      nodeBoxes = new Box[g.nodes().size()];
    }

    String write() {
      routes();
      layout();
      double height = bottom + legendHeight() + MARGIN;
      out.append("<svg xmlns=\"http://www.w3.org/2000/svg\"")
          .append(" class=\"rnnc-graph\" role=\"img\"")
          .append(" width=\"")
          .append(fmt(width))
          .append("\" height=\"")
          .append(fmt(height))
          .append("\" viewBox=\"0 0 ")
          .append(fmt(width))
          .append(' ')
          .append(fmt(height))
          .append("\" font-family=\"")
          .append(FONT)
          .append("\" font-size=\"")
          .append(fmt(SIZE))
          .append("\" aria-label=\"")
          .append(xml(g.name()))
          .append(": inputs, then nodes in evaluation order\">\n");
      Path file = g.source().getFileName();
      out.append("<!-- ")
          .append(comment(g.name()))
          .append(" drawn by rnnc")
          .append(file == null ? "" : " from " + comment(file.toString()))
          .append(". Left to right: inputs, then nodes in evaluation order. -->\n");
      markers();
      out.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
      for (Route r : routes) {
        writeRoute(r);
      }
      for (int i = 0; i < inputBoxes.length; i++) {
        writeInput(i);
      }
      for (int v : s.order()) {
        writeNode(v);
      }
      legend();
      out.append("</svg>\n");
      return out.toString();
    }

    // ---------------------------------------------------------------------------------- routes

    /** One route per edge (per group of parallel edges in a summary), in declaration order. */
    private void routes() {
      record Key(boolean fromNode, int from, int to, Kind kind, int delay) {}
      Map<Key, Route> merged = new LinkedHashMap<>();
      for (Edge e : g.edges()) {
        Kind kind = Drawings.kind(s, e);
        if (summary) {
          Key key =
              new Key(
                  e.from().isNode(),
                  e.from().index(),
                  e.to().index(),
                  kind,
                  kind == Kind.DELAYED ? e.delay().steps() : 0);
          Route r = merged.get(key);
          if (r != null) {
            r.count++;
            continue;
          }
          r = new Route();
          r.first = e;
          r.kind = kind;
          merged.put(key, r);
          routes.add(r);
        } else {
          Route r = new Route();
          r.first = e;
          r.kind = kind;
          routes.add(r);
        }
      }
      for (Route r : routes) {
        Edge e = r.first;
        if (summary) {
          if (r.count > 1) {
            r.label.add("×" + r.count);
          } else if (!e.weights().isScalar()) {
            r.label.add(e.weights().rows() + "×" + e.weights().cols());
          }
          r.tooltip =
              r.count > 1
                  ? g.portName(e.from()) + " -> " + g.portName(e.to()) + ": " + r.count + " edges"
                  : Drawings.edgeTooltip(g, e, r.kind);
        } else {
          r.label.add(Drawings.weightLabel(e.weights()));
          r.tooltip = Drawings.edgeTooltip(g, e, r.kind);
          r.tail = Drawings.elementLabel(g, e.from());
          r.head = Drawings.elementLabel(g, e.to());
        }
        if (r.kind == Kind.DELAYED) {
          r.label.add("delay " + e.delay().steps());
        }
      }
    }

    // ---------------------------------------------------------------------------------- layout

    private void layout() {
      List<List<Box>> columns = new ArrayList<>();
      if (!g.inputs().isEmpty()) {
        List<Box> column = new ArrayList<>();
        for (int i = 0; i < inputBoxes.length; i++) {
          inputBoxes[i] = inputBox(i);
          column.add(inputBoxes[i]);
        }
        columns.add(column);
      }
      int inputColumns = columns.size();
      int[] columnOf = new int[g.nodes().size()];
      int[] entering = new int[g.nodes().size()];
      for (Route r : routes) {
        Port from = r.first.from();
        if (!(from.isNode() && from.index() == r.first.to().index())) {
          entering[r.first.to().index()]++;
        }
      }
      List<List<Integer>> nodeColumns = Drawings.columns(s);
      for (int c = 0; c < nodeColumns.size(); c++) {
        List<Box> column = new ArrayList<>();
        for (int v : nodeColumns.get(c)) {
          nodeBoxes[v] = nodeBox(g.nodes().get(v), entering[v]);
          columnOf[v] = inputColumns + c;
          column.add(nodeBoxes[v]);
        }
        columns.add(column);
      }

      for (Route r : routes) {
        Edge e = r.first;
        r.from = e.from().isNode() ? nodeBoxes[e.from().index()] : inputBoxes[e.from().index()];
        r.to = nodeBoxes[e.to().index()];
        if (e.from().isNode() && e.from().index() == e.to().index()) {
          r.shape = Shape.LOOP;
        } else if (e.from().isInput() || columnOf[e.from().index()] < columnOf[e.to().index()]) {
          r.shape = Shape.RIGHT;
        } else {
          r.shape = Shape.BACK;
        }
      }
      int loops = 0;
      Map<Box, Integer> loopsPerBox = new HashMap<>();
      for (Route r : routes) {
        if (r.shape == Shape.BACK) {
          r.lane = lanes % MAX_LANES;
          lanes++;
        } else if (r.shape == Shape.LOOP) {
          r.loop = loopsPerBox.merge(r.to, 1, Integer::sum) - 1;
          loops = Math.max(loops, r.loop + 1);
        }
      }

      // Room after each column for the labels of the edges that leave it (several from one place
      // are labelled one after the other along their way).
      Map<Box, Integer> columnOfBox = new HashMap<>();
      for (int c = 0; c < columns.size(); c++) {
        for (Box b : columns.get(c)) {
          columnOfBox.put(b, c);
        }
      }
      double[] gapAfter = new double[columns.size()];
      Map<String, Integer> fans = new HashMap<>();
      for (Route r : routes) {
        if (r.shape == Shape.RIGHT) {
          Port from = r.first.from();
          fans.merge(
              (from.isNode() ? "n" : "i" + from.offset() + ":") + from.index(), 1, Integer::sum);
        }
      }
      for (Route r : routes) {
        if (r.shape == Shape.RIGHT && !r.label.isEmpty()) {
          Port from = r.first.from();
          int fan = fans.get((from.isNode() ? "n" : "i" + from.offset() + ":") + from.index());
          double need =
              50 + textWidth(String.join(" · ", r.label), SMALL, false) * Math.min(fan, 3) * 0.8;
          int c = columnOfBox.get(r.from);
          gapAfter[c] = Math.max(gapAfter[c], need);
        }
      }

      // Columns left to right, each as wide as its widest box; boxes centred in their column.
      double above = MARGIN + Math.max(Math.min(lanes, MAX_LANES) * LANE + 14, loops * 14 + 30);
      double tallest = 0;
      for (List<Box> column : columns) {
        tallest = Math.max(tallest, columnHeight(column));
      }
      double x = MARGIN;
      double lastGap = 0;
      for (int c = 0; c < columns.size(); c++) {
        List<Box> column = columns.get(c);
        double columnWidth = column.stream().mapToDouble(b -> b.width).max().orElse(0);
        double y = above + (tallest - columnHeight(column)) / 2;
        for (Box b : column) {
          b.x = x + (columnWidth - b.width) / 2;
          b.y = y;
          b.columnLeft = x;
          b.columnRight = x + columnWidth;
          for (Map.Entry<Integer, Double> row : b.rows.entrySet()) {
            row.setValue(row.getValue() + y);
          }
          y += b.height + NODE_GAP;
        }
        lastGap = Math.max(COLUMN_GAP, gapAfter[c]);
        x += columnWidth + lastGap;
      }
      top = above;
      bottom = above + tallest;
      width = Math.max(x - lastGap + MARGIN, legendWidth() + 2 * MARGIN);

      // Where each edge leaves and enters: feature rows, and the target's left side shared out.
      Map<String, Integer> leaving = new HashMap<>();
      for (Route r : routes) {
        Port from = r.first.from();
        Double row = from.isInput() ? r.from.rows.get(from.offset()) : null;
        boolean whole =
            from.isInput() && from.size() == g.inputs().get(from.index()).featureCount();
        r.fromY = row != null && !whole ? row : headerY(r.from, from.isInput());
        if (r.shape != Shape.LOOP) {
          r.to.entries.add(r);
        }
        if (r.shape == Shape.RIGHT) {
          r.sibling = leaving.merge(place(r), 1, Integer::sum) - 1;
        }
      }
      for (Route r : routes) {
        if (r.shape == Shape.RIGHT) {
          r.siblings = leaving.get(place(r));
        }
      }
      for (Box b : nodeBoxes) {
        if (b == null) {
          continue;
        }
        b.entries.sort(
            Comparator.comparingInt((Route r) -> r.shape == Shape.BACK ? 0 : 1)
                .thenComparingInt(r -> r.shape == Shape.BACK ? -r.lane : 0)
                .thenComparingDouble(r -> r.fromY));
        int n = b.entries.size();
        for (int k = 0; k < n; k++) {
          b.entries.get(k).entryY = b.y + b.height * (k + 1) / (n + 1);
        }
      }
    }

    /** Where a route leaves: its source and the y it leaves at. */
    private static String place(Route r) {
      Port from = r.first.from();
      return (from.isNode() ? "n" : "i") + from.index() + "@" + r.fromY;
    }

    /**
     * The y where edges leave a box that is not a feature row: an input's header, a node's middle.
     */
    private static double headerY(Box b, boolean input) {
      return input ? b.y + PAD_Y + LINE : b.centerY();
    }

    private static double columnHeight(List<Box> column) {
      double h = 0;
      for (Box b : column) {
        h += b.height;
      }
      return h + NODE_GAP * (column.size() - 1);
    }

    private Box inputBox(int i) {
      InputDef in = g.inputs().get(i);
      Box b = new Box();
      double w = Math.max(textWidth(in.name(), SIZE, true), textWidth(kindLine(in), SMALL, false));
      double header = PAD_Y * 2 + LINE + SMALL_LINE;
      String preview = preview(i);
      if (preview != null) {
        w = Math.max(w, textWidth(preview, SMALL, false));
        header += SMALL_LINE;
      }
      double y = header;
      for (Map.Entry<Integer, String> port : featurePorts.get(i).entrySet()) {
        if (!port.getValue().equals("more")) {
          w = Math.max(w, textWidth(Drawings.featureLabel(in, port.getKey()), SIZE, false));
          b.rows.put(port.getKey(), y + ROW / 2);
          y += ROW;
        }
      }
      String more = moreRow(i);
      if (more != null) {
        w = Math.max(w, textWidth(more, SIZE, false));
        for (Map.Entry<Integer, String> port : featurePorts.get(i).entrySet()) {
          if (port.getValue().equals("more")) {
            b.rows.put(port.getKey(), y + ROW / 2);
          }
        }
        y += ROW;
      }
      b.width = Math.max(w + 2 * PAD_X, 60);
      b.height = y;
      return b;
    }

    private String kindLine(InputDef in) {
      return Drawings.inputKind(g, in);
    }

    /** The vocabulary preview of a tokens input whose features are not listed one by one. */
    private String preview(int i) {
      InputDef in = g.inputs().get(i);
      return featurePorts.get(i).isEmpty() && in instanceof TokenInput t
          ? Drawings.preview(t.vocabulary())
          : null;
    }

    /** "… N more", for features beyond the listed rows; null when every feature is listed. */
    private String moreRow(int i) {
      Map<Integer, String> ports = featurePorts.get(i);
      int more = 0;
      for (String p : ports.values()) {
        more += p.equals("more") ? 1 : 0;
      }
      int unlisted = g.inputs().get(i).featureCount() - ports.size();
      return !ports.isEmpty() && (more > 0 || unlisted > 0)
          ? "… " + (more + unlisted) + " more"
          : null;
    }

    /** A node's box, tall enough for the arrows of its {@code entering} edges to stand apart. */
    private Box nodeBox(Node n, int entering) {
      Box b = new Box();
      b.pill = !n.group();
      double w = textWidth(title(n), SIZE, true);
      List<String> lines = factLines(n);
      for (String line : lines) {
        w = Math.max(w, textWidth(line, SMALL, false));
      }
      b.height = Math.max(PAD_Y * 2 + LINE + SMALL_LINE * lines.size(), 8 + 9 * entering);
      b.width = Math.max(w + 2 * PAD_X + (n.group() ? 0 : b.height / 3), 54);
      return b;
    }

    private static String title(Node n) {
      return n.group() ? n.name() + " [" + n.size() + "]" : n.name();
    }

    /** The facts two to a line, as in the DOT drawing. */
    private static List<String> factLines(Node n) {
      List<String> facts = Drawings.facts(n);
      List<String> lines = new ArrayList<>();
      for (int k = 0; k < facts.size(); k += 2) {
        lines.add(k + 1 < facts.size() ? facts.get(k) + " · " + facts.get(k + 1) : facts.get(k));
      }
      return lines;
    }

    // ----------------------------------------------------------------------------------- boxes

    private void writeInput(int i) {
      InputDef in = g.inputs().get(i);
      Box b = inputBoxes[i];
      out.append("<g class=\"input\" data-name=\"")
          .append(xml(in.name()))
          .append("\">\n<title>")
          .append(xml(Drawings.inputTooltip(in)))
          .append("</title>\n");
      rect(b.x, b.y, b.width, b.height, 3, ROW_FILL, INPUT_STROKE, 1);
      double header = PAD_Y * 2 + LINE + SMALL_LINE + (preview(i) == null ? 0 : SMALL_LINE);
      rect(b.x, b.y, b.width, header, 3, INPUT_FILL, INPUT_STROKE, 1);
      double cx = b.centerX();
      text(cx, b.y + PAD_Y + LINE - 3, in.name(), SIZE, "middle", "bold", null);
      text(cx, b.y + PAD_Y + LINE + SMALL_LINE - 2, kindLine(in), SMALL, "middle", null, null);
      String preview = preview(i);
      if (preview != null) {
        text(
            cx, b.y + PAD_Y + LINE + 2 * SMALL_LINE - 2, preview, SMALL, "middle", null, "#444444");
      }
      double y = b.y + header;
      for (Map.Entry<Integer, String> port : featurePorts.get(i).entrySet()) {
        if (!port.getValue().equals("more")) {
          line(b.x, y, b.right(), y, INPUT_STROKE);
          text(
              b.x + PAD_X,
              y + ROW - 5,
              Drawings.featureLabel(in, port.getKey()),
              SIZE,
              "start",
              null,
              null);
          y += ROW;
        }
      }
      String more = moreRow(i);
      if (more != null) {
        line(b.x, y, b.right(), y, INPUT_STROKE);
        text(b.x + PAD_X, y + ROW - 5, more, SIZE, "start", null, MUTED);
      }
      out.append("</g>\n");
    }

    private void writeNode(int v) {
      Node n = g.nodes().get(v);
      Box b = nodeBoxes[v];
      out.append("<g class=\"node ")
          .append(n.group() ? "group" : "neuron")
          .append(outputs[v] ? " output" : "")
          .append("\" data-name=\"")
          .append(xml(n.name()))
          .append("\" data-line=\"")
          .append(n.position().line())
          .append("\">\n<title>")
          .append(xml(Drawings.nodeTooltip(n, outputs[v])))
          .append("</title>\n");
      String fill = n.group() ? GROUP_FILL : NEURON_FILL;
      String stroke = n.group() ? GROUP_STROKE : NEURON_STROKE;
      double radius = b.radius();
      if (n.group()) {
        // A second box behind: a group is many neurons.
        rect(b.x + 4, b.y - 4, b.width, b.height, radius, fill, stroke, 1);
      }
      if (outputs[v]) {
        rect(b.x - 3, b.y - 3, b.width + 6, b.height + 6, radius + 3, "none", stroke, 1);
      }
      rect(b.x, b.y, b.width, b.height, radius, fill, stroke, 1.2);
      double cx = b.centerX();
      text(cx, b.y + PAD_Y + LINE - 3, title(n), SIZE, "middle", "bold", null);
      double y = b.y + PAD_Y + LINE - 3;
      for (String line : factLines(n)) {
        y += SMALL_LINE;
        text(cx, y, line, SMALL, "middle", null, null);
      }
      out.append("</g>\n");
    }

    // ---------------------------------------------------------------------------------- edges

    private void markers() {
      out.append("<defs>\n");
      for (Kind k : Kind.values()) {
        out.append("<marker id=\"")
            .append(markerId(k))
            .append("\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\"")
            .append(" markerWidth=\"7\" markerHeight=\"7\" markerUnits=\"userSpaceOnUse\"")
            .append(" orient=\"auto\"><path d=\"M0,1 L10,5 L0,9 z\" fill=\"")
            .append(color(k))
            .append("\"/></marker>\n");
      }
      out.append("</defs>\n");
    }

    private static String markerId(Kind k) {
      return "rnnc-arrow-" + k.name().toLowerCase(Locale.ROOT);
    }

    private static String color(Kind k) {
      return switch (k) {
        case FORWARD -> Drawings.EDGE_COLOR;
        case BACKWARD -> Drawings.BACKWARD_COLOR;
        case DELAYED -> Drawings.DELAY_COLOR;
      };
    }

    private void writeRoute(Route r) {
      String path;
      // Where the label may go, best first; the first place clear of other labels and boxes wins.
      List<double[]> spots = new ArrayList<>();
      String anchor = "middle";
      switch (r.shape) {
        case RIGHT -> {
          double x1 = r.from.right();
          double y1 = r.fromY;
          double x2 = r.to.leftX(r.entryY) - 2;
          double y2 = r.entryY;
          double dx = Math.max(30, (x2 - x1) / 2);
          path =
              "M" + pt(x1, y1) + " C" + pt(x1 + dx, y1) + " " + pt(x2 - dx, y2) + " " + pt(x2, y2);
          // Edges from an input's rows are labelled near their row, where they stand apart;
          // edges that leave one place together spread their labels along the way.
          double t0 =
              r.siblings > 1
                  ? 0.15 + 0.7 * r.sibling / (r.siblings - 1)
                  : r.first.from().isInput() ? 0.2 : 0.5;
          for (double shift : new double[] {0, 0.12, -0.1, 0.24, 0.36, -0.2, 0.48}) {
            double t = Math.max(0.06, Math.min(0.94, t0 + shift));
            for (double dy : new double[] {-4, 12, -16, 24}) {
              spots.add(
                  new double[] {
                    bezier(t, x1, x1 + dx, x2 - dx, x2), bezier(t, y1, y1, y2, y2) + dy
                  });
            }
          }
        }
        case BACK -> {
          double gx = r.from.columnRight + 16 + 6 * (r.lane % 6);
          double lx = r.to.columnLeft - 16 - 6 * (r.lane % 6);
          double laneY = top - 14 - LANE * r.lane;
          double sy = r.fromY;
          double ty = r.entryY;
          double c = CORNER;
          path =
              "M"
                  + pt(r.from.right(), sy)
                  + " H"
                  + fmt(gx - c)
                  + " Q"
                  + pt(gx, sy)
                  + " "
                  + pt(gx, sy - c)
                  + " V"
                  + fmt(laneY + c)
                  + " Q"
                  + pt(gx, laneY)
                  + " "
                  + pt(gx - c, laneY)
                  + " H"
                  + fmt(lx + c)
                  + " Q"
                  + pt(lx, laneY)
                  + " "
                  + pt(lx, laneY + c)
                  + " V"
                  + fmt(ty - c)
                  + " Q"
                  + pt(lx, ty)
                  + " "
                  + pt(lx + c, ty)
                  + " H"
                  + fmt(r.to.leftX(ty) - 2);
          for (double f : new double[] {0.5, 0.3, 0.7, 0.15, 0.85}) {
            spots.add(new double[] {lx + (gx - lx) * f, laneY - 4});
          }
        }
        default -> {
          double cx = r.to.centerX();
          double y = r.to.y;
          double reach = 30 + 14 * r.loop;
          double spread = 26 + 8 * r.loop;
          path =
              "M"
                  + pt(cx + 8, y)
                  + " C"
                  + pt(cx + spread, y - reach)
                  + " "
                  + pt(cx - spread, y - reach)
                  + " "
                  + pt(cx - 8, y - 1);
          spots.add(new double[] {cx + spread / 2 + 4, y - reach * 0.75});
          anchor = "start";
        }
      }
      Kind k = r.kind;
      out.append("<g class=\"edge ")
          .append(k.name().toLowerCase(Locale.ROOT))
          .append("\" data-line=\"")
          .append(r.first.position().line())
          .append("\">\n<title>")
          .append(xml(r.tooltip))
          .append("</title>\n<path d=\"")
          .append(path)
          .append("\" fill=\"none\" stroke=\"")
          .append(color(k))
          .append("\" stroke-width=\"")
          .append(r.count > 1 || !r.first.weights().isScalar() ? "2.4" : "1.3")
          .append('"')
          .append(k == Kind.FORWARD ? "" : " stroke-dasharray=\"6 4\"")
          .append(" marker-end=\"url(#")
          .append(markerId(k))
          .append(")\"/>\n");
      if (!r.label.isEmpty()) {
        String label = String.join(" · ", r.label);
        double[] at = clearSpot(label, anchor, spots);
        haloText(at[0], at[1], label, SMALL, anchor, color(k));
      }
      if (r.tail != null && r.shape != Shape.LOOP) {
        haloText(r.from.right() + 4, r.fromY - 4, r.tail, SMALL, "start", color(k));
      }
      if (r.head != null && r.shape != Shape.LOOP) {
        haloText(r.to.leftX(r.entryY) - 6, r.entryY + 12, r.head, SMALL, "end", color(k));
      }
      out.append("</g>\n");
    }

    /** Labels placed so far, as rectangles {x, y, width, height}. */
    private final List<double[]> placed = new ArrayList<>();

    /**
     * The first spot where a label overlaps no label placed before it and no box; the first spot if
     * there is none. The spot is then taken.
     */
    private double[] clearSpot(String label, String anchor, List<double[]> spots) {
      double w = textWidth(label, SMALL, false) + 4;
      double[] chosen = null;
      for (double[] spot : spots) {
        double left = anchor.equals("middle") ? spot[0] - w / 2 : spot[0];
        double[] rect = {left, spot[1] - 10, w, 13};
        if (placed.stream().noneMatch(p -> overlaps(p, rect)) && !onABox(rect)) {
          chosen = spot;
          placed.add(rect);
          break;
        }
      }
      if (chosen == null) {
        chosen = spots.get(0);
        double left = anchor.equals("middle") ? chosen[0] - w / 2 : chosen[0];
        placed.add(new double[] {left, chosen[1] - 10, w, 13});
      }
      return chosen;
    }

    private boolean onABox(double[] rect) {
      for (Box[] boxes : List.of(inputBoxes, nodeBoxes)) {
        for (Box b : boxes) {
          if (b != null && overlaps(new double[] {b.x, b.y, b.width, b.height}, rect)) {
            return true;
          }
        }
      }
      return false;
    }

    private static boolean overlaps(double[] a, double[] b) {
      return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
    }

    // ---------------------------------------------------------------------------------- legend

    private List<String> legendNotes() {
      List<String> notes = new ArrayList<>();
      if (!g.window().equals(Window.NONE)) {
        Window w = g.window();
        notes.add(
            "one step = a window of "
                + w.size()
                + " elements, stride "
                + w.stride()
                + (w.partial() ? ", partial windows at the start" : ""));
      }
      if (summary) {
        notes.add(
            "summarized ("
                + g.nodes().size()
                + " nodes, "
                + g.edges().size()
                + " edges): parallel edges merged as ×N, weights not shown");
      }
      return notes;
    }

    private boolean hasDelays() {
      return routes.stream().anyMatch(r -> r.kind == Kind.DELAYED);
    }

    /** The legend's entries: a sample of each kind of line, and what it means. */
    private List<String[]> legendKeys() {
      List<String[]> keys = new ArrayList<>();
      keys.add(new String[] {"FORWARD", "this step"});
      keys.add(new String[] {"BACKWARD", "reads the previous step"});
      if (hasDelays()) {
        keys.add(new String[] {"DELAYED", "reads k steps back"});
      }
      keys.add(new String[] {"OUTPUT", "output"});
      return keys;
    }

    private double legendWidth() {
      Path file = g.source().getFileName();
      double w =
          textWidth(g.name(), SIZE, true)
              + (file == null ? 0 : textWidth(" (" + file + ")", SIZE, false));
      double keys = 0;
      for (String[] key : legendKeys()) {
        keys += 34 + textWidth(key[1], SMALL, false) + 18;
      }
      w = Math.max(w, keys);
      for (String note : legendNotes()) {
        w = Math.max(w, textWidth(note, SMALL, false));
      }
      return w;
    }

    private double legendHeight() {
      return 24 + LINE + SMALL_LINE + 4 + SMALL_LINE * legendNotes().size();
    }

    private void legend() {
      double y = bottom + 24 + LINE - 3;
      out.append("<g class=\"legend\">\n");
      Path file = g.source().getFileName();
      out.append("<text x=\"")
          .append(fmt(MARGIN))
          .append("\" y=\"")
          .append(fmt(y))
          .append("\"><tspan font-weight=\"bold\">")
          .append(xml(g.name()))
          .append("</tspan>");
      if (file != null) {
        out.append("<tspan fill=\"")
            .append(MUTED)
            .append("\"> (")
            .append(xml(file.toString()))
            .append(")</tspan>");
      }
      out.append("</text>\n");
      y += SMALL_LINE + 4;
      double x = MARGIN;
      for (String[] key : legendKeys()) {
        if (key[0].equals("OUTPUT")) {
          rect(x + 2, y - 9, 24, 10, 2, "none", MUTED, 1);
          rect(x + 5, y - 6, 18, 4, 1, "none", MUTED, 1);
        } else {
          Kind k = Kind.valueOf(key[0]);
          out.append("<line x1=\"")
              .append(fmt(x))
              .append("\" y1=\"")
              .append(fmt(y - 4))
              .append("\" x2=\"")
              .append(fmt(x + 28))
              .append("\" y2=\"")
              .append(fmt(y - 4))
              .append("\" stroke=\"")
              .append(color(k))
              .append("\" stroke-width=\"1.3\"")
              .append(k == Kind.FORWARD ? "" : " stroke-dasharray=\"6 4\"")
              .append("/>\n");
        }
        text(x + 34, y, key[1], SMALL, "start", null, null);
        x += 34 + textWidth(key[1], SMALL, false) + 18;
      }
      for (String note : legendNotes()) {
        y += SMALL_LINE;
        text(MARGIN, y, note, SMALL, "start", null, MUTED);
      }
      out.append("</g>\n");
    }

    // -------------------------------------------------------------------------------- elements

    private void rect(
        double x,
        double y,
        double w,
        double h,
        double radius,
        String fill,
        String stroke,
        double strokeWidth) {
      out.append("<rect x=\"")
          .append(fmt(x))
          .append("\" y=\"")
          .append(fmt(y))
          .append("\" width=\"")
          .append(fmt(w))
          .append("\" height=\"")
          .append(fmt(h))
          .append("\" rx=\"")
          .append(fmt(radius))
          .append("\" fill=\"")
          .append(fill)
          .append("\" stroke=\"")
          .append(stroke)
          .append("\" stroke-width=\"")
          .append(fmt(strokeWidth))
          .append("\"/>\n");
    }

    private void line(double x1, double y1, double x2, double y2, String stroke) {
      out.append("<line x1=\"")
          .append(fmt(x1))
          .append("\" y1=\"")
          .append(fmt(y1))
          .append("\" x2=\"")
          .append(fmt(x2))
          .append("\" y2=\"")
          .append(fmt(y2))
          .append("\" stroke=\"")
          .append(stroke)
          .append("\"/>\n");
    }

    private void text(
        double x, double y, String s, double size, String anchor, String weight, String fill) {
      out.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append('"');
      if (size != SIZE) {
        out.append(" font-size=\"").append(fmt(size)).append('"');
      }
      if (!anchor.equals("start")) {
        out.append(" text-anchor=\"").append(anchor).append('"');
      }
      if (weight != null) {
        out.append(" font-weight=\"").append(weight).append('"');
      }
      if (fill != null) {
        out.append(" fill=\"").append(fill).append('"');
      }
      out.append('>').append(xml(s)).append("</text>\n");
    }

    /** Text on a white halo, readable where it crosses lines. */
    private void haloText(double x, double y, String s, double size, String anchor, String fill) {
      out.append("<text x=\"")
          .append(fmt(x))
          .append("\" y=\"")
          .append(fmt(y))
          .append("\" font-size=\"")
          .append(fmt(size))
          .append('"');
      if (!anchor.equals("start")) {
        out.append(" text-anchor=\"").append(anchor).append('"');
      }
      out.append(" fill=\"")
          .append(fill)
          .append("\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">")
          .append(xml(s))
          .append("</text>\n");
    }
  }

  // ---------------------------------------------------------------------------------- formatting

  /**
   * An estimate of the width of {@code s} in a sans-serif font of {@code size} pixels, from fixed
   * per-character widths (close to Helvetica's), so that layouts do not depend on installed fonts.
   */
  static double textWidth(String s, double size, boolean bold) {
    double em = 0;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      em += charWidth(c);
      i += Character.charCount(c);
    }
    return em * size * (bold ? 1.07 : 1.0);
  }

  private static double charWidth(int c) {
    if (c == ' ' || c == '·') {
      return 0.28;
    }
    if ("ijl.,:;'|!".indexOf(c) >= 0) {
      return 0.24;
    }
    if ("ftrI[]()-/".indexOf(c) >= 0) {
      return 0.34;
    }
    if ("mwMW".indexOf(c) >= 0) {
      return 0.86;
    }
    if (c >= 'A' && c <= 'Z') {
      return 0.68;
    }
    if (c >= '0' && c <= '9') {
      return 0.56;
    }
    if (c >= 'a' && c <= 'z') {
      return 0.54;
    }
    if (c == '…' || c == '_') {
      return 0.6;
    }
    return c >= 0x2E80 ? 1.0 : 0.62;
  }

  /** A coordinate: at most one decimal, no trailing zero. */
  static String fmt(double v) {
    long tenths = Math.round(v * 10);
    if (tenths == 0) {
      return "0";
    }
    String sign = tenths < 0 ? "-" : "";
    long a = Math.abs(tenths);
    return a % 10 == 0 ? sign + a / 10 : sign + a / 10 + "." + a % 10;
  }

  /** One coordinate of a cubic Bézier curve at {@code t}. */
  private static double bezier(double t, double p0, double p1, double p2, double p3) {
    double u = 1 - t;
    return u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3;
  }

  private static String pt(double x, double y) {
    return fmt(x) + "," + fmt(y);
  }

  /** Text for XML content and attribute values: markup escaped, control characters as spaces. */
  static String xml(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> {
          boolean lone =
              Character.isSurrogate(c)
                  && !(Character.isHighSurrogate(c)
                      && i + 1 < s.length()
                      && Character.isLowSurrogate(s.charAt(i + 1)))
                  && !(Character.isLowSurrogate(c)
                      && i > 0
                      && Character.isHighSurrogate(s.charAt(i - 1)));
          sb.append(Character.isISOControl(c) || lone || c == '\uFFFE' || c == '\uFFFF' ? ' ' : c);
        }
      }
    }
    return sb.toString();
  }

  /** Text inside an XML comment: no "--", on one line. */
  private static String comment(String s) {
    return xml(s).replace("--", "- -");
  }
}
