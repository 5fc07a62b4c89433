package dev.rnnc.compiler.onnx;

import dev.rnnc.compiler.onnx.Signal.Affine;
import dev.rnnc.compiler.onnx.Signal.Bound;
import dev.rnnc.compiler.onnx.Signal.Term;
import dev.rnnc.compiler.onnx.Value.Axis;
import dev.rnnc.compiler.onnx.Value.Const;
import dev.rnnc.compiler.onnx.Value.Dim;
import dev.rnnc.compiler.onnx.Value.FinalState;
import dev.rnnc.compiler.onnx.Value.Seq;
import dev.rnnc.compiler.onnx.proto.Onnx.GraphProto;
import dev.rnnc.compiler.onnx.proto.Onnx.NodeProto;
import dev.rnnc.compiler.onnx.proto.Onnx.TensorProto;
import dev.rnnc.compiler.onnx.proto.Onnx.TensorShapeProto;
import dev.rnnc.compiler.onnx.proto.Onnx.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps an ONNX graph onto a spec by interpreting it over abstract values: constants are computed,
 * sizes read off the input stay symbolic, and every tensor that varies along the sequence becomes a
 * {@link Seq} whose vector at each step is a node of the spec. Nodes are visited in the graph's
 * (topological) order; the spec's groups are made in that order.
 */
final class GraphMapper {

  /** The operators of the standard domain that rnnc imports. */
  static final Set<String> SUPPORTED =
      new LinkedHashSet<>(
          List.of(
              "RNN",
              "LSTM",
              "GRU",
              "MatMul",
              "Gemm",
              "Add",
              "Tanh",
              "Sigmoid",
              "Relu",
              "Identity",
              "Constant",
              "Shape",
              "Gather",
              "Unsqueeze",
              "Squeeze",
              "Concat",
              "Slice",
              "Transpose",
              "Reshape",
              "Cast",
              "ConstantOfShape",
              "Expand"));

  static final String SUPPORTED_HINT =
      "rnnc imports RNN, LSTM and GRU layers (one direction), MatMul with Add, Gemm, Tanh,"
          + " Sigmoid and Relu, and the shape operators torch.onnx.export puts around them"
          + " (Identity, Constant, Shape, Gather, Unsqueeze, Squeeze, Concat, Slice, Transpose,"
          + " Reshape, Cast, ConstantOfShape, Expand)";

  /** What an axis of a sequence turned out to be. */
  enum Role {
    UNKNOWN,
    TIME,
    BATCH,
    UNIT
  }

  private final GraphProto graph;
  private final long opset;
  private final TensorReader tensors;
  private final SpecBuilder spec;
  private final Map<String, Value> values = new HashMap<>();
  private final Map<Integer, Role> roles = new HashMap<>();
  private final Map<Affine, Bound> materialized = new IdentityHashMap<>();
  private final Layers layers;
  private int nextLabel = 1;
  private Seq input;
  private String inputName;

  GraphMapper(GraphProto graph, long opset, TensorReader tensors, SpecBuilder spec) {
    this.graph = graph;
    this.opset = opset;
    this.tensors = tensors;
    this.spec = spec;
    this.layers = new Layers(this);
  }

  /** Maps the whole graph into the spec builder. */
  void map() throws ImportException {
    checkOperators();
    if (graph.getSparseInitializerCount() > 0) {
      throw new ImportException(
          "the graph has sparse initializers", "save the model with dense initializers");
    }
    for (TensorProto t : graph.getInitializerList()) {
      define(
          t.getName(),
          new Const(tensors.read(t, "initializer '" + Nodes.printable(t.getName()) + "'")),
          null);
    }
    declareInput();
    for (NodeProto node : graph.getNodeList()) {
      List<Value> outputs = evaluate(node);
      for (int i = 0; i < node.getOutputCount() && i < outputs.size(); i++) {
        if (!node.getOutput(i).isEmpty() && outputs.get(i) != null) {
          define(node.getOutput(i), outputs.get(i), node);
        }
      }
    }
    if (graph.getOutputCount() == 0) {
      throw new ImportException("the graph has no outputs", null);
    }
    for (ValueInfoProto out : graph.getOutputList()) {
      spec.output(spec.rename(output(out.getName()), out.getName()));
    }
    checkInputAxes();
  }

