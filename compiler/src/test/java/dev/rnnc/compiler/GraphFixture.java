package dev.rnnc.compiler;

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
import dev.rnnc.runtime.TokenFeatures;
import dev.rnnc.runtime.TokenInput;
import dev.rnnc.runtime.VectorInput;
import dev.rnnc.runtime.Window;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Builds small graphs and schedules by hand for tests, without going through YAML. */
public final class GraphFixture {

  private static final SourcePosition POS = SourcePosition.startOf(Path.of("test.yaml"));

  private final List<InputDef> inputs = new ArrayList<>();
  private final List<Node> nodes = new ArrayList<>();
  private final List<Edge> edges = new ArrayList<>();
  private final List<Port> outputs = new ArrayList<>();
  private Precision precision = Precision.DOUBLE;
  private String name = "Test";
  private Window window = Window.NONE;

  public GraphFixture precision(Precision p) {
    this.precision = p;
    return this;
  }

  public GraphFixture name(String modelName) {
    this.name = modelName;
    return this;
  }

  public GraphFixture window(Window w) {
    this.window = w;
    return this;
  }

  /** Adds a tokens input (presence features, unigrams); returns its index. */
  public int tokens(String inputName, String... vocabulary) {
    inputs.add(
        new TokenInput(
            inputName,
            List.of(vocabulary),
            List.of(1),
            true,
            TokenInput.DEFAULT_PATTERN,
            TokenFeatures.PRESENCE));
    return inputs.size() - 1;
  }

  /** Feature {@code feature} of an input, as an edge source. */
  public Port feature(int input, int feature) {
    return Port.input(input, feature, 1);
  }

  /** Adds a vector input; returns its index. */
  public int vector(String name, int size) {
    inputs.add(new VectorInput(name, size, Reduce.MEAN));
    return inputs.size() - 1;
  }

  /** Adds a neuron; returns its node index. */
  public int neuron(
      String name, Activation act, Aggregation agg, double bias, double gain, double initial) {
    return node(name, false, 1, act, act.defaultAlpha(), agg, bias, gain, initial);
  }

  public int neuron(String name, Activation act) {
    return neuron(name, act, Aggregation.SUM, 0, 1, 0);
  }

  public int group(String name, int size, Activation act, double bias) {
    return node(name, true, size, act, act.defaultAlpha(), Aggregation.SUM, bias, 1, 0);
  }

  public int node(
      String name,
      boolean group,
      int size,
      Activation act,
      double alpha,
      Aggregation agg,
      double bias,
      double gain,
      double initial) {
    double[] b = new double[size];
    Arrays.fill(b, bias);
    double[] init = new double[size];
    Arrays.fill(init, initial);
    nodes.add(
        new Node(
            nodes.size(),
            name,
            group,
            size,
            act,
            alpha,
            agg,
            Doubles.of(b),
            gain,
            Doubles.of(init),
            POS));
    return nodes.size() - 1;
  }

  public Port whole(int node) {
    return Port.node(node, 0, nodes.get(node).size());
  }

  public Port input(int input) {
    return Port.input(input, 0, inputs.get(input).featureCount());
  }

  /** A scalar edge between two neurons. */
  public GraphFixture edge(int from, int to, double w, Delay delay) {
    return edge(whole(from), whole(to), Matrix.scalar(w), delay);
  }

  public GraphFixture edge(Port from, Port to, Matrix w, Delay delay) {
    edges.add(new Edge(edges.size(), from, to, w, delay, POS));
    return this;
  }

  public GraphFixture output(int node) {
    outputs.add(whole(node));
    return this;
  }

  public Graph graph() {
    return graph(Optional.empty());
  }

  public Graph graph(Optional<List<Integer>> order) {
    return new Graph(
        Path.of("test.yaml"),
        name,
        "",
        precision,
        inputs,
        window,
        nodes,
        edges,
        outputs,
        order,
        List.of(),
        MathMode.EXACT);
  }

  /** A schedule with the given order; auto edges get delay 0 forward, 1 backward. */
  public Schedule schedule(Integer... order) {
    Graph g = graph(Optional.of(List.of(order)));
    return new Schedule(g, List.of(order), false, Schedule.Method.EXPLICIT);
  }
}
