package dev.rnnc.maven;

import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.check.Names;
import dev.rnnc.compiler.diag.Diagnostic;
import dev.rnnc.compiler.diag.SpecException;
import dev.rnnc.compiler.generate.GenerateOptions;
import dev.rnnc.compiler.output.ClassClaims;
import dev.rnnc.compiler.output.GeneratedFile;
import dev.rnnc.compiler.output.OutputDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Generates the evaluator of every spec below a source directory into an output directory,
 * compiling again only the specs whose spec file, weight files or generated files changed since the
 * last run (see {@link BuildState}), and removing what earlier runs generated from specs that are
 * gone. All or nothing: if any spec is bad, nothing is written, and the outcome carries every
 * problem of every spec.
 */
final class IncrementalGenerator {

  private IncrementalGenerator() {}

  /**
   * What to generate and how.
   *
   * @param baseDirectory the project directory; generated headers name specs relative to it
   * @param packageName the package of every generated class, or {@code null} for each spec's own;
   *     {@code ""} is the unnamed package
   * @param toolVersion identifies the code generator; a different one makes every spec stale
   */
  record Settings(
      Path baseDirectory,
      Path sourceDirectory,
      SpecSelection selection,
      Path outputDirectory,
      Path stateFile,
      String packageName,
      boolean standalone,
      String toolVersion) {

    Settings {
      baseDirectory = baseDirectory.toAbsolutePath().normalize();
      sourceDirectory = sourceDirectory.toAbsolutePath().normalize();
      Objects.requireNonNull(selection, "selection");
      outputDirectory = outputDirectory.toAbsolutePath().normalize();
      stateFile = stateFile.toAbsolutePath().normalize();
      if (packageName != null && !packageName.isEmpty()) {
        Names.packageProblem(packageName)
            .ifPresent(
                problem -> {
                  throw new IllegalArgumentException(
                      "packageName '"
                          + packageName
                          + "' "
                          + problem
                          + ": it is not a valid Java package name here");
                });
      }
      Objects.requireNonNull(toolVersion, "toolVersion");
    }

    /** Everything besides the specs that the generated files depend on. */
    SortedMap<String, String> config() {
      SortedMap<String, String> c = new TreeMap<>();
      c.put("generator", toolVersion);
      c.put("sourceDirectory", sourceDirectory.toString());
      c.put("outputDirectory", outputDirectory.toString());
      if (packageName != null) {
        c.put("packageName", packageName);
      }
      c.put("standalone", Boolean.toString(standalone));
      return c;
    }
  }

  /**
   * One spec compiled in this run.
   *
   * @param spec the spec, relative to the source directory
   * @param outputs its generated files, relative to the output directory
   * @param written whether any of them changed on disk (else their content was already current)
   */
  record Generated(String spec, List<String> outputs, boolean written) {

    Generated {
      outputs = List.copyOf(outputs);
    }
  }

  /**
   * What a run did, or why it did nothing.
   *
   * @param upToDate specs skipped because nothing they depend on changed
   * @param removed files deleted because the spec that generated them is gone or no longer
   *     generates them, relative to the output directory
   * @param diagnostics every problem of every spec; if there is any, nothing was written
   * @param failedSpecs how many specs had problems
   */
  record Outcome(
      List<Generated> generated,
      List<String> upToDate,
      List<String> removed,
      List<Diagnostic> diagnostics,
      int failedSpecs) {

    Outcome {
      generated = List.copyOf(generated);
      upToDate = List.copyOf(upToDate);
      removed = List.copyOf(removed);
      diagnostics = List.copyOf(diagnostics);
    }

    boolean failed() {
      return !diagnostics.isEmpty();
    }

    static Outcome failure(List<Diagnostic> diagnostics, int failedSpecs) {
      return new Outcome(List.of(), List.of(), List.of(), diagnostics, failedSpecs);
    }
  }

  /** A spec compiled in memory, not yet written, with the stamps of the files it read. */
  private record Compiled(String spec, List<FileStamp> inputs, GeneratedFile file) {

    String output() {
      return ClassClaims.slashes(file.relativePath());
    }
  }

