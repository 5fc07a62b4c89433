package dev.rnnc.compiler.cli;

import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.graphviz.DotWriter;
import dev.rnnc.compiler.graphviz.Graphviz;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rnnc graph}: draws a spec's network as Graphviz DOT, SVG or PNG. */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    description = {
      "Draws a spec's network: inputs on the left, then the neurons and groups in evaluation"
          + " order.",
      "Solid edges read the current step; dashed red edges point backward in the order and read"
          + " the previous step; dashed blue edges have a fixed delay. Outputs have a double"
          + " border.",
      "The output file's extension picks the format: .dot writes Graphviz source;"
          + " .svg and .png run Graphviz 'dot', which must be on the PATH."
    })
final class GraphCommand implements Callable<Integer> {

  static final String NO_GRAPHVIZ =
      "Graphviz 'dot' is not installed; install it (e.g. apt-get install graphviz) or write .dot";

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The spec file (.yaml).")
  Path specFile;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "FILE",
      description = "Where to write the drawing: FILE.dot, FILE.svg or FILE.png.")
  Path output;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "120",
      description =
          "How long Graphviz may take to lay out the drawing (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  /** Where to look for Graphviz's {@code dot}. */
  private final String searchPath;

  GraphCommand() {
    this(System.getenv("PATH"));
  }

  /** A command that looks for {@code dot} in {@code searchPath} instead of {@code PATH}. */
  GraphCommand(String searchPath) {
    this.searchPath = searchPath;
  }

  /** What the output file's extension asks for. */
  enum Format {
    DOT,
    SVG,
    PNG;

    static Format of(Path file) {
      Path name = file.getFileName();
      String s = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
      for (Format f : values()) {
        String ext = "." + f.name().toLowerCase(Locale.ROOT);
        if (s.endsWith(ext) && s.length() > ext.length()) {
          return f;
        }
      }
      throw new UsageException(
          file + ": unknown format; the output must end in .dot, .svg or .png");
    }
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Format format = Format.of(output);
    if (timeoutSeconds < 1) {
      throw new UsageException("--timeout must be at least 1 second, not " + timeoutSeconds);
    }
    Cli.requireFiles(List.of(specFile));
    Path target = output.toAbsolutePath().normalize();
    Path dir = target.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new UsageException(output + ": directory " + dir + " does not exist");
    }
    if (Files.isDirectory(target)) {
      throw new UsageException(output + ": is a directory");
    }
    Optional<Graphviz> graphviz = Optional.empty();
    if (format != Format.DOT) {
      graphviz = Graphviz.find(searchPath);
      if (graphviz.isEmpty()) {
        err.println("rnnc: " + NO_GRAPHVIZ);
        return Main.USAGE;
      }
    }
    Model model = Cli.loadOrReport(specFile, err);
    if (model == null) {
      return Main.BAD_INPUT;
    }
    String dot = new DotWriter().write(model);
    try {
      writeAtomically(target, dot, format, graphviz, Duration.ofSeconds(timeoutSeconds));
    } catch (IOException e) {
      err.println("rnnc: cannot write " + output + ": " + Cli.describe(e));
      return Main.BAD_INPUT;
    }
    return Main.OK;
  }

  /**
   * Writes the drawing to a new file beside {@code target}, then renames it over {@code target}, so
   * a reader never sees a half-written file and a failure leaves {@code target} as it was.
   */
  static void writeAtomically(
      Path target, String dot, Format format, Optional<Graphviz> graphviz, Duration timeout)
      throws IOException {
    Path temp = createSibling(target);
    try {
      switch (format) {
        case DOT -> Files.writeString(temp, dot, StandardCharsets.UTF_8);
        case SVG -> graphviz.orElseThrow().render(dot, Graphviz.Format.SVG, temp, timeout);
        case PNG -> graphviz.orElseThrow().render(dot, Graphviz.Format.PNG, temp, timeout);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * An empty hidden file in the target's directory. Created with {@code createFile}, not {@code
   * createTempFile}, so it gets the usual permissions rather than owner-only ones.
   */
  private static Path createSibling(Path target) throws IOException {
    String base = "." + target.getFileName() + "." + ProcessHandle.current().pid() + ".";
    for (int attempt = 0; ; attempt++) {
      try {
        return Files.createFile(target.resolveSibling(base + attempt + ".tmp"));
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 1000) {
          throw e;
        }
      }
    }
  }
}