  // ---- context for Layers ----------------------------------------------------------------------

  SpecBuilder spec() {
    return spec;
  }

  long opset() {
    return opset;
  }

  TensorReader tensors() {
    return tensors;
  }

  int newLabel(Role role) {
    int label = nextLabel++;
    roles.put(label, role);
    return label;
  }

  Role role(int label) {
    return roles.getOrDefault(label, Role.UNKNOWN);
  }

  /** Records what an axis is; an axis cannot be the steps in one place and the batch in another. */
  void bind(NodeProto node, Axis axis, Role role) throws ImportException {
    Role now = role(axis.label());
    // An axis of size 1 that an Unsqueeze inserted can serve as the batch of one sequence.
    boolean insertedBatch = now == Role.UNIT && role == Role.BATCH;
    if (axis.isFeature() || (now != Role.UNKNOWN && now != role && !insertedBatch)) {
      String is =
          axis.isFeature()
              ? "features"
              : switch (now) {
                case TIME -> "steps";
                case BATCH -> "batch";
                default -> "inserted size-1";
              };
      throw Nodes.problem(
          node,
          "reads its input with the "
              + is
              + " axis where "
              + (role == Role.TIME ? "the steps" : "the batch")
              + " should be",
          "rnnc imports models whose layers all read the same steps of one sequence");
    }
    roles.put(axis.label(), role);
  }

  /**
   * The group (or input) a sequence's signal is: a pending affine map becomes a group the first
   * time it is needed; with an {@code activation}, a new group applies it.
   */
  Bound materialize(Signal signal, String activation, String origin) throws ImportException {
    if (signal instanceof Bound b && activation == null) {
      return b;
    }
    Affine affine = signal instanceof Affine a ? a : identity((Bound) signal, origin);
    if (activation == null && materialized.containsKey(affine)) {
      return materialized.get(affine);
    }
    String name = spec.newName("fc");
    List<String> from = new ArrayList<>(affine.origin());
    if (activation != null && signal instanceof Affine) {
      from.add(origin);
    }
    spec.group(
        new SpecBuilder.Group(
            name, affine.size(), null, activation, affine.bias(), null, String.join(", ", from)));
    for (Term t : affine.terms()) {
      spec.edge(
          new SpecBuilder.Edge(
              t.from().name(), name, t.weights(), affine.size(), t.from().size(), false));
    }
    Bound bound = new Bound(name, affine.size());
    if (activation == null) {
      materialized.put(affine, bound);
    }
    return bound;
  }

  /** {@code I·b}: the identity map of a node, to which a bias or an activation can be added. */
  static Affine identity(Bound b, String origin) {
    double[] eye = new double[b.size() * b.size()];
    for (int i = 0; i < b.size(); i++) {
      eye[i * b.size() + i] = 1;
    }
    return new Affine(List.of(new Term(b, eye)), null, b.size(), List.of(origin));
  }

  // ---- values ----------------------------------------------------------------------------------

  private void define(String name, Value value, NodeProto node) throws ImportException {
    if (values.containsKey(name) || name.equals(inputName)) {
      String what = "'" + Nodes.printable(name) + "'";
      throw node == null
          ? new ImportException("the graph defines " + what + " twice", null)
          : Nodes.problem(node, "makes " + what + ", which is already defined", null);
    }
    values.put(name, value);
  }

