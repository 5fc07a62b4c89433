package dev.rnnc.compiler.generate;

import dev.rnnc.compiler.diag.SourcePosition;
import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Aggregation;
import dev.rnnc.compiler.ir.Delay;
import dev.rnnc.compiler.ir.Doubles;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.MathMode;
import dev.rnnc.compiler.ir.Matrix;
import dev.rnnc.compiler.ir.Node;
import dev.rnnc.compiler.ir.Port;
import dev.rnnc.compiler.schedule.Schedule;
import dev.rnnc.runtime.InputDef;
import dev.rnnc.runtime.ModelInfo.Precision;
import dev.rnnc.runtime.Reduce;
import dev.rnnc.runtime.VectorInput;
import dev.rnnc.runtime.Window;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Builds graphs and schedules by hand for tests: nodes are added neurons first then groups (the
 * order the IR requires), and {@link #schedule()} takes an explicit order or the declaration order
 * and derives effective delays exactly as the contract defines them.
 */
final class GraphBuilder {

  static final Path SOURCE = Path.of("test.yaml");
  private static final SourcePosition AT = SourcePosition.startOf(SOURCE);

  private final String name;
  private Precision precision = Precision.DOUBLE;
  private String javaPackage = "";
  private final List<InputDef> inputs = new ArrayList<>();
  private final List<NodeSpec> neurons = new ArrayList<>();
  private final List<NodeSpec> groups = new ArrayList<>();
  private final List<EdgeSpec> edges = new ArrayList<>();
  private final List<String> outputs = new ArrayList<>();
  private List<String> order;

  /** A node before indices are assigned. */
  static final class NodeSpec {
    final String name;
    final boolean group;
    final int size;
    Activation activation = Activation.IDENTITY;
    double alpha = Double.NaN;
    Aggregation aggregation = Aggregation.SUM;
    double[] bias;
    double gain = 1.0;
    double[] initial;

    NodeSpec(String name, boolean group, int size) {
      this.name = name;
      this.group = group;
      this.size = size;
      this.bias = new double[size];
      this.initial = new double[size];
    }

    NodeSpec activation(Activation a) {
      activation = a;
      return this;
    }

    NodeSpec alpha(double a) {
      alpha = a;
      return this;
    }

    NodeSpec aggregation(Aggregation a) {
      aggregation = a;
      return this;
    }

    NodeSpec bias(double... b) {
      bias = b.length == 1 && size > 1 ? filled(size, b[0]) : b.clone();
      return this;
    }

    NodeSpec gain(double g) {
      gain = g;
      return this;
    }

    NodeSpec initial(double... v) {
      initial = v.length == 1 && size > 1 ? filled(size, v[0]) : v.clone();
      return this;
    }

    private static double[] filled(int n, double v) {
      double[] a = new double[n];
      Arrays.fill(a, v);
      return a;
    }
  }

  private record EdgeSpec(String from, String to, Matrix weights, Delay delay) {}

  GraphBuilder(String name) {
    this.name = name;
  }

  GraphBuilder precision(Precision p) {
    precision = p;
    return this;
  }

  GraphBuilder javaPackage(String p) {
    javaPackage = p;
    return this;
  }

  GraphBuilder vector(String inputName, int size) {
    inputs.add(new VectorInput(inputName, size, Reduce.SUM));
    return this;
  }

  GraphBuilder input(InputDef def) {
    inputs.add(def);
    return this;
  }

  NodeSpec neuron(String nodeName) {
    NodeSpec n = new NodeSpec(nodeName, false, 1);
    neurons.add(n);
    return n;
  }

  NodeSpec group(String nodeName, int size) {
    NodeSpec n = new NodeSpec(nodeName, true, size);
    groups.add(n);
    return n;
  }

  /** A 1x1 edge; {@code from}/{@code to} are names, optionally with an element: {@code h[2]}. */
  GraphBuilder edge(String from, String to, double weight) {
    return edge(from, to, Matrix.scalar(weight), Delay.AUTO);
  }

  GraphBuilder edge(String from, String to, double weight, Delay delay) {
    return edge(from, to, Matrix.scalar(weight), delay);
  }

  GraphBuilder edge(String from, String to, Matrix weights, Delay delay) {
    edges.add(new EdgeSpec(from, to, weights, delay));
    return this;
  }

  GraphBuilder output(String port) {
    outputs.add(port);
    return this;
  }

  GraphBuilder order(String... names) {
    order = List.of(names);
    return this;
  }

  private List<NodeSpec> allNodes() {
    List<NodeSpec> all = new ArrayList<>(neurons);
    all.addAll(groups);
    return all;
  }

  private Port resolve(String port, List<NodeSpec> nodes) {
    String base = port;
    int element = -1;
    int bracket = port.indexOf('[');
    if (bracket >= 0) {
      base = port.substring(0, bracket);
      element = Integer.parseInt(port.substring(bracket + 1, port.length() - 1));
    }
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).name.equals(base)) {
        return element < 0 ? Port.node(i, 0, nodes.get(i).size) : Port.node(i, element, 1);
      }
    }
    for (int i = 0; i < inputs.size(); i++) {
      if (inputs.get(i).name().equals(base)) {
        return element < 0
            ? Port.input(i, 0, inputs.get(i).featureCount())
            : Port.input(i, element, 1);
      }
    }
    throw new IllegalArgumentException("unknown port " + port);
  }

  Graph graph() {
    List<NodeSpec> all = allNodes();
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      NodeSpec s = all.get(i);
      double alpha = Double.isNaN(s.alpha) ? s.activation.defaultAlpha() : s.alpha;
      nodes.add(
          new Node(
              i,
              s.name,
              s.group,
              s.size,
              s.activation,
              alpha,
              s.aggregation,
              Doubles.of(s.bias),
              s.gain,
              Doubles.of(s.initial),
              AT));
    }
    List<Edge> es = new ArrayList<>();
    for (int i = 0; i < edges.size(); i++) {
      EdgeSpec e = edges.get(i);
      Port from = resolve(e.from(), all);
      // Input edges default to delay 0, as in specs.
      Delay delay = from.isInput() && e.delay().auto() ? Delay.ZERO : e.delay();
      es.add(new Edge(i, from, resolve(e.to(), all), e.weights(), delay, AT));
    }
    List<Port> outs = new ArrayList<>();
    for (String o : outputs) {
      outs.add(resolve(o, all));
    }
    Optional<List<Integer>> explicit = Optional.empty();
    if (order != null) {
      List<Integer> idx = new ArrayList<>();
      for (String o : order) {
        idx.add(resolve(o, all).index());
      }
      explicit = Optional.of(idx);
    }
    return new Graph(
        SOURCE,
        name,
        javaPackage,
        precision,
        inputs,
        Window.NONE,
        nodes,
        es,
        outs,
        explicit,
        List.of(),
        MathMode.EXACT);
  }

  Schedule schedule() {
    return schedule(graph());
  }

  /** The graph's explicit order (or declaration order), with effective delays derived from it. */
  static Schedule schedule(Graph g) {
    List<Integer> order =
        g.explicitOrder()
            .orElseGet(
                () -> {
                  List<Integer> o = new ArrayList<>();
                  for (int i = 0; i < g.nodes().size(); i++) {
                    o.add(i);
                  }
                  return o;
                });
    return new Schedule(
        g,
        order,
        false,
        g.explicitOrder().isPresent() ? Schedule.Method.EXPLICIT : Schedule.Method.ACYCLIC);
  }
}
