package dev.rnnc.compiler.graphviz;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Graphviz {@code dot} program, which turns DOT text into SVG or PNG.
 *
 * @param executable the {@code dot} binary
 */
public record Graphviz(Path executable) {

  /** Output formats {@code dot} is asked for. */
  public enum Format {
    SVG,
    PNG;

    /** The {@code -T} argument. */
    String flag() {
      return "-T" + name().toLowerCase(Locale.ROOT);
    }
  }

  /** PNG resolution: sharp on high-density screens, still small files. */
  static final int PNG_DPI = 144;

  /** At most this much of {@code dot}'s error output is quoted in a failure message. */
  private static final int MAX_ERROR_CHARS = 2000;

  public Graphviz {
    Objects.requireNonNull(executable, "executable");
  }

  /**
   * Finds {@code dot} in a search path such as the value of {@code PATH}.
   *
   * @param searchPath directories separated by {@link File#pathSeparator}; null or empty finds
   *     nothing
   */
  public static Optional<Graphviz> find(String searchPath) {
    if (searchPath == null || searchPath.isEmpty()) {
      return Optional.empty();
    }
    boolean windows = System.getProperty("os.name", "").startsWith("Windows");
    List<String> names = windows ? List.of("dot.exe", "dot.bat", "dot") : List.of("dot");
    for (String dir : searchPath.split(File.pathSeparator, -1)) {
      if (dir.isEmpty()) {
        continue;
      }
      for (String name : names) {
        Path candidate;
        try {
          candidate = Path.of(dir, name);
        } catch (InvalidPathException e) {
          continue;
        }
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(new Graphviz(candidate));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Runs {@code dot} on the DOT text and writes its output to {@code target} (created or
   * truncated). The text is fed on standard input and the output read from standard output, both
   * through files, so neither side can block on a full pipe.
   *
   * @throws IOException if {@code dot} cannot be started, fails, or runs longer than {@code
   *     timeout}; the message quotes what {@code dot} printed on standard error
   */
  public void render(String dot, Format format, Path target, Duration timeout) throws IOException {
    Path input = Files.createTempFile("rnnc-graph", ".dot");
    Path errors = Files.createTempFile("rnnc-graph", ".err");
    try {
      Files.writeString(input, dot, StandardCharsets.UTF_8);
      List<String> command = new ArrayList<>(List.of(executable.toString(), format.flag()));
      if (format == Format.PNG) {
        command.add("-Gdpi=" + PNG_DPI);
      }
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .redirectInput(input.toFile())
              .redirectOutput(target.toFile())
              .redirectError(errors.toFile());
      Process process;
      try {
        process = pb.start();
      } catch (IOException e) {
        throw new IOException("cannot run " + executable + ": " + e.getMessage(), e);
      }
      boolean done;
      try {
        done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for Graphviz 'dot'", e);
      }
      if (!done) {
        process.destroyForcibly();
        throw new IOException(
            "Graphviz 'dot' took longer than "
                + timeout.toSeconds()
                + " s; large models take long to lay out: write .dot and render it separately,"
                + " or allow more time with --timeout");
      }
      int exit = process.exitValue();
      String stderr = new String(Files.readAllBytes(errors), StandardCharsets.UTF_8).strip();
      if (exit != 0) {
        if (stderr.length() > MAX_ERROR_CHARS) {
          stderr = stderr.substring(0, MAX_ERROR_CHARS) + "…";
        }
        throw new IOException(
            "Graphviz 'dot' failed (exit " + exit + ")" + (stderr.isEmpty() ? "" : ": " + stderr));
      }
      if (Files.size(target) == 0) {
        throw new IOException(
            "Graphviz 'dot' wrote nothing" + (stderr.isEmpty() ? "" : ": " + stderr));
      }
    } finally {
      Files.deleteIfExists(input);
      Files.deleteIfExists(errors);
    }
  }
}
