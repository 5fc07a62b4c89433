package dev.rnnc.compiler.graphviz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.GraphFixture;
import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Aggregation;
import dev.rnnc.compiler.ir.Delay;
import dev.rnnc.compiler.ir.Matrix;
import dev.rnnc.compiler.ir.Port;
import dev.rnnc.compiler.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The DOT text of hand-built models: styles, columns, escaping, determinism, summaries. */
class DotWriterTest {

  /** One edge statement of the output: {@code "a" -> "b" [attrs];} (simple names only). */
  record EdgeLine(String from, String to, String attrs) {
    boolean has(String attr) {
      return attrs.contains(attr);
    }
  }

  private static final Pattern EDGE =
      Pattern.compile("^ *\"([^\"]*)\"(?::\"([^\"]*)\":e)? -> \"([^\"]*)\"(?: \\[(.*)\\])?;$");

  static List<EdgeLine> edges(String dot) {
    List<EdgeLine> edges = new ArrayList<>();
    for (String line : dot.split("\n")) {
      Matcher m = EDGE.matcher(line);
      if (m.matches() && !line.contains("style=invis")) {
        String from = m.group(2) == null ? m.group(1) : m.group(1) + ":" + m.group(2);
        edges.add(new EdgeLine(from, m.group(3), m.group(4) == null ? "" : m.group(4)));
      }
    }
    return edges;
  }

  static EdgeLine edge(String dot, String from, String to) {
    List<EdgeLine> found =
        edges(dot).stream().filter(e -> e.from().equals(from) && e.to().equals(to)).toList();
    assertThat(found).as("edges %s -> %s", from, to).hasSize(1);
    return found.get(0);
  }

  /** The node names of each {@code rank=same} block, left to right. */
  static List<List<String>> columns(String dot) {
    List<List<String>> columns = new ArrayList<>();
    List<String> current = null;
    for (String line : dot.split("\n")) {
      if (line.strip().equals("{ rank=same;")) {
        current = new ArrayList<>();
      } else if (current != null && line.strip().equals("}")) {
        columns.add(current);
        current = null;
      } else if (current != null) {
        current.add(line.strip().substring(1, line.strip().indexOf("\" [")));
      }
    }
    return columns;
  }

  private static final DotWriter WRITER = new DotWriter();

  @Test
  void backwardEdgeIsDashedRedAndDoesNotConstrainTheLayout() {
    String dot = WRITER.write(Models.sentiment());
    EdgeLine back = edge(dot, "score", "praise");
    assertThat(back.attrs())
        .contains("style=dashed", "color=\"#d62728\"", "constraint=false", "label=\"0.6\"");
    assertThat(dot).contains("dashed red = reads previous step");
  }

  @Test
  void forwardEdgesAreSolidAndLabelledWithTheirWeight() {
    String dot = WRITER.write(Models.sentiment());
    EdgeLine forward = edge(dot, "praise", "score");
    assertThat(forward.has("style=")).isFalse();
    assertThat(forward.has("constraint=false")).isFalse();
    assertThat(forward.attrs()).startsWith("label=\"2.5\"");
    assertThat(edge(dot, "negation", "score").attrs()).startsWith("label=\"-0.5\"");
    assertThat(edge(dot, "words:f7", "praise").attrs()).startsWith("label=\"-2\"");
    assertThat(edges(dot).stream().filter(e -> !e.has("style=dashed"))).hasSize(11);
  }

  @Test
  void columnsFollowTheOrderAndSameStepEdgesPointRight() {
    for (Model m :
        List.of(
            Models.sentiment(),
            Models.oscillator(),
            Models.sensor(),
            Models.elman(),
            Models.chain(12))) {
      String dot = WRITER.write(m);
      List<List<String>> columns = columns(dot);
      List<String> flattened = columns.stream().flatMap(List::stream).toList();
      List<String> order =
          m.schedule().order().stream().map(i -> m.graph().nodes().get(i).name()).toList();
      assertThat(flattened).as("columns read in evaluation order").isEqualTo(order);
      for (EdgeLine e : edges(dot)) {
        if (!e.has("style=dashed") && columnOf(columns, e.from()) >= 0) {
          assertThat(columnOf(columns, e.from()))
              .as("%s -> %s points right", e.from(), e.to())
              .isLessThan(columnOf(columns, e.to()));
        }
      }
    }
    assertThat(columns(WRITER.write(Models.sentiment())))
        .containsExactly(List.of("praise", "negation"), List.of("score"));
    assertThat(columns(WRITER.write(Models.oscillator())))
        .containsExactly(List.of("c"), List.of("s", "energy"), List.of("memory"));
  }