  /**
   * Runs the generation.
   *
   * @throws IOException if reading the source directory or writing outputs fails (problems in specs
   *     and weight files are diagnostics, not exceptions)
   * @throws IllegalStateException if the compiler fails on a spec it accepted, with the spec named
   */
  static Outcome run(Settings s) throws IOException {
    BuildState previous = BuildState.read(s.stateFile());
    SortedMap<String, String> config = s.config();
    boolean sameConfig = previous.config().equals(config);

    SortedMap<String, SpecRecord> current = new TreeMap<>();
    List<String> upToDate = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    for (String spec : s.selection().find(s.sourceDirectory())) {
      SpecRecord record = sameConfig ? previous.specs().get(spec) : null;
      if (record != null && record.isUpToDate(s.outputDirectory())) {
        upToDate.add(spec);
        current.put(spec, record);
      } else {
        stale.add(spec);
      }
    }

    List<Diagnostic> diagnostics = new ArrayList<>();
    Set<String> failed = new TreeSet<>();
    List<Compiled> compiled = new ArrayList<>();
    for (String spec : stale) {
      try {
        compiled.add(compile(s, spec));
      } catch (SpecException e) {
        diagnostics.addAll(e.diagnostics());
        failed.add(spec);
      }
    }
    for (Diagnostic d : duplicates(s, current, compiled)) {
      diagnostics.add(d);
      failed.add(ClassClaims.slashes(s.sourceDirectory().relativize(d.position().file())));
    }
    if (!diagnostics.isEmpty()) {
      return Outcome.failure(diagnostics, failed.size());
    }

    List<Path> written =
        OutputDirectory.write(s.outputDirectory(), compiled.stream().map(Compiled::file).toList());
    List<Generated> generated = new ArrayList<>();
    for (Compiled c : compiled) {
      Path outFile = s.outputDirectory().resolve(c.file().relativePath());
      current.put(c.spec(), new SpecRecord(c.inputs(), List.of(FileStamp.of(c.output(), outFile))));
      generated.add(new Generated(c.spec(), List.of(c.output()), written.contains(outFile)));
    }
    List<String> removed = removeObsolete(previous, s.outputDirectory(), current);
    new BuildState(config, current).write(s.stateFile());
    return new Outcome(generated, upToDate, removed, List.of(), 0);
  }

  /** Compiles one spec in memory and stamps the files it read. */
  private static Compiled compile(Settings s, String spec) throws SpecException, IOException {
    Path file = s.sourceDirectory().resolve(spec);
    // Stamped before reading, so that an edit made while it is read shows up next time.
    List<FileStamp> inputs = new ArrayList<>();
    inputs.add(FileStamp.of(file.toString(), file));
    Model model;
    GeneratedFile java;
    try {
      model = Compiler.load(file);
      java = Compiler.generate(model, options(s, file));
    } catch (RuntimeException e) {
      throw new IllegalStateException("internal error while generating from " + file, e);
    }
    Set<Path> reads = new LinkedHashSet<>();
    for (Path p : model.graph().weightFiles()) {
      reads.add(p.toAbsolutePath().normalize());
    }
    reads.remove(file);
    for (Path read : reads) {
      inputs.add(FileStamp.of(read.toString(), read));
    }
    return new Compiled(spec, inputs, java);
  }

  /**
   * One error per compiled spec whose class another spec already generates; specs that are up to
   * date keep their claims, and among compiled ones the first in sorted order wins.
   */
  private static List<Diagnostic> duplicates(
      Settings s, SortedMap<String, SpecRecord> upToDate, List<Compiled> compiled) {
    ClassClaims claims = new ClassClaims("packageName", s.packageName());
    upToDate.forEach((spec, record) -> record.outputPaths().forEach(out -> claims.keep(out, spec)));
    List<Diagnostic> problems = new ArrayList<>();
    for (Compiled c : compiled) {
      claims
          .claim(c.output(), c.spec(), s.sourceDirectory().resolve(c.spec()))
          .ifPresent(problems::add);
    }
    return problems;
  }

  private static GenerateOptions options(Settings s, Path spec) {
    Path shown =
        spec.startsWith(s.baseDirectory())
            ? s.baseDirectory().relativize(spec)
            : s.sourceDirectory().relativize(spec);
    return new GenerateOptions(s.packageName(), s.standalone(), ClassClaims.slashes(shown));
  }

  /**
   * Deletes the files that the previous run recorded and this one does not, with directories that
   * become empty; files recorded for another output directory are left alone.
   */
  private static List<String> removeObsolete(
      BuildState previous, Path outputDirectory, SortedMap<String, SpecRecord> current)
      throws IOException {
    if (!outputDirectory.toString().equals(previous.config().get("outputDirectory"))) {
      return List.of();
    }
    Set<String> keep = new TreeSet<>();
    current.values().forEach(r -> keep.addAll(r.outputPaths()));
    Set<String> obsolete = new TreeSet<>();
    previous.specs().values().forEach(r -> obsolete.addAll(r.outputPaths()));
    obsolete.removeAll(keep);
    List<String> removed = new ArrayList<>();
    for (String out : obsolete) {
      Path file = outputDirectory.resolve(out).normalize();
      if (!file.startsWith(outputDirectory) || !Files.deleteIfExists(file)) {
        continue;
      }
      removed.add(out);
      for (Path dir = file.getParent();
          dir != null && dir.startsWith(outputDirectory) && !dir.equals(outputDirectory);
          dir = dir.getParent()) {
        try {
          Files.delete(dir);
        } catch (IOException e) {
          break; // not empty (or already gone): keep it and everything above
        }
      }
    }
    return removed;
  }
}