  /** Input {@code i} of {@code node}, or null when it is absent (optional inputs). */
  Value input(NodeProto node, int i) throws ImportException {
    if (i >= node.getInputCount() || node.getInput(i).isEmpty()) {
      return null;
    }
    String name = node.getInput(i);
    Value v = values.get(name);
    if (v == null) {
      throw Nodes.problem(
          node,
          "reads '" + Nodes.printable(name) + "', which no earlier node makes",
          "the graph's nodes must be in topological order, as ONNX requires");
    }
    if (v instanceof FinalState f) {
      throw finalState(f, Nodes.describe(node) + " reads it");
    }
    return v;
  }

  private static ImportException finalState(FinalState f, String where) {
    return new ImportException(
        "output "
            + f.output()
            + " of node '"
            + f.node()
            + "' ("
            + f.op()
            + "), the state after the last step, is used: "
            + where,
        "rnnc models give an output at every step (the last row is the last step): use the"
            + " layer's sequence output Y");
  }

  /** Input {@code i}, which must be a constant. */
  Tensor constant(NodeProto node, int i, String what) throws ImportException {
    Value v = input(node, i);
    if (v instanceof Const c) {
      return c.tensor();
    }
    throw Nodes.problem(
        node,
        v == null
            ? "has no " + what
            : "has a " + what + " that is not a constant (it depends on the model's input)",
        null);
  }

  /** Input {@code i}, which must be a sequence. */
  Seq sequence(NodeProto node, int i) throws ImportException {
    Value v = input(node, i);
    if (v instanceof Seq s) {
      return s;
    }
    throw Nodes.problem(
        node,
        v == null
            ? "has no input " + (i + 1)
            : "expects input "
                + (i + 1)
                + " to be the sequence (a tensor that changes from step to step), not a constant",
        null);
  }

  // ---- the graph's input and outputs
  // -------------------------------------------------------------

  private void declareInput() throws ImportException {
    Set<String> initializers = new HashSet<>();
    for (TensorProto t : graph.getInitializerList()) {
      initializers.add(t.getName());
    }
    List<ValueInfoProto> inputs = new ArrayList<>();
    for (ValueInfoProto in : graph.getInputList()) {
      if (!initializers.contains(in.getName())) {
        inputs.add(in);
      }
    }
    if (inputs.size() != 1) {
      List<String> names =
          inputs.stream().map(i -> "'" + Nodes.printable(i.getName()) + "'").toList();
      throw new ImportException(
          inputs.isEmpty()
              ? "the graph has no input"
              : "the graph has " + inputs.size() + " inputs (" + String.join(", ", names) + ")",
          "rnnc imports models with one input, the sequence; export initial states as"
              + " constants (PyTorch's default zeros)");
    }
    ValueInfoProto in = inputs.get(0);
    String name = "input '" + Nodes.printable(in.getName()) + "'";
    if (!in.getType().hasTensorType()) {
      throw new ImportException("the graph's " + name + " is not a tensor", null);
    }
    int elem = in.getType().getTensorType().getElemType();
    if (elem != TensorProto.DataType.FLOAT_VALUE
        && elem != TensorProto.DataType.DOUBLE_VALUE
        && elem != TensorProto.DataType.FLOAT16_VALUE
        && elem != TensorProto.DataType.BFLOAT16_VALUE) {
      throw new ImportException(
          "the graph's " + name + " is not of a floating-point type",
          "rnnc imports models whose input is a sequence of float vectors");
    }
    TensorShapeProto shape = in.getType().getTensorType().getShape();
    int rank = shape.getDimCount();
    long features = rank == 0 ? -1 : shape.getDim(rank - 1).getDimValue();
    if (rank < 2 || rank > 4 || !shape.getDim(rank - 1).hasDimValue() || features < 1) {
      throw new ImportException(
          "the graph's "
              + name
              + " has "
              + (rank < 2 || rank > 4 ? rank + " dimensions" : "no fixed number of features"),
          "rnnc imports a sequence of vectors: [steps, batch, features] or [batch, steps,"
              + " features], the features fixed");
    }
    if (features > Integer.MAX_VALUE) {
      throw new ImportException("the graph's " + name + " has " + features + " features", null);
    }
    List<Axis> axes = new ArrayList<>();
    for (int k = 0; k < rank - 1; k++) {
      int label = newLabel(Role.UNKNOWN);
      TensorShapeProto.Dimension d = shape.getDim(k);
      axes.add(new Axis(label, d.hasDimValue() ? Dim.of(d.getDimValue()) : Dim.unknown(label)));
    }
    axes.add(new Axis(Axis.FEATURES, Dim.of(features)));
    inputName = in.getName();
    spec.input("x", (int) features);
    input = new Seq(axes, new Bound("x", (int) features));
    values.put(in.getName(), input);
  }

