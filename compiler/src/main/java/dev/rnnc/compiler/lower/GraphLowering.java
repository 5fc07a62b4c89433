package dev.rnnc.compiler.lower;

import dev.rnnc.compiler.check.EdgeDecl;
import dev.rnnc.compiler.check.InputDecl;
import dev.rnnc.compiler.check.NodeDecl;
import dev.rnnc.compiler.check.Ref;
import dev.rnnc.compiler.check.Spec;
import dev.rnnc.compiler.check.Weights;
import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.ir.Doubles;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.Matrix;
import dev.rnnc.compiler.ir.Node;
import dev.rnnc.compiler.ir.Port;
import dev.rnnc.compiler.weights.InitSpec;
import dev.rnnc.compiler.weights.MatrixInit;
import dev.rnnc.runtime.InputDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The third phase: turns a checked {@link Spec} into the graph IR. Nodes are the neurons then the
 * groups, each in declaration order; edges keep declaration order; names become indices and
 * references become {@link Port}s; {@code {init: ...}} weights are generated here. Values are not
 * rounded for {@code precision: float} (the interpreter and generated code do that).
 */
public final class GraphLowering {

  private GraphLowering() {}

  /** Lowers a checked spec. Cannot fail: the checker has ruled out every problem. */
  public static Graph lower(Spec spec, Diagnostics warnings) {
    Map<String, Integer> nodeIndex = new HashMap<>();
    List<Node> nodes = new ArrayList<>();
    for (NodeDecl d : spec.neurons()) {
      nodeIndex.put(d.name(), nodes.size());
      nodes.add(node(nodes.size(), d));
    }
    for (NodeDecl d : spec.groups()) {
      nodeIndex.put(d.name(), nodes.size());
      nodes.add(node(nodes.size(), d));
    }
    Map<String, Integer> inputIndex = new HashMap<>();
    List<InputDef> inputs = new ArrayList<>();
    for (InputDecl d : spec.inputs()) {
      inputIndex.put(d.name(), inputs.size());
      inputs.add(d.def());
    }
    List<Edge> edges = new ArrayList<>();
    for (EdgeDecl e : spec.edges()) {
      edges.add(
          new Edge(
              edges.size(),
              port(e.from(), nodeIndex, inputIndex),
              port(e.to(), nodeIndex, inputIndex),
              matrix(e, warnings),
              e.delay(),
              e.position(),
              e.trainable(),
              keepZeros(e)));
    }
    List<Port> outputs = spec.outputs().stream().map(r -> port(r, nodeIndex, inputIndex)).toList();
    Optional<List<Integer>> order =
        spec.order().map(refs -> refs.stream().map(r -> nodeIndex.get(r.name())).toList());
    return new Graph(spec.header(), inputs, nodes, edges, outputs, order);
  }

  /**
   * Whether training keeps the edge's zeros zero: a sparse {@code init} made them, or the matrix is
   * stored sparse (its zeros are structural).
   */
  private static boolean keepZeros(EdgeDecl e) {
    return e.weights() instanceof Weights.Random r && r.init().density() < 1;
  }

  private static Node node(int index, NodeDecl d) {
    return new Node(
        index,
        d.name(),
        d.group(),
        d.size(),
        d.activation(),
        d.alpha(),
        d.aggregation(),
        Doubles.of(d.bias()),
        d.gain(),
        Doubles.of(d.initial()),
        d.position(),
        d.trainable(),
        d.leak(),
        d.cell(),
        Doubles.of(d.recurrentBias()));
  }

  private static Port port(Ref ref, Map<String, Integer> nodes, Map<String, Integer> inputs) {
    return ref.isNode()
        ? Port.node(nodes.get(ref.name()), ref.offset(), ref.size())
        : Port.input(inputs.get(ref.name()), ref.offset(), ref.size());
  }

  private static Matrix matrix(EdgeDecl e, Diagnostics warnings) {
    if (e.weights() instanceof Weights.Random random) {
      Matrix m = MatrixInit.generate(random.init(), random.rows(), random.cols());
      InitSpec init = random.init();
      boolean thinned = init.density() < 1 || init.spectralRadius().isPresent();
      if (thinned && init.scale() > 0 && allZero(m)) {
        warnings.warning(
            Code.ALL_ZERO_WEIGHTS,
            e.position(),
            "the random weights of "
                + e.from().text()
                + " -> "
                + e.to().text()
                + " came out all zero (density "
                + init.density()
                + " over "
                + m.size()
                + " values)",
            "raise density, or change the seed");
      }
      return m;
    }
    return ((Weights.Given) e.weights()).matrix().compact();
  }

  private static boolean allZero(Matrix m) {
    for (int k = 0; k < m.stored(); k++) {
      if (m.storedValue(k) != 0) {
        return false;
      }
    }
    return true;
  }
}
