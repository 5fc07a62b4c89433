package dev.rnnc.compiler.graphviz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.GraphFixture;
import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Delay;
import dev.rnnc.compiler.ir.Matrix;
import dev.rnnc.compiler.schedule.Schedule;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** rnnc's own SVG drawing of hand-built models: what edges look like, layout, escaping. */
class SvgWriterTest {

  private static final SvgWriter WRITER = new SvgWriter();

  private static Model model(Schedule s) {
    return new Model(s.graph(), s);
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  /** The {@code <g>} elements of one class, in document order. */
  private static List<Element> groups(Document svg, String cls) {
    List<Element> found = new ArrayList<>();
    NodeList gs = svg.getElementsByTagName("g");
    for (int i = 0; i < gs.getLength(); i++) {
      Element g = (Element) gs.item(i);
      if ((" " + g.getAttribute("class") + " ").contains(" " + cls + " ")) {
        found.add(g);
      }
    }
    return found;
  }

  private static String title(Element g) {
    return g.getElementsByTagName("title").item(0).getTextContent();
  }

  private static Element path(Element g) {
    return (Element) g.getElementsByTagName("path").item(0);
  }

  private static final Pattern NUMBER = Pattern.compile("-?[0-9.]+");

  /** The x coordinates of a path's first and last points (each point is x,y). */
  private static double[] ends(Element path) {
    Matcher m = NUMBER.matcher(path.getAttribute("d"));
    List<Double> xs = new ArrayList<>();
    while (m.find()) {
      xs.add(Double.parseDouble(m.group()));
    }
    return new double[] {xs.get(0), xs.get(xs.size() - 2)};
  }

  @Test
  void backwardEdgesAreDashedRedAndRunBackOverTheTop() throws Exception {
    Document svg = parse(WRITER.write(Models.sentiment()));
    List<Element> backward = groups(svg, "backward");
    assertThat(backward).hasSize(1);
    Element back = backward.get(0);
    assertThat(title(back)).startsWith("score -> praise: weight 0.6, points backward in the order");
    Element p = path(back);
    assertThat(p.getAttribute("stroke")).isEqualTo(Drawings.BACKWARD_COLOR);
    assertThat(p.getAttribute("stroke-dasharray")).isNotEmpty();
    assertThat(p.getAttribute("d")).contains(" V", " H");
    assertThat(back.getTextContent()).contains("0.6");
    assertThat(svg.getDocumentElement().getTextContent()).contains("reads the previous step");
  }

  @Test
  void sameStepEdgesPointRightAndAreSolid() throws Exception {
    Document svg = parse(WRITER.write(Models.sentiment()));
    List<Element> forward = groups(svg, "forward");
    assertThat(forward).hasSize(11);
    for (Element e : forward) {
      Element p = path(e);
      assertThat(p.getAttribute("stroke-dasharray")).isEmpty();
      double[] x = ends(p);
      assertThat(x[1]).as(title(e)).isGreaterThan(x[0]);
    }
  }

  @Test
  void fixedDelaysAreDashedBlueAndSaySo() throws Exception {
    Document svg = parse(WRITER.write(Models.sensor()));
    List<Element> delayed = groups(svg, "delayed");
    assertThat(delayed).isNotEmpty();
    for (Element e : delayed) {
      assertThat(path(e).getAttribute("stroke")).isEqualTo(Drawings.DELAY_COLOR);
      assertThat(e.getTextContent()).contains("delay ");
    }
    assertThat(svg.getDocumentElement().getTextContent()).contains("reads k steps back");
  }

  @Test
  void nodesCarryTheirLineAndOutputsHaveADoubleBorder() throws Exception {
    Document svg = parse(WRITER.write(Models.sentiment()));
    List<Element> nodes = groups(svg, "node");
    assertThat(nodes)
        .extracting(n -> n.getAttribute("data-name"))
        .containsExactly("praise", "negation", "score");
    for (Element n : nodes) {
      assertThat(n.getAttribute("data-line")).matches("[0-9]+");
      assertThat(n.getAttribute("class")).contains("output");
      assertThat(n.getElementsByTagName("rect").getLength()).isEqualTo(2);
    }
    assertThat(groups(svg, "input"))
        .extracting(i -> i.getAttribute("data-name"))
        .containsExactly("words");
    assertThat(groups(svg, "input").get(0).getTextContent()).contains("not good", "boring");
  }

  @Test
  void groupsAreStackedBoxesAndSelfLoopsSitOnTop() throws Exception {
    Document svg = parse(WRITER.write(Models.elman()));
    Element h = groups(svg, "group").get(0);
    assertThat(h.getTextContent()).contains("h [3]", "tanh");
    Element loop =
        groups(svg, "edge").stream()
            .filter(e -> title(e).startsWith("h -> h"))
            .findFirst()
            .orElseThrow();
    assertThat(path(loop).getAttribute("d")).contains(" C");
    assertThat(loop.getTextContent()).contains("W 3×3", "delay 1");
  }

  @Test
  void hostileNamesAndTermsAreEscaped() throws Exception {
    GraphFixture f = new GraphFixture().name("Evil\"Model\n<!-- -->");
    int words = f.tokens("words", "say \"hi\"", "<b>&amp;</b>", "two\nlines", "it's");
    int a = f.neuron("a\"b\\", Activation.TANH);
    int b = f.neuron("<x>", Activation.TANH);
    for (int i = 0; i < 4; i++) {
      f.edge(f.feature(words, i), f.whole(a), Matrix.scalar(1), Delay.ZERO);
    }
    f.edge(a, b, 1.0, Delay.AUTO).edge(b, a, 1.0, Delay.AUTO).output(b);
    String text = WRITER.write(model(f.schedule(a, b)));

    Document svg = parse(text);
    String content = svg.getDocumentElement().getTextContent();
    assertThat(content)
        .contains("say \"hi\"", "<b>&amp;</b>", "two lines", "it's", "<x>", "a\"b\\");
    assertThat(text).contains("<!-- Evil&quot;Model &lt;!- - - -&gt; drawn by rnnc");
  }

  @Test
  void sameModelGivesTheSameBytes() {
    assertThat(new SvgWriter().write(Models.sentiment()))
        .isEqualTo(WRITER.write(Models.sentiment()));
    assertThat(WRITER.write(Models.chain(300))).isEqualTo(new SvgWriter().write(Models.chain(300)));
  }

  @Test
  void bigModelsAreSummarized() throws Exception {
    Model big = Models.chain(500);
    assertThat(WRITER.summarizes(big)).isTrue();
    Document svg = parse(WRITER.write(big));
    assertThat(svg.getDocumentElement().getTextContent())
        .contains("summarized (500 nodes, 1498 edges): parallel edges merged as ×N");
    // 1 input edge, 499 merged pairs, 499 backward edges.
    assertThat(groups(svg, "edge")).hasSize(999);
    assertThat(groups(svg, "forward").get(1).getTextContent()).contains("×2");
  }

  @Test
  void widthsAreEstimatedWithoutFonts() {
    assertThat(SvgWriter.textWidth("", 12, false)).isZero();
    assertThat(SvgWriter.textWidth("mmm", 12, false))
        .isGreaterThan(SvgWriter.textWidth("iii", 12, false));
    assertThat(SvgWriter.textWidth("abc", 12, true))
        .isGreaterThan(SvgWriter.textWidth("abc", 12, false));
    assertThat(SvgWriter.fmt(1.25)).isEqualTo("1.3");
    assertThat(SvgWriter.fmt(-0.04)).isEqualTo("0");
    assertThat(SvgWriter.fmt(-2.5)).isEqualTo("-2.5");
    assertThat(SvgWriter.fmt(120)).isEqualTo("120");
    assertThat(SvgWriter.xml("a<b>&\"'\u0001")).isEqualTo("a&lt;b&gt;&amp;&quot;&#39; ");
  }
}
