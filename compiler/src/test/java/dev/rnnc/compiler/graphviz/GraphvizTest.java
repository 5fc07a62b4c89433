package dev.rnnc.compiler.graphviz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rnnc.compiler.GraphFixture;
import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Delay;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Matrix;
import dev.rnnc.compiler.schedule.Schedule;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * Runs the real Graphviz where it is installed (the tests that need it are skipped elsewhere) and a
 * stand-in script for failures.
 */
class GraphvizTest {

  @TempDir Path dir;

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static Graphviz installed() {
    var dot = Graphviz.find(System.getenv("PATH"));
    assumeTrue(dot.isPresent(), "Graphviz 'dot' is not on the PATH");
    return dot.get();
  }

  private static boolean posix() {
    return !System.getProperty("os.name", "").startsWith("Windows");
  }

  /** A directory holding a shell script named {@code dot}, as a search path. */
  private String script(String name, String body) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin-" + name));
    Path script = bin.resolve("dot");
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin.toString();
  }

  private static Document parseXml(Path file) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    // Graphviz's SVG names the SVG 1.1 DTD; never fetch it.
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(file)));
  }

  @Test
  void findsNothingInAnEmptyPath() {
    assertThat(Graphviz.find(null)).isEmpty();
    assertThat(Graphviz.find("")).isEmpty();
    assertThat(Graphviz.find(dir.toString())).isEmpty();
  }

  @Test
  void findsAnExecutableDotAndSkipsOtherFiles() throws IOException {
    assumeTrue(posix());
    Path plain = Files.createDirectories(dir.resolve("plain"));
    Files.writeString(plain.resolve("dot"), "not executable");
    String bin = script("ok", "exit 0");
    String path = String.join(File.pathSeparator, "", plain.toString(), bin);
    assertThat(Graphviz.find(path)).contains(new Graphviz(Path.of(bin, "dot")));
  }

  @Test
  void rendersSvgThatParsesAsXml() throws Exception {
    Graphviz dot = installed();
    Path svg = dir.resolve("sentiment.svg");
    dot.render(new DotWriter().write(Models.sentiment()), Graphviz.Format.SVG, svg, TIMEOUT);
    assertThat(Files.readString(svg)).contains("<svg");
    Document doc = parseXml(svg);
    assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
    assertThat(doc.getDocumentElement().getTextContent())
        .contains("praise", "negation", "score", "not good", "dashed red = reads previous step");
  }

  @Test
  void rendersPng() throws Exception {
    Graphviz dot = installed();
    Path png = dir.resolve("elman.png");
    dot.render(new DotWriter().write(Models.elman()), Graphviz.Format.PNG, png, TIMEOUT);
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
  }

  @Test
  void hostileNamesSurviveARealRender() throws Exception {
    Graphviz dot = installed();
    GraphFixture f = new GraphFixture().name("Evil\"Model\\");
    int words =
        f.tokens(
            "words", "say \"hi\"", "back\\slash", "<b>&amp;</b>", "two\nlines", "ends with \\");
    int a = f.neuron("a\"b\\", Activation.TANH);
    for (int i = 0; i < 5; i++) {
      f.edge(f.feature(words, i), f.whole(a), Matrix.scalar(i), Delay.ZERO);
    }
    f.edge(a, a, 0.5, Delay.AUTO).output(a);
    Schedule s = f.schedule(a);
    Path svg = dir.resolve("evil.svg");
    dot.render(new DotWriter().write(new Model(s.graph(), s)), Graphviz.Format.SVG, svg, TIMEOUT);
    String text = parseXml(svg).getDocumentElement().getTextContent();
    assertThat(text)
        .contains(
            "say \"hi\"",
            "back\\slash",
            "<b>&amp;</b>",
            "two lines",
            "ends with \\",
            "a\"b\\",
            "Evil\"Model\\");
  }

  /**
   * Lays out the example models with {@code dot -Tplain} and checks the picture: same-step edges
   * from a node point right, and nodes appear left to right in evaluation order.
   */
  @Test
  void layoutReadsLeftToRightInEvaluationOrder() throws Exception {
    Graphviz dot = installed();
    for (Model m :
        List.of(
            Models.sentiment(),
            Models.oscillator(),
            Models.sensor(),
            Models.elman(),
            Models.chain(12))) {
      Map<String, Double> x = positions(dot, new DotWriter().write(m));
      List<String> order =
          m.schedule().order().stream().map(i -> m.graph().nodes().get(i).name()).toList();
      for (int i = 1; i < order.size(); i++) {
        assertThat(x.get(order.get(i)))
            .as("%s not left of %s", order.get(i), order.get(i - 1))
            .isGreaterThanOrEqualTo(x.get(order.get(i - 1)));
      }
      for (Edge e : m.graph().edges()) {
        String to = m.graph().nodes().get(e.to().index()).name();
        String from =
            e.from().isNode()
                ? m.graph().nodes().get(e.from().index()).name()
                : m.graph().inputs().get(e.from().index()).name();
        if (m.schedule().effectiveDelay(e.index()) == 0 || e.from().isInput()) {
          assertThat(x.get(from)).as("%s -> %s points right", from, to).isLessThan(x.get(to));
        }
      }
    }
  }

  /** Node centre x coordinates from {@code dot -Tplain} (simple names only). */
  private static Map<String, Double> positions(Graphviz dot, String text) throws Exception {
    Process p = new ProcessBuilder(dot.executable().toString(), "-Tplain").start();
    p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String plain = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    Map<String, Double> x = new HashMap<>();
    for (String line : plain.split("\n")) {
      String[] f = line.split(" ");
      if (f[0].equals("node")) {
        x.put(f[1], Double.parseDouble(f[2]));
      }
    }
    return x;
  }

  @Test
  void aFailingDotIsReportedWithItsMessage() throws IOException {
    assumeTrue(posix());
    Graphviz broken =
        Graphviz.find(script("fail", "cat >/dev/null; echo 'syntax error in line 3' >&2; exit 3"))
            .orElseThrow();
    Path out = dir.resolve("out.svg");
    assertThatThrownBy(() -> broken.render("digraph {}", Graphviz.Format.SVG, out, TIMEOUT))
        .isInstanceOf(IOException.class)
        .hasMessage("Graphviz 'dot' failed (exit 3): syntax error in line 3");
  }

  @Test
  void aDotThatWritesNothingIsAFailure() throws IOException {
    assumeTrue(posix());
    Graphviz silent = Graphviz.find(script("silent", "cat >/dev/null; exit 0")).orElseThrow();
    assertThatThrownBy(
            () -> silent.render("digraph {}", Graphviz.Format.PNG, dir.resolve("out.png"), TIMEOUT))
        .hasMessage("Graphviz 'dot' wrote nothing");
  }

  @Test
  void aSlowDotTimesOut() throws IOException {
    assumeTrue(posix());
    Graphviz slow = Graphviz.find(script("slow", "exec sleep 30")).orElseThrow();
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                slow.render(
                    "digraph {}",
                    Graphviz.Format.SVG,
                    dir.resolve("out.svg"),
                    Duration.ofMillis(300)))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("Graphviz 'dot' took longer than");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void passesTheFormatAndFeedsTheTextOnStandardInput() throws IOException {
    assumeTrue(posix());
    Graphviz echo = Graphviz.find(script("echo", "echo \"$@\"; cat")).orElseThrow();
    Path out = dir.resolve("out.png");
    echo.render("digraph { a }", Graphviz.Format.PNG, out, TIMEOUT);
    assertThat(Files.readString(out)).isEqualTo("-Tpng -Gdpi=144\ndigraph { a }");
    echo.render("digraph { b }", Graphviz.Format.SVG, out, TIMEOUT);
    assertThat(Files.readString(out)).isEqualTo("-Tsvg\ndigraph { b }");
  }
}
