package dev.rnnc.compiler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.graphviz.DotWriter;
import dev.rnnc.compiler.graphviz.Graphviz;
import dev.rnnc.compiler.graphviz.SvgWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/** {@code rnnc graph} on real spec files: the example specs and a broken one. */
class GraphExamplesTest {

  static final Path EXAMPLES = Path.of("../specs/examples");

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  static Stream<Path> specs() throws IOException {
    try (Stream<Path> s = Files.list(EXAMPLES)) {
      List<Path> specs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertThat(specs).isNotEmpty();
      return specs.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("specs")
  void drawsEveryExampleAsDot(Path spec) throws Exception {
    Path target = dir.resolve("model.dot");
    assertThat(run("graph", spec.toString(), "-o", target.toString())).isZero();
    assertThat(err.toString()).isEmpty();
    assertThat(out.toString()).isEmpty();
    assertThat(Files.readString(target)).isEqualTo(new DotWriter().write(Compiler.load(spec)));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @ParameterizedTest
  @MethodSource("specs")
  void drawsEveryExampleAsSvgWithoutGraphviz(Path spec) throws Exception {
    Path target = dir.resolve("model.svg");
    assertThat(run("graph", spec.toString(), "-o", target.toString())).isZero();
    assertThat(err.toString()).isEmpty();
    assertThat(Files.readString(target)).isEqualTo(new SvgWriter().write(Compiler.load(spec)));
    Document svg = parse(target);
    assertThat(svg.getDocumentElement().getNodeName()).isEqualTo("svg");
  }

  /** The READMEs' pictures are what rnnc graph draws today. */
  @ParameterizedTest
  @CsvSource({
    "../specs/examples/window_sentiment.yaml, ../specs/examples/window_sentiment.svg",
    "../examples/pytorch-elman/src/main/rnnc/sine_elman.yaml,"
        + " ../examples/pytorch-elman/sine_elman.svg"
  })
  void theReadmePicturesAreCurrent(Path spec, Path picture) throws Exception {
    String drawn = new SvgWriter().write(Compiler.load(spec));
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(picture, drawn);
      return;
    }
    assertThat(Files.readString(picture))
        .as(picture + " (run with -Dgolden.update=true to redraw it)")
        .isEqualTo(drawn);
  }

  @Test
  void theSentimentPictureShowsTheBackwardEdge() throws IOException {
    Path target = dir.resolve("sentiment.dot");
    assertThat(
            run(
                "graph",
                EXAMPLES.resolve("window_sentiment.yaml").toString(),
                "-o",
                target.toString()))
        .isZero();
    String dot = Files.readString(target);
    assertThat(dot)
        .startsWith("// WindowSentiment drawn by rnnc graph from window_sentiment.yaml.")
        .contains("  \"score\" -> \"praise\" [label=\"0.6\", style=dashed, color=\"#d62728\"")
        .contains("  \"praise\" -> \"score\" [label=\"2.5\", tooltip=")
        .contains(
            "  \"words\":\"f7\":e -> \"praise\" [label=\"-2\", tooltip=\"words[not good] -> praise")
        .contains("one step = a window of 5 elements, stride 1, partial windows at the start");
  }

  @Test
  void rendersSvgWithGraphviz() throws Exception {
    assumeTrue(Graphviz.find(System.getenv("PATH")).isPresent(), "Graphviz 'dot' is not installed");
    Path target = dir.resolve("sentiment.svg");
    assertThat(
            run(
                "graph",
                EXAMPLES.resolve("window_sentiment.yaml").toString(),
                "-o",
                target.toString(),
                "--graphviz"))
        .isZero();
    assertThat(err.toString()).isEmpty();
    Document svg = parse(target);
    assertThat(svg.getDocumentElement().getNodeName()).isEqualTo("svg");
    assertThat(svg.getDocumentElement().getTextContent()).contains("praise", "not good");
  }

  @Test
  void vocabularyTermsWithQuotesAndBackslashesAreEscaped() throws Exception {
    Path spec =
        Files.writeString(
            dir.resolve("quotes.yaml"),
            """
        rnnc: 1
        name: Quotes
        inputs:
          words:
            type: tokens
            vocabulary: ['"hi"', 'back\\slash', 'a<b>&c']
        neurons:
          a: {activation: tanh}
        edges:
          - {from: 'words["hi"]', to: a, weight: 1.0}
          - {from: 'words[back\\slash]', to: a, weight: 2.0}
          - {from: 'words[a<b>&c]', to: a, weight: 3.0}
        outputs: [a]
        """);
    Path target = dir.resolve("quotes.dot");
    assertThat(run("graph", spec.toString(), "-o", target.toString())).isZero();
    String dot = Files.readString(target);
    assertThat(dot)
        .contains(">&quot;hi&quot;</TD>", ">back\\slash</TD>", ">a&lt;b&gt;&amp;c</TD>")
        .contains("tooltip=\"words[\\\"hi\\\"] -> a: weight 1")
        .contains("tooltip=\"words[back\\\\slash] -> a: weight 2");

    Path svg = dir.resolve("quotes.svg");
    assertThat(run("graph", spec.toString(), "-o", svg.toString())).isZero();
    String text = parse(svg).getDocumentElement().getTextContent();
    assertThat(text).contains("\"hi\"", "back\\slash", "a<b>&c");

    assumeTrue(Graphviz.find(System.getenv("PATH")).isPresent(), "Graphviz 'dot' is not installed");
    Path laidOut = dir.resolve("quotes-graphviz.svg");
    assertThat(run("graph", spec.toString(), "-o", laidOut.toString(), "--graphviz")).isZero();
    assertThat(parse(laidOut).getDocumentElement().getTextContent())
        .contains("\"hi\"", "back\\slash", "a<b>&c");
  }

  private static Document parse(Path svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    // Graphviz's SVG names the SVG 1.1 DTD; never fetch it.
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(svg)));
  }

  @Test
  void aBadSpecIsReportedAndWritesNothing() throws IOException {
    Path spec =
        Files.writeString(
            dir.resolve("bad.yaml"),
            """
        rnnc: 1
        name: Bad
        neurons:
          a: {activation: tanh}
        edges:
          - "a -> b": 1.0
        outputs: [a]
        """);
    Path target = dir.resolve("bad.dot");
    assertThat(run("graph", spec.toString(), "-o", target.toString())).isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).contains(spec + ":6:").contains("error:").contains("'b'");
    assertThat(target).doesNotExist();
  }
}
