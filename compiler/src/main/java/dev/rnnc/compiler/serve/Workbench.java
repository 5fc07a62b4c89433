package dev.rnnc.compiler.serve;

import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.check.FileAccess;
import dev.rnnc.compiler.data.InputStreams;
import dev.rnnc.compiler.data.InputStreams.Elements;
import dev.rnnc.compiler.data.InputStreams.Source;
import dev.rnnc.compiler.diag.Diagnostic;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SpecException;
import dev.rnnc.compiler.generate.GenerateOptions;
import dev.rnnc.compiler.graphviz.SvgWriter;
import dev.rnnc.compiler.output.GeneratedFile;
import dev.rnnc.compiler.report.CheckReport;
import dev.rnnc.runtime.Evaluator;
import dev.rnnc.runtime.InputDef;
import dev.rnnc.runtime.ModelInfo;
import dev.rnnc.runtime.Session;
import dev.rnnc.runtime.TokenInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the playground computes for spec text, as JSON-ready maps: its diagnostics (the same as
 * {@code rnnc check}), the facts {@code check --json} prints and the network picture; a run over
 * pasted input data; the generated Java. Every spec is read as if it were the file {@code source},
 * reading only the files {@code access} allows. Nothing here keeps state between calls.
 */
final class Workbench {

  /** Most steps a run computes: enough to plot, little enough to answer at once. */
  static final int MAX_STEPS = 5000;

  /** Most output values a run returns (steps times columns). */
  static final int MAX_VALUES = 400_000;

  /** Most steps a model without inputs is asked to run. */
  static final int DEFAULT_STEPS = 50;

  /** Longest a run may take before it stops and returns what it has, in nanoseconds. */
  static final long MAX_RUN_NANOS = 10_000_000_000L;

  /** Models this big are not drawn in the page ({@code rnnc graph} draws them to a file). */
  static final int MAX_DRAWN_NODES = 2000;

  /** At most this many feature names of an input are sent to the page. */
  static final int MAX_FEATURE_NAMES = 200;

  private final Path source;
  private final FileAccess access;
  private final LongSupplier clock;

  Workbench(Path source, FileAccess access) {
    this(source, access, System::nanoTime);
  }

  /** A workbench whose run deadline is measured with {@code clock} (nanoseconds). */
  Workbench(Path source, FileAccess access, LongSupplier clock) {
    this.source = source;
    this.access = access;
    this.clock = clock;
  }

  /** The spec file this workbench reads specs as. */
  Path source() {
    return source;
  }

  /**
   * Checks spec text: {@code ok}, the {@code diagnostics}, and for a good spec the {@code model}
   * (what {@code check --json} prints), the {@code inputs} with their feature names, and the {@code
   * svg} picture (or a {@code svg_note} saying why there is none).
   */
  Map<String, Object> check(String text) {
    Map<String, Object> result = new LinkedHashMap<>();
    Model model;
    try {
      model = Compiler.load(text, source, access);
    } catch (SpecException e) {
      result.put("ok", false);
      result.put("diagnostics", diagnostics(e.diagnostics()));
      return result;
    }
    result.put("ok", true);
    result.put("diagnostics", diagnostics(model.warnings()));
    result.put("model", CheckReport.summary(fileName(), model));
    result.put("inputs", inputs(model.schedule().modelInfo()));
    int nodes = model.graph().nodes().size();
    if (nodes > MAX_DRAWN_NODES) {
      result.put(
          "svg_note",
          nodes
              + " nodes are too many to draw here; rnnc graph "
              + fileName()
              + " -o picture.svg draws them to a file");
    } else {
      result.put("svg", new SvgWriter().write(model));
    }
    return result;
  }

