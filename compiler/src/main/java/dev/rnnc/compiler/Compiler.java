package dev.rnnc.compiler;

import com.palantir.javapoet.JavaFile;
import dev.rnnc.compiler.check.FileAccess;
import dev.rnnc.compiler.check.Limits;
import dev.rnnc.compiler.check.Spec;
import dev.rnnc.compiler.check.SpecChecker;
import dev.rnnc.compiler.diag.Diagnostic;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SpecException;
import dev.rnnc.compiler.generate.EvaluatorWriter;
import dev.rnnc.compiler.generate.GenerateOptions;
import dev.rnnc.compiler.generate.InMemoryCompiler;
import dev.rnnc.compiler.interpret.Interpreter;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.lower.GraphLowering;
import dev.rnnc.compiler.lower.ValueRange;
import dev.rnnc.compiler.output.ClassClaims;
import dev.rnnc.compiler.output.GeneratedFile;
import dev.rnnc.compiler.parse.SpecReader;
import dev.rnnc.compiler.parse.YamlNode;
import dev.rnnc.compiler.schedule.Scheduler;
import dev.rnnc.runtime.Evaluator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The pipeline, end to end: parse -> check -> lower -> schedule -> generate | interpret. The CLI,
 * the Maven plugin and the benchmarks go through here rather than chaining the phases themselves.
 *
 * <p>Every method that reads a spec throws a {@link SpecException} carrying every problem found if
 * the spec is bad in any way, and never anything else for bad input.
 */
public final class Compiler {

  private Compiler() {}

  /** Parses, checks, lowers and schedules a spec file. */
  public static Model load(Path spec) throws SpecException {
    Diagnostics diagnostics = new Diagnostics();
    Graph graph = readGraph(spec, diagnostics);
    return new Model(graph, Scheduler.schedule(graph), diagnostics.warnings());
  }

  /**
   * Parses, checks, lowers and schedules spec text that is not (or not yet) a file, as if read from
   * {@code source}: positions name {@code source}, and file names in the spec are resolved against
   * its folder and read only as far as {@code access} allows.
   */
  public static Model load(String text, Path source, FileAccess access) throws SpecException {
    Diagnostics diagnostics = new Diagnostics();
    Optional<YamlNode> tree = SpecReader.parse(text, source, diagnostics);
    if (tree.isEmpty()) {
      diagnostics.throwIfErrors();
    }
    Optional<Spec> checked =
        SpecChecker.check(tree.orElseThrow(), source, diagnostics, Limits.DEFAULT, access);
    diagnostics.throwIfErrors();
    Graph graph = GraphLowering.lower(checked.orElseThrow(), diagnostics);
    ValueRange.check(graph, diagnostics);
    diagnostics.throwIfErrors();
    return new Model(graph, Scheduler.schedule(graph), diagnostics.warnings());
  }

  /** Parses, checks and lowers a spec file (no schedule). */
  public static Graph readGraph(Path spec) throws SpecException {
    return readGraph(spec, new Diagnostics());
  }

  private static Graph readGraph(Path spec, Diagnostics diagnostics) throws SpecException {
    Optional<YamlNode> tree = SpecReader.read(spec, diagnostics);
    if (tree.isEmpty()) {
      diagnostics.throwIfErrors();
    }
    Optional<Spec> checked = SpecChecker.check(tree.orElseThrow(), spec, diagnostics);
    diagnostics.throwIfErrors();
    Graph graph = GraphLowering.lower(checked.orElseThrow(), diagnostics);
    ValueRange.check(graph, diagnostics);
    diagnostics.throwIfErrors();
    return graph;
  }

  /** A reference interpreter of a spec, in the initial state. */
  public static Interpreter interpreter(Path spec) throws SpecException {
    return interpreter(load(spec));
  }

  /** A reference interpreter of a loaded model, in the initial state. */
  public static Interpreter interpreter(Model model) {
    return new Interpreter(model.schedule());
  }

  /** The evaluator class of a model, as Java source. */
  public static JavaFile java(Model model, GenerateOptions options) {
    return EvaluatorWriter.write(model.schedule(), options);
  }

  /** The evaluator class of a model, as a file to write below a source root. */
  public static GeneratedFile generate(Model model, GenerateOptions options) {
    return file(java(model, options));
  }

  /** The evaluator class of a spec, as a file to write below a source root. */
  public static GeneratedFile generate(Path spec, GenerateOptions options) throws SpecException {
    return generate(load(spec), options);
  }

  /**
   * The evaluator classes of several specs, or every problem with them: bad specs, and specs that
   * would write the same class (see {@link ClassClaims}).
   *
   * @param options the options for each spec
   * @param claims the outputs already claimed; each generated file is claimed in it, in order
   */
  public static Generation generateAll(
      List<Path> specs, Function<Path, GenerateOptions> options, ClassClaims claims) {
    List<GeneratedFile> files = new ArrayList<>();
    List<Diagnostic> problems = new ArrayList<>();
    for (Path spec : specs) {
      try {
        GeneratedFile file = generate(spec, options.apply(spec));
        Optional<Diagnostic> clash =
            claims.claim(ClassClaims.slashes(file.relativePath()), spec.toString(), spec);
        clash.ifPresentOrElse(problems::add, () -> files.add(file));
      } catch (SpecException e) {
        problems.addAll(e.diagnostics());
      }
    }
    return new Generation(files, problems);
  }

  /**
   * Generates, compiles in memory and instantiates a model's evaluator (for {@code rnnc run} and
   * tests; a build writes the source with {@link #generate} instead).
   *
   * @throws InMemoryCompiler.NoJavaCompilerException when running on a JRE
   */
  public static Evaluator evaluator(Model model, GenerateOptions options) {
    return new InMemoryCompiler().newEvaluator(java(model, options));
  }

  /** {@code java} as a file below a source root: {@code com/acme/Name.java}. */
  public static GeneratedFile file(JavaFile java) {
    Path path = Path.of("");
    if (!java.packageName().isEmpty()) {
      for (String part : java.packageName().split("\\.")) {
        path = path.resolve(part);
      }
    }
    return new GeneratedFile(path.resolve(java.typeSpec().name() + ".java"), java.toString());
  }

  /**
   * What {@link #generateAll} produced: the files when {@code problems} is empty; otherwise nothing
   * should be written.
   */
  public record Generation(List<GeneratedFile> files, List<Diagnostic> problems) {

    public Generation {
      files = List.copyOf(files);
      problems = List.copyOf(problems);
    }

    public boolean ok() {
      return problems.isEmpty();
    }
  }
}
