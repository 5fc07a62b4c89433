package dev.rnnc.compiler.cli;

import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.data.InputStreams;
import dev.rnnc.compiler.data.InputStreams.Elements;
import dev.rnnc.compiler.data.InputStreams.Source;
import dev.rnnc.compiler.diag.DiagnosticRenderer;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.generate.GenerateOptions;
import dev.rnnc.compiler.generate.InMemoryCompiler;
import dev.rnnc.runtime.Evaluator;
import dev.rnnc.runtime.InputDef;
import dev.rnnc.runtime.ModelInfo;
import dev.rnnc.runtime.Session;
import dev.rnnc.runtime.TokenInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rnnc run}: runs a spec over input files or text and prints one CSV row per step. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a model over its inputs and prints CSV: a header 'step,<output columns>', then one"
          + " row per step.",
      "Vector inputs are CSV (one element per line, one column per feature, optional header);"
          + " tokens inputs are plain text."
    })
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The spec file (.yaml).")
  Path specFile;

  @Option(
      names = "--input",
      paramLabel = "[NAME=]FILE",
      description = {
        "An input's data: a file, or '-' for standard input. NAME is needed when the model has"
            + " several inputs (one --input each)."
      })
  List<String> inputs = new ArrayList<>();

  @Option(
      names = "--text",
      paramLabel = "TEXT",
      description = "Text for the model's tokens input, instead of --input.")
  String text;

  @Option(
      names = "--steps",
      paramLabel = "N",
      description = "Number of steps for a model without inputs (it runs autonomously).")
  Integer steps;

  @Option(
      names = "--interpret",
      description =
          "Use the reference interpreter instead of generated code (the default"
              + " compiles the spec to Java in memory first).")
  boolean interpret;

  private InputStream stdin = System.in;

  /** Replaces standard input (for tests). */
  RunCommand withStdin(InputStream in) {
    this.stdin = in;
    return this;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Cli.requireFiles(List.of(specFile));
    Model model = Cli.loadOrReport(specFile, err);
    if (model == null) {
      return Main.BAD_INPUT;
    }
    ModelInfo info = model.schedule().modelInfo();
    Map<String, Source> sources = sources(info);
    Evaluator evaluator = evaluator(model);
    Diagnostics sink = new Diagnostics();
    List<Elements> inputs = new ArrayList<>();
    for (InputDef in : info.inputs()) {
      inputs.add(InputStreams.open(in, sources.get(in.name()), stdin, sink));
    }
    String mismatch = print(out, info, evaluator, inputs, sources, sink);
    out.flush();
    if (sink.hasErrors()) {
      err.print(new DiagnosticRenderer().render(sink.all()));
      return Main.BAD_INPUT;
    }
    if (mismatch != null) {
      err.println("rnnc: " + mismatch);
      return Main.BAD_INPUT;
    }
    return Main.OK;
  }

  private Evaluator evaluator(Model model) {
    if (interpret) {
      return Compiler.interpreter(model);
    }
    GenerateOptions options = GenerateOptions.defaults().withSourceName(specFile.toString());
    try {
      return Compiler.evaluator(model, options);
    } catch (InMemoryCompiler.NoJavaCompilerException e) {
      throw new UsageException(e.getMessage() + " (or use --interpret)");
    }
  }

  /** Rows are flushed at least this often, and after every row read from standard input. */
  private static final int FLUSH_ROWS = 1024;

  /**
   * Streams the inputs through the model, printing each row as its step ends: memory stays
   * proportional to the model (and one line of input), not to the input. After the first bad
   * element no more steps run, but the rest of the input is still read so that every problem in it
   * is reported.
   *
   * @return why the inputs do not fit together (different lengths), or null
   */
  private String print(
      PrintWriter out,
      ModelInfo info,
      Evaluator evaluator,
      List<Elements> inputs,
      Map<String, Source> sources,
      Diagnostics sink)
      throws IOException {
    StringBuilder header = new StringBuilder("step");
    for (String name : info.outputNames()) {
      header.append(',').append(name);
    }
    out.println(header);
    double[] row = new double[info.outputCount()];
    if (inputs.isEmpty()) {
      double[] none = new double[0];
      for (long t = 0; t < steps; t++) {
        evaluator.step(none, row);
        printRow(out, t, row);
      }
      return null;
    }
    boolean interactive = inputs.stream().anyMatch(Elements::interactive);
    return InputStreams.drive(
        info,
        new Session(evaluator),
        inputs,
        sources,
        sink,
        (step, outputs) -> {
          printRow(out, step, outputs);
          if (interactive || (step + 1) % FLUSH_ROWS == 0) {
            out.flush();
          }
        });
  }

  private static void printRow(PrintWriter out, long step, double[] row) {
    StringBuilder line = new StringBuilder(16 + 24 * row.length);
    line.append(step);
    for (double v : row) {
      line.append(',').append(v);
    }
    out.println(line);
  }

  private Map<String, Source> sources(ModelInfo info) {
    List<InputDef> defs = info.inputs();
    if (defs.isEmpty()) {
      if (!inputs.isEmpty() || text != null) {
        throw new UsageException("model " + info.name() + " has no inputs; use --steps N");
      }
      if (steps == null) {
        throw new UsageException(
            "model "
                + info.name()
                + " has no inputs: say how many steps"
                + " to run with --steps N");
      }
      if (steps < 0) {
        throw new UsageException("--steps must be >= 0");
      }
      return Map.of();
    }
    if (steps != null) {
      throw new UsageException(
          "--steps is for models without inputs; the steps of "
              + info.name()
              + " come from its inputs");
    }
    Map<String, Source> result = new LinkedHashMap<>();
    boolean stdinUsed = false;
    for (String arg : inputs) {
      InputArguments.Named named = InputArguments.named(arg, info, "--input");
      String name = named.name();
      String file = named.file();
      if (result.containsKey(name)) {
        throw new UsageException("input '" + name + "' is given twice");
      }
      if (file.equals("-")) {
        if (stdinUsed) {
          throw new UsageException("only one input can come from standard input ('-')");
        }
        stdinUsed = true;
        result.put(name, new Source("<stdin>", null, null));
      } else {
        Path path = Path.of(file);
        Cli.requireReadable(path);
        result.put(name, new Source(file, path, null));
      }
    }
    if (text != null) {
      List<InputDef> tokens = defs.stream().filter(d -> d instanceof TokenInput).toList();
      if (tokens.size() != 1) {
        throw new UsageException(
            tokens.isEmpty()
                ? "--text needs a tokens input; " + info.name() + " has none"
                : "--text is ambiguous with several tokens inputs; use --input NAME=FILE");
      }
      String name = tokens.get(0).name();
      if (result.containsKey(name)) {
        throw new UsageException("input '" + name + "' is given by both --text and --input");
      }
      result.put(name, new Source("<text>", null, text));
    }
    for (InputDef d : defs) {
      if (!result.containsKey(d.name())) {
        String how =
            d instanceof TokenInput
                ? "--input " + d.name() + "=FILE or --text \"...\""
                : "--input " + d.name() + "=FILE.csv";
        throw new UsageException("input '" + d.name() + "' has no data: give " + how);
      }
    }
    return result;
  }
}