  private static int columnOf(List<List<String>> columns, String name) {
    for (int c = 0; c < columns.size(); c++) {
      if (columns.get(c).contains(name)) {
        return c;
      }
    }
    return -1;
  }

  @Test
  void inputsComeFirstAndColumnsAreChainedInvisibly() {
    String dot = WRITER.write(Models.oscillator());
    assertThat(dot).contains("\"c\" -> \"s\" -> \"memory\" [style=invis, weight=0];");
    String sentiment = WRITER.write(Models.sentiment());
    assertThat(sentiment.indexOf("{ rank=source;"))
        .isPositive()
        .isLessThan(sentiment.indexOf("{ rank=same;"));
  }

  @Test
  void fixedDelaysAreDashedBlueAndSaySo() {
    String dot = WRITER.write(Models.oscillator());
    EdgeLine delayed = edge(dot, "c", "memory");
    assertThat(delayed.attrs())
        .contains("label=\"1\\ndelay 2\"", "style=dashed", "color=\"#1f77b4\"", "constraint=false");
    assertThat(edge(dot, "s", "memory").has("style=")).isFalse();
    assertThat(dot).contains("dashed blue = reads k steps back");

    String sensor = WRITER.write(Models.sensor());
    List<EdgeLine> fromX0 =
        edges(sensor).stream()
            .filter(e -> e.from().equals("x:f0") && e.to().equals("trend"))
            .toList();
    assertThat(fromX0)
        .extracting(EdgeLine::attrs)
        .satisfiesExactly(
            a -> assertThat(a).startsWith("label=\"1\"").doesNotContain("dashed"),
            a ->
                assertThat(a)
                    .startsWith("label=\"-0.5\\ndelay 1\"")
                    .contains("style=dashed")
                    .doesNotContain("constraint=false"),
            a -> assertThat(a).startsWith("label=\"-0.5\\ndelay 2\"").contains("style=dashed"));
    assertThat(WRITER.write(Models.sentiment())).doesNotContain("dashed blue");
  }

  @Test
  void selfLoopsAreBackwardEdges() {
    String dot = WRITER.write(Models.oscillator());
    assertThat(edge(dot, "c", "c").attrs()).contains("style=dashed", "#d62728");
    assertThat(edge(dot, "s", "s").attrs()).contains("label=\"0.98\"", "style=dashed");
  }

  @Test
  void groupsAreOneBoxAndMatrixEdgesShowTheirShape() {
    String dot = WRITER.write(Models.elman());
    assertThat(dot)
        .contains("\"h\" [shape=box3d")
        .contains("label=<<B>h</B> [3]<BR/><FONT POINT-SIZE=\"9\">tanh · bias 0.1</FONT>>");
    assertThat(edge(dot, "x", "h").attrs()).contains("label=\"W 3×2\"", "penwidth=2");
    assertThat(edge(dot, "h", "h").attrs())
        .contains("label=\"W 3×3\\ndelay 1\"", "color=\"#1f77b4\"");
    assertThat(edge(dot, "h", "y").attrs()).contains("label=\"W 1×3\"");
  }

  @Test
  void sparseMatricesSayHowManyWeightsAreNotZero() {
    GraphFixture f = new GraphFixture();
    int r = f.group("r", 4, Activation.TANH, 0);
    double[] w = new double[16];
    w[1] = 0.5;
    w[6] = -0.25;
    w[11] = 1;
    f.edge(f.whole(r), f.whole(r), new Matrix(4, 4, w), Delay.AUTO);
    String dot = WRITER.write(model(f.schedule(r)));
    assertThat(edge(dot, "r", "r").attrs())
        .startsWith("label=\"W 4×4, 3 nonzero\"")
        .contains("tooltip=\"r -> r: weights 4×4, 3 nonzero, points backward");
  }