  /** The group that a graph output names. */
  private String output(String name) throws ImportException {
    Value v = values.get(name);
    String what = "the graph's output '" + Nodes.printable(name) + "'";
    if (v == null) {
      throw new ImportException(what + " is made by no node", null);
    }
    if (v instanceof FinalState f) {
      throw finalState(f, "it is " + what);
    }
    if (!(v instanceof Seq s)) {
      throw new ImportException(
          what + " does not depend on the input",
          "rnnc imports models whose outputs are sequences");
    }
    int steps = 0;
    for (Axis a : s.axes()) {
      if (!a.isFeature() && role(a.label()) == Role.TIME) {
        steps++;
      }
    }
    if (steps != 1) {
      throw new ImportException(
          what + " is not a sequence read by a recurrent layer",
          "rnnc imports models whose input goes through an RNN, LSTM or GRU layer");
    }
    Bound b = materialize(s.signal(), null, "output '" + Nodes.printable(name) + "'");
    if (b.name().equals("x")) {
      throw new ImportException(what + " is the input itself", null);
    }
    return b.name();
  }

  /** The input must be read by a recurrent layer, and be one sequence (batch of one). */
  private void checkInputAxes() throws ImportException {
    boolean steps = false;
    for (Axis a : input.axes()) {
      if (a.isFeature()) {
        continue;
      }
      Role r = role(a.label());
      steps |= r == Role.TIME;
      if (r != Role.TIME && a.size().known() && a.size().value() != 1) {
        throw new ImportException(
            "the graph's input has a batch of " + a.size().value() + " sequences",
            "rnnc runs one sequence at a time: export the model with a batch of 1 (or a dynamic"
                + " batch axis)");
      }
    }
    if (!steps) {
      throw new ImportException(
          "no RNN, LSTM or GRU layer reads the graph's input",
          "rnnc imports recurrent models: the input must go through a recurrent layer");
    }
  }

  // ---- nodes -----------------------------------------------------------------------------------

  private void checkOperators() throws ImportException {
    List<String> problems = new ArrayList<>();
    for (NodeProto node : graph.getNodeList()) {
      boolean standard = node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx");
      if (!standard) {
        problems.add(
            Nodes.describe(node)
                + " is from the operator domain '"
                + Nodes.printable(node.getDomain())
                + "', which rnnc does not import");
      } else if (!SUPPORTED.contains(node.getOpType())) {
        problems.add(Nodes.describe(node) + " is an operator that rnnc does not import");
      }
    }
    if (!problems.isEmpty()) {
      throw new ImportException(problems, SUPPORTED_HINT);
    }
  }

  private List<Value> evaluate(NodeProto node) throws ImportException {
    return switch (node.getOpType()) {
      case "RNN", "LSTM", "GRU" -> layers.recurrent(node);
      case "MatMul" -> List.of(layers.matMul(node));
      case "Gemm" -> List.of(layers.gemm(node));
      case "Add" -> List.of(layers.add(node));
      case "Tanh", "Sigmoid", "Relu" -> List.of(layers.activation(node));
      default -> List.of(Glue.evaluate(this, node));
    };
  }
}
