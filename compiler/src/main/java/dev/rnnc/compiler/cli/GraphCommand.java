package dev.rnnc.compiler.cli;

import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.graphviz.DotWriter;
import dev.rnnc.compiler.graphviz.Graphviz;
import dev.rnnc.compiler.graphviz.SvgWriter;
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

/** {@code rnnc graph}: draws a spec's network as SVG (rnnc's own drawing), Graphviz DOT or PNG. */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    description = {
      "Draws a spec's network: inputs on the left, then the neurons and groups in evaluation"
          + " order.",
      "Solid edges read the current step; dashed red edges point backward in the order and read"
          + " the previous step; dashed blue edges have a fixed delay. Outputs have a double"
          + " border.",
      "The output file's extension picks the format: .svg is drawn by rnnc (the picture of rnnc"
          + " serve); .dot writes Graphviz source; .png runs Graphviz 'dot', which must be on the"
          + " PATH, as does .svg with --graphviz."
    })
final class GraphCommand implements Callable<Integer> {

  static final String NO_GRAPHVIZ =
      "Graphviz 'dot' is not installed; install it (e.g. apt-get install graphviz), or write .svg"
          + " (drawn by rnnc) or .dot";

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The spec file (.yaml).")
  Path specFile;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "FILE",
      description = "Where to write the drawing: FILE.svg, FILE.dot or FILE.png.")
  Path output;

  @Option(
      names = "--graphviz",
      description = "Lay out .svg with Graphviz 'dot' (as .png is) instead of rnnc's own drawing.")
  boolean graphviz;

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
    if (this.graphviz && format != Format.SVG) {
      throw new UsageException("--graphviz applies to .svg output only");
    }
    Optional<Graphviz> graphviz = Optional.empty();
    if (format == Format.PNG || this.graphviz) {
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
    String text =
        format == Format.SVG && graphviz.isEmpty()
            ? new SvgWriter().write(model)
            : new DotWriter().write(model);
    try {
      writeAtomically(target, text, format, graphviz, Duration.ofSeconds(timeoutSeconds));
    } catch (IOException e) {
      err.println("rnnc: cannot write " + output + ": " + Cli.describe(e));
      return Main.BAD_INPUT;
    }
    return Main.OK;
  }

  /**
   * Writes the drawing to a new file beside {@code target}, then renames it over {@code target}, so
   * a reader never sees a half-written file and a failure leaves {@code target} as it was.
   *
   * @param text DOT text for Graphviz to render, or the file's content when {@code graphviz} is
   *     empty (DOT, or rnnc's own SVG)
   */
  static void writeAtomically(
      Path target, String text, Format format, Optional<Graphviz> graphviz, Duration timeout)
      throws IOException {
    Path temp = createSibling(target);
    try {
      if (graphviz.isEmpty()) {
        Files.writeString(temp, text, StandardCharsets.UTF_8);
      } else {
        Graphviz.Format as = format == Format.PNG ? Graphviz.Format.PNG : Graphviz.Format.SVG;
        graphviz.get().render(text, as, temp, timeout);
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
