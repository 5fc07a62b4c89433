package dev.rnnc.compiler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rnnc.compiler.graphviz.Graphviz;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rnnc graph}: exit codes, usage errors and atomic output. */
class GraphCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  private Path spec() throws IOException {
    return Files.writeString(dir.resolve("model.yaml"), "rnnc: 1\nname: M\n");
  }

  private Stream<Path> files() throws IOException {
    return Files.list(dir).sorted();
  }

  @Test
  void missingOutputIsAUsageError() throws IOException {
    assertThat(run("graph", spec().toString())).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("Missing required option: '--output=FILE'");
  }

  @Test
  void unknownExtensionIsAUsageError() throws IOException {
    Path pdf = dir.resolve("model.pdf");
    assertThat(run("graph", spec().toString(), "-o", pdf.toString())).isEqualTo(Main.USAGE);
    assertThat(err.toString())
        .isEqualTo(
            "rnnc: " + pdf + ": unknown format; the output must end in .dot, .svg or .png\n");
    assertThat(run("graph", spec().toString(), "-o", dir.resolve(".dot").toString()))
        .isEqualTo(Main.USAGE);
  }

  @Test
  void missingSpecIsAUsageError() {
    Path missing = dir.resolve("nope.yaml");
    assertThat(run("graph", missing.toString(), "-o", dir.resolve("x.dot").toString()))
        .isEqualTo(Main.USAGE);
    assertThat(err.toString()).isEqualTo("rnnc: " + missing + ": no such file\n");
  }

  @Test
  void missingOutputDirectoryIsAUsageError() throws IOException {
    Path target = dir.resolve("no/such/dir/x.svg");
    assertThat(run("graph", spec().toString(), "--output", target.toString()))
        .isEqualTo(Main.USAGE);
    assertThat(err.toString())
        .contains("rnnc: " + target + ": directory ")
        .contains("does not exist");
  }

  @Test
  void outputThatIsADirectoryIsAUsageError() throws IOException {
    Path target = Files.createDirectory(dir.resolve("pics.dot"));
    assertThat(run("graph", spec().toString(), "-o", target.toString())).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("is a directory");
  }

  @Test
  void timeoutMustBePositive() throws IOException {
    assertThat(
            run(
                "graph",
                spec().toString(),
                "-o",
                dir.resolve("x.svg").toString(),
                "--timeout",
                "0"))
        .isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("--timeout must be at least 1 second");
    assertThat(run("graph", spec().toString(), "-o", "x.svg", "--timeout", "soon"))
        .isEqualTo(Main.USAGE);
  }

  /** {@code rnnc graph} with a search path in which there is no Graphviz. */
  private int runWithoutGraphviz(String... args) {
    CommandLine cli = new CommandLine(new GraphCommand(""));
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private Path validSpec() throws IOException {
    return Files.writeString(
        dir.resolve("model.yaml"),
        "rnnc: 1\nname: M\nneurons: {a: {}}\nedges: [\"a -> a\": 0.5]\noutputs: [a]\n");
  }

  @Test
  void pngWithoutGraphvizSaysHowToGetIt() throws IOException {
    int code = runWithoutGraphviz(spec().toString(), "-o", dir.resolve("model.png").toString());
    assertThat(code).isEqualTo(Main.USAGE);
    assertThat(err.toString())
        .isEqualTo(
            "rnnc: Graphviz 'dot' is not installed; install it"
                + " (e.g. apt-get install graphviz), or write .svg (drawn by rnnc) or .dot\n");
    assertThat(files()).containsExactly(dir.resolve("model.yaml"));
  }

  @Test
  void svgNeedsNoGraphviz() throws IOException {
    Path target = dir.resolve("model.svg");
    int code = runWithoutGraphviz(validSpec().toString(), "-o", target.toString());
    assertThat(code).as(err.toString()).isEqualTo(Main.OK);
    assertThat(Files.readString(target)).startsWith("<svg ").contains("class=\"edge backward\"");
  }

  @Test
  void graphvizLaysOutSvgOnlyWhenAsked() throws IOException {
    int code =
        runWithoutGraphviz(
            validSpec().toString(), "-o", dir.resolve("model.svg").toString(), "--graphviz");
    assertThat(code).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("Graphviz 'dot' is not installed");
    assertThat(run("graph", validSpec().toString(), "-o", "m.dot", "--graphviz"))
        .isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("rnnc: --graphviz applies to .svg output only");
  }

  @Test
  void helpDescribesTheCommand() {
    assertThat(run("graph", "--help")).isEqualTo(Main.OK);
    assertThat(out.toString())
        .contains(
            "Usage: rnnc graph",
            "-o, --output=FILE",
            "dashed red",
            ".dot",
            ".svg",
            ".png",
            "--graphviz",
            "--timeout=SECONDS");
    out.getBuffer().setLength(0);
    assertThat(run("--help")).isEqualTo(Main.OK);
    assertThat(out.toString()).contains("graph");
  }

  @Test
  void writesDotAndReplacesAnOldFile() throws IOException {
    Path target = Files.writeString(dir.resolve("m.dot"), "old");
    GraphCommand.writeAtomically(
        target, "digraph {}\n", GraphCommand.Format.DOT, Optional.empty(), Duration.ofSeconds(1));
    assertThat(Files.readString(target)).isEqualTo("digraph {}\n");
    assertThat(files()).containsExactly(target);
  }

  @Test
  void aFailedRenderLeavesTheOldFileAndNoLeftovers() throws IOException {
    assumeTrue(!System.getProperty("os.name", "").startsWith("Windows"));
    Path bin = Files.createDirectory(dir.resolve("bin"));
    Path script =
        Files.writeString(
            bin.resolve("dot"),
            "#!/bin/sh\ncat >/dev/null\necho partial\necho 'Error: out of memory' >&2\nexit 1\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path out = Files.createDirectory(dir.resolve("out"));
    Path target = Files.writeString(out.resolve("m.svg"), "<svg>old</svg>");
    Optional<Graphviz> dot = Graphviz.find(bin.toString());
    assertThatThrownBy(
            () ->
                GraphCommand.writeAtomically(
                    target, "digraph {}", GraphCommand.Format.SVG, dot, Duration.ofSeconds(30)))
        .hasMessage("Graphviz 'dot' failed (exit 1): Error: out of memory");
    assertThat(Files.readString(target)).isEqualTo("<svg>old</svg>");
    try (Stream<Path> left = Files.list(out)) {
      assertThat(left).containsExactly(target);
    }
  }

  @Test
  void writeFailuresAreDescribedInWords() {
    assertThat(Cli.describe(new AccessDeniedException("/x/.m.dot.1.0.tmp")))
        .isEqualTo("permission denied");
    assertThat(Cli.describe(new NoSuchFileException("/x"))).isEqualTo("no such file or directory");
    assertThat(Cli.describe(new FileSystemException("/x", null, "No space left on device")))
        .isEqualTo("No space left on device");
    assertThat(Cli.describe(new IOException("Graphviz 'dot' failed (exit 1)")))
        .isEqualTo("Graphviz 'dot' failed (exit 1)");
  }

  @Test
  void formatComesFromTheExtension() {
    assertThat(GraphCommand.Format.of(Path.of("a/b.dot"))).isEqualTo(GraphCommand.Format.DOT);
    assertThat(GraphCommand.Format.of(Path.of("b.SVG"))).isEqualTo(GraphCommand.Format.SVG);
    assertThat(GraphCommand.Format.of(Path.of("b.png"))).isEqualTo(GraphCommand.Format.PNG);
    assertThatThrownBy(() -> GraphCommand.Format.of(Path.of("b.svgz")))
        .isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> GraphCommand.Format.of(Path.of("dot")))
        .isInstanceOf(UsageException.class);
  }
}