  @Test
  void windowedVectorInputsNameTheirReduction() {
    assertThat(nodeLine(WRITER.write(Models.sensor()), "x")).contains("vector [2] · mean");
    assertThat(nodeLine(WRITER.write(Models.elman()), "x")).contains("vector [2]</FONT>");
  }

  @Test
  void outputsHaveADoubleBorder() {
    GraphFixture f = new GraphFixture();
    int a = f.neuron("a", Activation.TANH);
    int b = f.neuron("b", Activation.TANH);
    f.edge(a, b, 1.0, Delay.AUTO).output(b);
    String dot = WRITER.write(model(f.schedule(a, b)));
    assertThat(nodeLine(dot, "a")).doesNotContain("peripheries");
    assertThat(nodeLine(dot, "b")).contains("peripheries=2");
  }

  private static String nodeLine(String dot, String id) {
    return dot.lines().filter(l -> l.startsWith("    \"" + id + "\" [")).findFirst().orElseThrow();
  }

  @Test
  void nodeLabelsListWhatDiffersFromTheDefaults() {
    String dot = WRITER.write(Models.oscillator());
    assertThat(nodeLine(dot, "memory"))
        .contains(
            "<B>memory</B><BR/><FONT POINT-SIZE=\"9\">identity · product</FONT>"
                + "<BR/><FONT POINT-SIZE=\"9\">initial 1</FONT>");
    assertThat(nodeLine(dot, "energy"))
        .contains("<B>energy</B><BR/><FONT POINT-SIZE=\"9\">identity</FONT>>");

    GraphFixture f = new GraphFixture();
    int n = f.node("n", false, 1, Activation.LEAKY_RELU, 0.2, Aggregation.MAXABS, 0.5, 2.0, 0);
    String leaky = WRITER.write(model(f.schedule(n)));
    assertThat(nodeLine(leaky, "n")).contains("leaky_relu α=0.2 · bias 0.5", "maxabs · gain 2");
  }

  @Test
  void elementEndsOfGroupEdgesAreLabelled() {
    GraphFixture f = new GraphFixture();
    int out = f.neuron("out", Activation.IDENTITY);
    int h = f.group("h", 4, Activation.TANH, 0);
    f.edge(Port.node(h, 3, 1), f.whole(out), Matrix.scalar(0.5), Delay.AUTO);
    f.edge(f.whole(out), Port.node(h, 1, 1), Matrix.scalar(-1), Delay.AUTO);
    String dot = WRITER.write(model(f.schedule(h, out)));
    assertThat(edge(dot, "h", "out").attrs())
        .contains("label=\"0.5\"", "taillabel=\"[3]\"")
        .doesNotContain("headlabel");
    assertThat(edge(dot, "out", "h").attrs()).contains("headlabel=\"[1]\"", "style=dashed");
  }

  @Test
  void tokenFeaturesReferencedOneByOneAreRowsOfTheInputBox() {
    String dot = WRITER.write(Models.sentiment());
    String words = nodeLine(dot, "words");
    assertThat(words)
        .contains("<B>words</B><BR/><FONT POINT-SIZE=\"9\">tokens · 9 terms · presence")
        .contains("<TD PORT=\"f7\" ALIGN=\"LEFT\" BGCOLOR=\"#f3f6fb\">not good</TD>")
        .doesNotContain("more");
    assertThat(edge(dot, "words:f6", "negation").attrs())
        .startsWith("label=\"4\"")
        .contains("tooltip=\"words[not] -> negation: weight 4.0, reads this step (line 1)\"");
  }

