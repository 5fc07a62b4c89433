package dev.rnnc.compiler.cli;

import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.diag.DiagnosticRenderer;
import dev.rnnc.compiler.diag.SpecException;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.Node;
import dev.rnnc.compiler.report.CheckReport;
import dev.rnnc.compiler.report.Json;
import dev.rnnc.compiler.schedule.Schedule;
import dev.rnnc.runtime.InputDef;
import dev.rnnc.runtime.TokenInput;
import dev.rnnc.runtime.Window;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
          out.println(Json.write(CheckReport.summary(file, model)));
        } else {
          printText(out, file, model);
        }
      } catch (SpecException e) {
        code = Main.BAD_INPUT;
        err.print(renderer.render(e.diagnostics()));
        if (json) {
          out.println(Json.write(CheckReport.failure(file, e.diagnostics())));
        }
      }
    }
    return code;
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
    for (Node n : g.nodes()) {
      if (n.isCell()) {
        out.println(
            "  cell:       "
                + n.name()
                + ": "
                + n.cell().specName()
                + ", "
                + n.size()
                + " units, gates "
                + String.join(", ", n.cell().gateNames().split(""))
                + (n.cell().hasCellState() ? "; h and c in the state" : ""));
      }
    }
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