  /**
   * Runs spec text with the reference interpreter over the given data (by input name: CSV for a
   * vector input, text for a tokens input), or for {@code steps} steps when the model has no
   * inputs: {@code ok}, {@code columns} ({@code step} and the output columns), {@code rows}, and
   * {@code stopped} with the reason when the run ended before its data did.
   */
  Map<String, Object> run(String text, Map<String, String> data, int steps) {
    Map<String, Object> result = new LinkedHashMap<>();
    Model model;
    try {
      model = Compiler.load(text, source, access);
    } catch (SpecException e) {
      result.put("ok", false);
      result.put("diagnostics", diagnostics(e.diagnostics()));
      return result;
    }
    ModelInfo info = model.schedule().modelInfo();
    List<String> columns = new ArrayList<>();
    columns.add("step");
    columns.addAll(info.outputNames());
    int maxRows = Math.max(1, Math.min(MAX_STEPS, MAX_VALUES / Math.max(1, info.outputCount())));
    List<Object> rows = new ArrayList<>();
    Evaluator evaluator = Compiler.interpreter(model);
    long deadline = clock.getAsLong() + MAX_RUN_NANOS;
    String stopped = null;
    Diagnostics sink = new Diagnostics();
    if (info.inputs().isEmpty()) {
      int n = Math.max(0, Math.min(steps, maxRows));
      double[] outputs = new double[info.outputCount()];
      for (int t = 0; t < n; t++) {
        if (clock.getAsLong() > deadline) {
          stopped = "stopped after " + (MAX_RUN_NANOS / 1_000_000_000L) + " s";
          break;
        }
        evaluator.step(new double[0], outputs);
        rows.add(row(t, outputs));
      }
      if (steps > maxRows && stopped == null) {
        stopped = "shows the first " + maxRows + " steps";
      }
    } else {
      List<String> missing = new ArrayList<>();
      List<Elements> elements = new ArrayList<>();
      Map<String, Source> sources = new LinkedHashMap<>();
      try {
        for (InputDef in : info.inputs()) {
          String given = data.get(in.name());
          if (given == null) {
            missing.add(in.name());
            continue;
          }
          Source s = new Source("input " + in.name(), null, given);
          sources.put(in.name(), s);
          elements.add(InputStreams.open(in, s, new ByteArrayInputStream(new byte[0]), sink));
        }
        if (!missing.isEmpty()) {
          result.put("ok", false);
          result.put("error", "no data for input " + String.join(", ", missing));
          return result;
        }
        int limit = maxRows;
        String mismatch =
            InputStreams.drive(
                info,
                new Session(evaluator),
                elements,
                sources,
                sink,
                (step, outputs) -> {
                  if (step >= limit) {
                    throw new Stop("shows the first " + limit + " steps");
                  }
                  if (clock.getAsLong() > deadline) {
                    throw new Stop("stopped after " + (MAX_RUN_NANOS / 1_000_000_000L) + " s");
                  }
                  rows.add(row(step, outputs));
                });
        if (mismatch != null) {
          result.put("ok", false);
          result.put("error", mismatch);
          return result;
        }
      } catch (Stop s) {
        stopped = s.getMessage();
      } catch (IOException e) {
        throw new UncheckedIOException(e); // text in memory does not fail to read
      }
    }
    if (sink.hasErrors()) {
      result.put("ok", false);
      result.put("diagnostics", inputDiagnostics(sink.all()));
      return result;
    }
    result.put("ok", true);
    result.put("columns", columns);
    result.put("rows", rows);
    result.put("stopped", stopped);
    return result;
  }

  /** The generated evaluator of spec text, as {@code rnnc compile} would write it. */
  GeneratedFile java(String text) throws SpecException {
    Model model = Compiler.load(text, source, access);
    return Compiler.generate(
        model, GenerateOptions.defaults().withSourceName(fileName().toString()));
  }

  /** Ends a run early from inside its step loop; the message says why. */
  private static final class Stop extends IOException {
    Stop(String why) {
      super(why);
    }
  }

  private static List<Object> row(long step, double[] outputs) {
    List<Object> row = new ArrayList<>(outputs.length + 1);
    row.add(step);
    for (double v : outputs) {
      row.add(v);
    }
    return row;
  }

  private Path fileName() {
    Path name = source.getFileName();
    return name == null ? source : name;
  }

  /** Diagnostics of the spec: where, what, and a hint. */
  private static List<Object> diagnostics(List<Diagnostic> diagnostics) {
    List<Object> list = CheckReport.diagnostics(diagnostics);
    for (Object o : list) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) o;
      Object file = m.get("file");
      m.put("file", file == null ? null : Path.of(file.toString()).getFileName().toString());
    }
    return list;
  }

  /** Diagnostics of input data: which input, line and column in the pasted text. */
  private static List<Object> inputDiagnostics(List<Diagnostic> diagnostics) {
    List<Object> list = new ArrayList<>();
    for (Diagnostic d : diagnostics) {
      Map<String, Object> m = new LinkedHashMap<>();
      String label = d.position().file().toString();
      m.put("input", label.startsWith("input ") ? label.substring(6) : label);
      m.put("line", d.position().line());
      m.put("column", d.position().column());
      m.put("severity", d.severity().label());
      m.put("code", d.code().id());
      m.put("message", d.message());
      m.put("hint", d.hint());
      list.add(m);
    }
    return list;
  }

  /** Each input: name, kind, and its first feature names (for the page to label and fill it). */
  private static List<Object> inputs(ModelInfo info) {
    List<Object> list = new ArrayList<>();
    for (InputDef in : info.inputs()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", in.name());
      m.put("kind", in instanceof TokenInput ? "tokens" : "vector");
      m.put("features", in.featureCount());
      List<String> names = in.featureNames();
      m.put(
          "feature_names",
          List.copyOf(names.subList(0, Math.min(names.size(), MAX_FEATURE_NAMES))));
      if (in instanceof TokenInput t) {
        List<String> terms = t.vocabulary();
        m.put("terms", List.copyOf(terms.subList(0, Math.min(terms.size(), MAX_FEATURE_NAMES))));
      }
      list.add(m);
    }
    return list;
  }
}