  @Test
  void wideInputsListAFewFeaturesAndMergeTheRest() {
    GraphFixture f = new GraphFixture();
    String[] vocabulary = new String[100];
    for (int i = 0; i < vocabulary.length; i++) {
      vocabulary[i] = "t" + i;
    }
    int words = f.tokens("words", vocabulary);
    int a = f.neuron("a", Activation.TANH);
    int b = f.group("b", 2, Activation.TANH, 0);
    for (int i = 0; i < 40; i++) {
      f.edge(f.feature(words, 2 * i), f.whole(a), Matrix.scalar(i), Delay.ZERO);
    }
    f.edge(f.input(words), f.whole(b), new Matrix(2, 100, new double[200]), Delay.ZERO);
    String dot = WRITER.write(model(f.schedule(a, b)));
    String box = nodeLine(dot, "words");
    // 29 rows of their own, then one row for the other 71 features (11 of them referenced).
    assertThat(box.split("<TD PORT=\"f")).hasSize(30);
    assertThat(box)
        .contains("PORT=\"f56\"")
        .doesNotContain("PORT=\"f58\"")
        .contains(
            "<TD PORT=\"more\" ALIGN=\"LEFT\" BGCOLOR=\"#f3f6fb\"><FONT COLOR=\"#666666\">… 71 more");
    assertThat(edges(dot).stream().filter(e -> e.from().equals("words:more"))).hasSize(11);
    assertThat(edge(dot, "words", "b").attrs()).contains("W 2×100");

    GraphFixture g = new GraphFixture();
    int in = g.tokens("words", vocabulary);
    int h = g.group("h", 8, Activation.TANH, 0);
    g.edge(g.input(in), g.whole(h), new Matrix(8, 100, new double[800]), Delay.ZERO);
    String whole = WRITER.write(model(g.schedule(h)));
    assertThat(nodeLine(whole, "words"))
        .contains("tokens · 100 terms · presence</FONT><BR/>")
        .contains("t0, t1, t2, t3, …")
        .doesNotContain("PORT=");
  }

  @Test
  void hostileNamesAndTermsAreEscaped() {
    GraphFixture f = new GraphFixture().name("Evil\"Model\n// \\");
    int words = f.tokens("words", "say \"hi\"", "back\\slash", "<b>&amp;</b>", "two\nlines");
    int a = f.neuron("a\"b\\", Activation.TANH);
    int b = f.neuron("<x>", Activation.TANH);
    for (int i = 0; i < 4; i++) {
      f.edge(f.feature(words, i), f.whole(a), Matrix.scalar(1), Delay.ZERO);
    }
    f.edge(a, b, 1.0, Delay.AUTO).edge(b, a, 1.0, Delay.AUTO).output(b);
    String dot = WRITER.write(model(f.schedule(a, b)));

    assertThat(dot).startsWith("// Evil\"Model // \\ drawn by rnnc graph from test.yaml.\n");
    assertThat(dot).contains("digraph \"Evil\\\"Model\\n// \\\\\" {");
    assertThat(dot).contains("<B>Evil&quot;Model // \\</B>");
    assertThat(dot)
        .contains(
            ">say &quot;hi&quot;</TD>",
            ">back\\slash</TD>",
            ">&lt;b&gt;&amp;amp;&lt;/b&gt;</TD>",
            ">two lines</TD>");
    assertThat(dot).contains("    \"a\\\"b\\\\\" [", "<B>a&quot;b\\</B>");
    assertThat(dot).contains("  \"a\\\"b\\\\\" -> \"<x>\" [label=\"1\"");
    assertThat(dot).contains("\"<x>\" -> \"a\\\"b\\\\\" [label=\"1\", style=dashed");
    assertThat(dot).contains("tooltip=\"words[say \\\"hi\\\"] -> a\\\"b\\\\: weight 1");
    assertThat(dot).contains("tooltip=\"words[two\\nlines] -> a").doesNotContain("two\nlines");
  }

  @Test
  void clashingNamesGetDistinctIds() {
    GraphFixture f = new GraphFixture();
    int x = f.vector("x", 1);
    int n = f.neuron("x", Activation.TANH);
    f.edge(f.input(x), f.whole(n), Matrix.scalar(1), Delay.ZERO);
    String dot = WRITER.write(model(f.schedule(n)));
    assertThat(dot)
        .contains(
            "    \"x\" [shape=none",
            "    \"x#2\" [shape=ellipse",
            "  \"x\" -> \"x#2\" [label=\"1\"");

    GraphFixture tabs = new GraphFixture();
    int a = tabs.neuron("a\tb", Activation.TANH);
    int b = tabs.neuron("a b", Activation.TANH);
    String written = WRITER.write(model(tabs.schedule(a, b)));
    assertThat(written).contains("    \"a b\" [", "    \"a b#2\" [");
  }

