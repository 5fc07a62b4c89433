package dev.rnnc.compiler.schedule;

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
 * Builds graphs for scheduler tests as if from a spec {@code test.yaml} that declares one input
 * {@code x} of size 2 (line 2), the nodes (one per line from line 4) and then the edges (one per
 * line, at column 5).
 */
final class GraphBuilder {

  static final Path FILE = Path.of("test.yaml");

  private final List<String> names = new ArrayList<>();
  private final List<Integer> sizes = new ArrayList<>();
  private final List<Port[]> ends = new ArrayList<>();
  private final List<Delay> delays = new ArrayList<>();
  private List<Integer> order;

  /** A graph with neurons named {@code names}, in declaration order. */
  static GraphBuilder neurons(String... names) {
    GraphBuilder b = new GraphBuilder();
    for (String name : names) {
      b.names.add(name);
      b.sizes.add(1);
    }
    return b;
  }

  /** A graph with neurons {@code n0, n1, ...}. */
  static GraphBuilder neurons(int count) {
    GraphBuilder b = new GraphBuilder();
    for (int i = 0; i < count; i++) {
      b.names.add("n" + i);
      b.sizes.add(1);
    }
    return b;
  }

  /** Adds a group declared after the nodes so far. */
  GraphBuilder group(String name, int size) {
    names.add(name);
    sizes.add(size);
    return this;
  }

  GraphBuilder auto(String from, String to) {
    return edge(index(from), index(to), Delay.AUTO);
  }

  GraphBuilder zero(String from, String to) {
    return edge(index(from), index(to), Delay.ZERO);
  }

  GraphBuilder delayed(String from, String to, int steps) {
    return edge(index(from), index(to), Delay.fixed(steps));
  }

  /** An edge between whole nodes. */
  GraphBuilder edge(int from, int to, Delay delay) {
    return edge(Port.node(from, 0, sizes.get(from)), Port.node(to, 0, sizes.get(to)), delay);
  }

  /** An edge from element {@code element} of node {@code from} to the whole node {@code to}. */
  GraphBuilder elementEdge(String from, int element, String to, Delay delay) {
    return edge(Port.node(index(from), element, 1), Port.node(index(to), 0, 1), delay);
  }

  /** An edge from feature {@code feature} of input {@code x} to node {@code to}. */
  GraphBuilder inputEdge(int feature, String to, int steps) {
    return edge(Port.input(0, feature, 1), Port.node(index(to), 0, 1), Delay.fixed(steps));
  }

  GraphBuilder order(String... nodes) {
    order = new ArrayList<>();
    for (String name : nodes) {
      order.add(index(name));
    }
    return this;
  }

  private GraphBuilder edge(Port from, Port to, Delay delay) {
    ends.add(new Port[] {from, to});
    delays.add(delay);
    return this;
  }

  private int index(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no node " + name);
    }
    return i;
  }

  /** The line of node {@code i} in the imagined spec. */
  static int nodeLine(int i) {
    return 4 + i;
  }

  /** The line of edge {@code i} in the imagined spec of a graph with {@code nodeCount} nodes. */
  static int edgeLine(int nodeCount, int i) {
    return 5 + nodeCount + i;
  }

  Graph build() {
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      int size = sizes.get(i);
      double[] zeros = new double[size];
      nodes.add(
          new Node(
              i,
              names.get(i),
              size > 1,
              size,
              Activation.TANH,
              0.0,
              Aggregation.SUM,
              Doubles.of(zeros),
              1.0,
              Doubles.of(zeros.clone()),
              new SourcePosition(FILE, nodeLine(i), 3)));
    }
    List<Edge> edges = new ArrayList<>();
    for (int i = 0; i < ends.size(); i++) {
      Port from = ends.get(i)[0];
      Port to = ends.get(i)[1];
      double[] weights = new double[to.size() * from.size()];
      Arrays.fill(weights, 0.5);
      edges.add(
          new Edge(
              i,
              from,
              to,
              new Matrix(to.size(), from.size(), weights),
              delays.get(i),
              new SourcePosition(FILE, edgeLine(names.size(), i), 5)));
    }
    List<InputDef> inputs = List.of(new VectorInput("x", 2, Reduce.SUM));
    return new Graph(
        FILE,
        "Test",
        "",
        Precision.DOUBLE,
        inputs,
        Window.NONE,
        nodes,
        edges,
        names.isEmpty()
            ? List.of()
            : List.of(Port.node(names.size() - 1, 0, sizes.get(names.size() - 1))),
        Optional.ofNullable(order),
        List.of(),
        MathMode.EXACT);
  }
}
