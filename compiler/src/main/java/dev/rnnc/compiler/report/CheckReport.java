package dev.rnnc.compiler.report;

import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.diag.Diagnostic;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.Node;
import dev.rnnc.compiler.schedule.Schedule;
import dev.rnnc.runtime.InputDef;
import dev.rnnc.runtime.TokenInput;
import dev.rnnc.runtime.Window;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts {@code rnnc check --json} prints about a spec (and {@code rnnc serve} shows): order,
 * backward edges, state size, inputs, outputs and diagnostics, as maps for {@link Json}.
 */
public final class CheckReport {

  private CheckReport() {}

  /** What {@code check --json} prints for a spec that checks: the model's facts. */
  public static Map<String, Object> summary(Path file, Model model) {
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
    m.put("weights", g.edges().stream().mapToLong(e -> e.weights().stored()).sum());
    List<Object> cells = new ArrayList<>();
    for (Node n : g.nodes()) {
      if (n.isCell()) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", n.name());
        c.put("cell", n.cell().specName());
        c.put("size", n.size());
        c.put("gates", List.of(n.cell().gateNames().split("")));
        cells.add(c);
      }
    }
    m.put("cells", cells);
    m.put("sparse_edges", g.edges().stream().filter(e -> e.weights().isSparse()).count());
    m.put("outputs", g.outputNames());
    m.put("diagnostics", diagnostics(model.warnings()));
    return m;
  }

  /** What {@code check --json} prints for a spec with errors. */
  public static Map<String, Object> failure(Path file, List<Diagnostic> diagnostics) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("spec", file.toString());
    m.put("ok", false);
    m.put("diagnostics", diagnostics(diagnostics));
    return m;
  }

  /** Diagnostics as JSON objects: file, line, column, severity, code, message, hint. */
  public static List<Object> diagnostics(List<Diagnostic> diagnostics) {
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
}