  @Test
  void sameModelGivesTheSameBytes() {
    String first = WRITER.write(Models.sentiment());
    String second = new DotWriter().write(Models.sentiment());
    assertThat(second).isEqualTo(first);
    assertThat(WRITER.write(Models.chain(500))).isEqualTo(new DotWriter().write(Models.chain(500)));
  }

  @Test
  void bigModelsAreSummarized() {
    Model big = Models.chain(500);
    assertThat(WRITER.summarizes(big)).isTrue();
    assertThat(WRITER.summarizes(Models.chain(200))).isFalse();
    String dot = WRITER.write(big);
    assertThat(dot)
        .contains(
            "summarized (500 nodes, 1498 edges): parallel edges merged as ×N,"
                + " weights not shown");
    List<EdgeLine> edges = edges(dot);
    // 1 input edge, 499 merged pairs, 499 backward edges.
    assertThat(edges).hasSize(999);
    assertThat(edge(dot, "n0", "n1").attrs()).isEqualTo("xlabel=\"×2\", penwidth=2");
    assertThat(edge(dot, "n7", "n0").attrs())
        .doesNotContain("label")
        .contains("style=dashed", "constraint=false");
    assertThat(dot).doesNotContain("label=\"0.5\"").doesNotContain("tooltip=\"n0 -> n1");
    assertThat(columns(dot)).hasSize(500);
  }

  @Test
  void summariesKeepGroupsWholeAndMergeFeatureEdges() {
    GraphFixture f = new GraphFixture();
    int x = f.vector("x", 3);
    int h = f.group("h", 300, Activation.TANH, 0);
    int out = f.neuron("out", Activation.IDENTITY);
    for (int i = 0; i < 300; i++) {
      f.edge(f.feature(x, i % 3), Port.node(h, i, 1), Matrix.scalar(1), Delay.ZERO);
      f.edge(Port.node(h, i, 1), f.whole(out), Matrix.scalar(1), Delay.AUTO);
    }
    f.edge(f.whole(h), f.whole(h), new Matrix(300, 300, new double[90000]), Delay.fixed(1));
    Model m = model(f.schedule(h, out));
    DotWriter small = new DotWriter(200, 500);
    assertThat(small.summarizes(m)).isTrue();
    String dot = small.write(m);
    assertThat(edges(dot))
        .extracting(e -> e.from() + " -> " + e.to() + " [" + e.attrs() + "]")
        .containsExactly(
            "x -> h [xlabel=\"×300\", penwidth=2]",
            "h -> out [xlabel=\"×300\", penwidth=2]",
            "h -> h [xlabel=\"300×300\\ndelay 1\", penwidth=2, style=dashed, color=\"#1f77b4\","
                + " fontcolor=\"#1f77b4\", constraint=false]");
    assertThat(nodeLine(dot, "x")).doesNotContain("PORT=");
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "-0.0, 0",
    "1, 1",
    "-0.5, -0.5",
    "2.5, 2.5",
    "0.333333, 0.333",
    "0.66666, 0.667",
    "123456, 123000",
    "1234.5, 1230",
    "0.001, 0.001",
    "0.00012345, 1.23e-04",
    "12345678, 1.23e+07",
    "-1e-9, -1e-09",
    "1.005, 1.01",
  })
  void numbersAreCompact(double v, String expected) {
    assertThat(Drawings.number(v)).isEqualTo(expected);
  }

  @Test
  void quotingEscapesQuotesBackslashesAndLineBreaks() {
    assertThat(DotWriter.quote("a\"b\\c\nd\te")).isEqualTo("\"a\\\"b\\\\c\\nd e\"");
    assertThat(DotWriter.html("<a href=\"x\">&</a>\n"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt; ");
  }

  private static Model model(Schedule s) {
    return new Model(s.graph(), s);
  }
}
