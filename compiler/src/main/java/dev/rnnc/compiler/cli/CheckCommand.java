package dev.rnnc.compiler.cli;

import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.diag.Diagnostic;
import dev.rnnc.compiler.diag.DiagnosticRenderer;
import dev.rnnc.compiler.diag.SpecException;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.Node;
import dev.rnnc.compiler.report.Json;
import dev.rnnc.compiler.schedule.Schedule;
import dev.rnnc.runtime.InputDef;
import dev.rnnc.runtime.TokenInput;
import dev.rnnc.runtime.Window;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnnc check}: validates specs and prints the order, backward edges and state size. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Validates specs and prints each one's evaluation order, backward edges and state size.",
      "All problems of a spec are reported, as file:line:column: error: message."
    })
final class CheckCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin SpecFiles specs;

  @Option(names = "--json", description = "Print one JSON object per spec (one per line).")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int code = Main.OK;
    DiagnosticRenderer renderer = new DiagnosticRenderer();
    for (Path file : specs.existing()) {
      try {
        Model model = Compiler.load(file);
        if (!model.warnings().isEmpty()) {
          err.print(renderer.render(model.warnings()));
        }
        if (json) {
          out.println(Json.write(summary(file, model)));
        } else {
          printText(out, file, model);
        }
      } catch (SpecException e) {
        code = Main.BAD_INPUT;
        err.print(renderer.render(e.diagnostics()));
        if (json) {
          out.println(Json.write(failure(file, e.diagnostics())));
        }
      }
    }
    return code;
  }

  static Map<String, Object> summary(Path file, Model model) {
    Graph g = model.graph();
    Schedule s = model.schedule();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("spec", file.toString());
    m.put("ok", true);
    m.put("name", g.name());
    m.put("precision", g.precision().label());
    m.put("order", names(g, s.order()));
    List<Object> backward = new ArrayList<>();
    List<Object> backwardAt = new ArrayList<>();
    for (Edge e : s.backwardEdges()) {
      backward.add(List.of(g.portName(e.from()), g.portName(e.to())));
      backwardAt.add(List.of(e.position().line(), e.position().column()));
    }
    m.put("backward", backward);
    m.put("backward_at", backwardAt);
    List<Object> ties = new ArrayList<>();
    for (Edge e : s.ties()) {
      ties.add(List.of(g.portName(e.from()), g.portName(e.to())));
    }
    m.put("order_ties", ties);
    m.put("state_size", s.stateSize());
    m.put("order_optimal", s.optimal());
    m.put("order_method", s.method().label());
    m.put("inputs", g.inputs().size());
    List<Object> inputs = new ArrayList<>();
    for (InputDef in : g.inputs()) {
      Map<String, Object> i = new LinkedHashMap<>();
      i.put("name", in.name());
      i.put("kind", in instanceof TokenInput ? "tokens" : "vector");
      i.put("features", in.featureCount());
      inputs.add(i);
    }
    m.put("input_list", inputs);
    if (!g.window().equals(Window.NONE)) {
      Window w = g.window();
      Map<String, Object> window = new LinkedHashMap<>();
      window.put("size", w.size());
      window.put("stride", w.stride());
      window.put("partial", w.partial());
      m.put("window", window);
    } else {
      m.put("window", null);
    }
    m.put("features", g.featureCount());
    m.put("neurons", g.nodes().stream().filter(n -> !n.group()).count());
    m.put("groups", g.nodes().stream().filter(Node::group).count());
    m.put("edges", g.edges().size());
    m.put("weights", g.edges().stream().mapToLong(e -> e.weights().size()).sum());
    m.put("outputs", g.outputNames());
    m.put("diagnostics", diagnostics(model.warnings()));
    return m;
  }

  private static Map<String, Object> failure(Path file, List<Diagnostic> diagnostics) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("spec", file.toString());
    m.put("ok", false);
    m.put("diagnostics", diagnostics(diagnostics));
    return m;
  }

  /** Diagnostics as JSON objects. */
  private static List<Object> diagnostics(List<Diagnostic> diagnostics) {
    List<Object> list = new ArrayList<>();
    for (Diagnostic d : diagnostics) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("file", d.position().file().toString());
      e.put("line", d.position().line());
      e.put("column", d.position().column());
      e.put("severity", d.severity().label());
      e.put("code", d.code().id());
      e.put("message", d.message());
      e.put("hint", d.hint());
      list.add(e);
    }
    return list;
  }

  private static List<String> names(Graph g, List<Integer> nodes) {
    return nodes.stream().map(i -> g.nodes().get(i).name()).toList();
  }

  /** "1 edge", "2 edges". */
  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static void printText(PrintWriter out, Path file, Model model) {
    Graph g = model.graph();
    Schedule s = model.schedule();
    long neurons = g.nodes().stream().filter(n -> !n.group()).count();
    long groups = g.nodes().size() - neurons;
    out.println(file + ": ok");
    out.println("  model:      " + g.name() + " (" + g.precision().label() + ")");
    List<String> inputs = new ArrayList<>();
    for (InputDef in : g.inputs()) {
      String kind = in instanceof TokenInput ? "tokens" : "vector";
      inputs.add(in.name() + " (" + kind + ", " + count(in.featureCount(), "feature") + ")");
    }
    out.println("  inputs:     " + (inputs.isEmpty() ? "none" : String.join(", ", inputs)));
    if (!g.window().equals(Window.NONE)) {
      Window w = g.window();
      out.println(
          "  window:     size "
              + w.size()
              + ", stride "
              + w.stride()
              + (w.partial() ? ", partial" : ""));
    }
    out.println(
        "  nodes:      "
            + count(neurons, "neuron")
            + ", "
            + count(groups, "group")
            + "; "
            + count(g.edges().size(), "edge"));
    String how =
        switch (s.method()) {
          case EXPLICIT -> "given by order:";
          case ACYCLIC -> "acyclic, no backward edges needed";
          case EXACT -> "minimal number of backward edges, proven";
          case HEURISTIC -> "heuristic: few backward edges, minimum not proven";
        };
    out.println("  order:      " + String.join(", ", names(g, s.order())) + "  (" + how + ")");
    List<Edge> backward = s.backwardEdges();
    out.println(
        "  backward:   "
            + (backward.isEmpty()
                ? "none"
                : count(backward.size(), "edge")
                    + " read"
                    + (backward.size() == 1 ? "s" : "")
                    + " the previous step"));
    for (Edge e : backward) {
      out.println("              " + describe(g, e));
    }
    if (!s.ties().isEmpty()) {
      out.println("  note:       equally good orders differ in what outputs read; here");
      for (Edge e : s.ties()) {
        out.println(
            "                "
                + describe(g, e)
                + " reads "
                + (s.effectiveDelay(e.index()) == 0 ? "this step" : "the previous step"));
      }
      out.println("              pin the order with order: or delay: if that matters");
    }
    out.println("  state size: " + s.stateSize());
    out.println("  outputs:    " + String.join(", ", g.outputNames()));
  }

  /** {@code from -> to (line:column)}. */
  private static String describe(Graph g, Edge e) {
    return g.portName(e.from())
        + " -> "
        + g.portName(e.to())
        + "   ("
        + e.position().line()
        + ":"
        + e.position().column()
        + ")";
  }
}
