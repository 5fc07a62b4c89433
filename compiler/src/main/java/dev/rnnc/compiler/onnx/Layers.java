package dev.rnnc.compiler.onnx;

import dev.rnnc.compiler.onnx.GraphMapper.Role;
import dev.rnnc.compiler.onnx.Signal.Affine;
import dev.rnnc.compiler.onnx.Signal.Bound;
import dev.rnnc.compiler.onnx.Signal.Term;
import dev.rnnc.compiler.onnx.Value.Axis;
import dev.rnnc.compiler.onnx.Value.Const;
import dev.rnnc.compiler.onnx.Value.Dim;
import dev.rnnc.compiler.onnx.Value.Fill;
import dev.rnnc.compiler.onnx.Value.FinalState;
import dev.rnnc.compiler.onnx.Value.Seq;
import dev.rnnc.compiler.onnx.proto.Onnx.NodeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operators that become groups and edges of the spec: recurrent layers (RNN, LSTM, GRU), affine
 * maps (MatMul with Add, Gemm) and elementwise activations.
 *
 * <p>Gate orders: ONNX stores LSTM gates as i, o, f, c and GRU gates as z, r, h; the spec (like
 * PyTorch) wants LSTM i, f, g, o and GRU r, z, n, so the blocks of rows are moved, never changed.
 */
final class Layers {

  /** For each spec (PyTorch) gate, the ONNX gate block it comes from. */
  private static final int[] LSTM_GATES = {0, 2, 3, 1};

  private static final int[] GRU_GATES = {1, 0, 2};

  /** The attributes ONNX defines for RNN; LSTM and GRU have one more each. */
  private static final Set<String> RNN_ATTRIBUTES =
      Set.of(
          "hidden_size",
          "direction",
          "activations",
          "activation_alpha",
          "activation_beta",
          "clip",
          "layout");

  private static final Set<String> LSTM_ATTRIBUTES = with(RNN_ATTRIBUTES, "input_forget");

  private static final Set<String> GRU_ATTRIBUTES = with(RNN_ATTRIBUTES, "linear_before_reset");

  private static Set<String> with(Set<String> set, String more) {
    Set<String> out = new TreeSet<>(set);
    out.add(more);
    return Set.copyOf(out);
  }

  private final GraphMapper m;

  Layers(GraphMapper m) {
    this.m = m;
  }

  // ---- recurrent layers ------------------------------------------------------------------------

  /** RNN, LSTM or GRU: a group, with an edge from the input and a recurrent edge. */
  List<Value> recurrent(NodeProto node) throws ImportException {
    String op = node.getOpType();
    int gates = op.equals("LSTM") ? 4 : op.equals("GRU") ? 3 : 1;
    Attributes a =
        new Attributes(
            node,
            switch (op) {
              case "LSTM" -> LSTM_ATTRIBUTES;
              case "GRU" -> GRU_ATTRIBUTES;
              default -> RNN_ATTRIBUTES;
            });
    String direction = a.string("direction", "forward");
    if (!direction.equals("forward")) {
      throw Nodes.problem(
          node,
          switch (direction) {
            case "reverse" -> "runs backwards over the sequence (direction = reverse)";
            case "bidirectional" ->
                "runs over the sequence in both directions (direction = bidirectional)";
            default -> "has direction '" + Nodes.printable(direction) + "'";
          },
          "rnnc runs a sequence forwards, one step as each input arrives: export one direction"
              + " (bidirectional=False)");
    }
    for (String unsupported : List.of("clip", "activation_alpha", "activation_beta")) {
      if (a.has(unsupported)) {
        throw Nodes.problem(
            node, "has attribute '" + unsupported + "'", "PyTorch's layers export without it");
      }
    }
    if (a.integer("input_forget", 0) != 0) {
      throw Nodes.problem(node, "couples the input and forget gates (input_forget = 1)", null);
    }
    String activation = activations(node, a, op);
    if (op.equals("GRU") && a.integer("linear_before_reset", 0) != 1) {
      throw Nodes.problem(
          node,
          "has linear_before_reset = 0: its reset gate multiplies the previous state before the"
              + " recurrent weights",
          "rnnc's GRU cell is PyTorch's, which applies the reset gate after them"
              + " (linear_before_reset = 1, what torch.onnx.export writes)");
    }
    long layout = a.integer("layout", 0);
    if (layout != 0 && layout != 1) {
      throw Nodes.problem(node, "has layout " + layout + "; ONNX defines 0 and 1", null);
    }

    Seq x = m.sequence(node, 0);
    Tensor w = weights(node, 1, "W");
    Tensor r = weights(node, 2, "R");
    if (w.rank() != 3 || r.rank() != 3 || w.dims()[0] != 1 || r.dims()[0] != 1) {
      throw Nodes.problem(
          node,
          "has weights W "
              + Tensor.shapeText(w.dims())
              + " and R "
              + Tensor.shapeText(r.dims())
              + "; one direction needs [1, "
              + gates
              + "·hidden, inputs] and [1, "
              + gates
              + "·hidden, hidden]",
          null);
    }
    int hidden = (int) (r.dims()[2]);
    long size = a.integer("hidden_size", hidden);
    if (size != hidden
        || w.dims()[1] != (long) gates * hidden
        || r.dims()[1] != (long) gates * hidden
        || hidden < 1) {
      throw Nodes.problem(
          node,
          "has weights W "
              + Tensor.shapeText(w.dims())
              + " and R "
              + Tensor.shapeText(r.dims())
              + " that do not fit hidden_size "
              + size,
          null);
    }
    if (m.input(node, 4) != null) {
      throw Nodes.problem(
          node, "has sequence_lens", "rnnc runs whole sequences; export without sequence lengths");
    }
    checkZero(node, 5, "initial_h");
    if (op.equals("LSTM")) {
      checkZero(node, 6, "initial_c");
      checkZero(node, 7, "peepholes P");
    }

    List<Axis> in = x.axes();
    int inputs = (int) w.dims()[2];
    if (in.size() != 3 || !in.get(2).isFeature() || in.get(2).size().value() != inputs) {
      throw Nodes.problem(
          node,
          "reads a sequence of "
              + (in.get(in.size() - 1).isFeature()
                  ? in.get(in.size() - 1).size().value() + " features "
                  : "")
              + "laid out on "
              + in.size()
              + " axes; its weights W need [steps, batch, "
              + inputs
              + "]",
          null);
    }
    Axis time = in.get(layout == 0 ? 0 : 1);
    Axis batch = in.get(layout == 0 ? 1 : 0);
    m.bind(node, time, Role.TIME);
    m.bind(node, batch, Role.BATCH);
    Bound source = m.materialize(x.signal(), null, Nodes.origin(node));

    double[] bias = null;
    double[] recurrentBias = null;
    Value b = m.input(node, 3);
    if (b != null) {
      Tensor bt = weights(node, 3, "B");
      if (bt.rank() != 2 || bt.dims()[0] != 1 || bt.dims()[1] != 2L * gates * hidden) {
        throw Nodes.problem(
            node,
            "has bias B "
                + Tensor.shapeText(bt.dims())
                + "; it needs [1, "
                + 2 * gates * hidden
                + "]",
            null);
      }
      bias = Arrays.copyOfRange(bt.floats(), 0, gates * hidden);
      recurrentBias = Arrays.copyOfRange(bt.floats(), gates * hidden, 2 * gates * hidden);
    }
    double[] wx = Arrays.copyOf(w.floats(), w.floats().length);
    double[] wh = Arrays.copyOf(r.floats(), r.floats().length);
    String name = m.spec().newName("h");
    String origin = Nodes.origin(node);
    SpecBuilder spec = m.spec();
    if (gates == 1) {
      // Plain RNN: one bias per unit. Wb and Rb are floats, so their sum in double is exact
      // (unless their exponents differ by more than 29, when the smaller is below the sum's
      // last bit anyway).
      double[] sum = null;
      if (bias != null) {
        sum = new double[hidden];
        for (int i = 0; i < hidden; i++) {
          sum[i] = bias[i] + recurrentBias[i];
        }
      }
      spec.group(
          new SpecBuilder.Group(
              name, hidden, null, activation, sum, null, origin + ": bias = Wb + Rb"));
      spec.edge(new SpecBuilder.Edge(source.name(), name, wx, hidden, inputs, false));
      spec.edge(new SpecBuilder.Edge(name, name, wh, hidden, hidden, true));
    } else {
      int[] order = gates == 4 ? LSTM_GATES : GRU_GATES;
      double[] zeros = new double[gates * hidden];
      spec.group(
          new SpecBuilder.Group(
              name,
              hidden,
              op.toLowerCase(Locale.ROOT),
              null,
              reorder(bias == null ? zeros : bias, order, hidden, 1),
              reorder(recurrentBias == null ? zeros : recurrentBias, order, hidden, 1),
              origin
                  + (gates == 4
                      ? ": gates i, o, f, c reordered to i, f, g, o"
                      : ": gates z, r, h reordered to r, z, n")));
      spec.edge(
          new SpecBuilder.Edge(
              source.name(),
              name,
              reorder(wx, order, hidden, inputs),
              gates * hidden,
              inputs,
              false));
      spec.edge(
          new SpecBuilder.Edge(
              name, name, reorder(wh, order, hidden, hidden), gates * hidden, hidden, false));
    }

    // Y: [steps, directions, batch, hidden] (layout 0) or [batch, steps, directions, hidden].
    Axis direction1 = new Axis(m.newLabel(Role.UNIT), Dim.of(1));
    Axis features = new Axis(Axis.FEATURES, Dim.of(hidden));
    List<Axis> y =
        layout == 0
            ? List.of(time, direction1, batch, features)
            : List.of(batch, time, direction1, features);
    List<Value> outputs = new ArrayList<>();
    outputs.add(new Seq(y, new Bound(name, hidden)));
    String nodeName = Nodes.printable(node.getName());
    outputs.add(new FinalState(nodeName, op, "Y_h"));
    if (op.equals("LSTM")) {
      outputs.add(new FinalState(nodeName, op, "Y_c"));
    }
    return outputs;
  }

  /** The activation of an RNN layer; LSTM and GRU must use their standard ones. */
  private static String activations(NodeProto node, Attributes a, String op)
      throws ImportException {
    List<String> given = a.strings("activations").orElse(null);
    List<String> standard =
        switch (op) {
          case "LSTM" -> List.of("Sigmoid", "Tanh", "Tanh");
          case "GRU" -> List.of("Sigmoid", "Tanh");
          default -> List.of("Tanh");
        };
    if (op.equals("RNN") && given != null && given.equals(List.of("Relu"))) {
      return "relu";
    }
    if (given != null && !given.equals(standard)) {
      throw Nodes.problem(
          node,
          "has activations " + given.stream().map(Nodes::printable).toList(),
          op.equals("RNN")
              ? "rnnc imports RNN layers with Tanh or Relu, as nn.RNN's nonlinearity"
              : "rnnc imports " + op + " layers with their standard activations " + standard);
    }
    return op.equals("RNN") ? "tanh" : null;
  }

  /** Blocks of {@code hidden} rows (of {@code cols} values each) in the spec's gate order. */
  static double[] reorder(double[] onnx, int[] order, int hidden, int cols) {
    double[] out = new double[onnx.length];
    int block = hidden * cols;
    for (int g = 0; g < order.length; g++) {
      System.arraycopy(onnx, order[g] * block, out, g * block, block);
    }
    return out;
  }

  /** A constant floating-point input with finite values. */
  private Tensor weights(NodeProto node, int i, String what) throws ImportException {
    Tensor t = m.constant(node, i, what);
    if (!t.isFloat()) {
      throw Nodes.problem(node, "has " + what + " of an integer type", null);
    }
    for (int k = 0; k < t.size(); k++) {
      if (!Double.isFinite(t.floats()[k])) {
        throw Nodes.problem(
            node, "has " + what + " with a non-finite value (" + t.floats()[k] + ")", null);
      }
    }
    return t;
  }

  /** An initial state (or peepholes) must be absent or zero: rnnc starts every state at 0. */
  private void checkZero(NodeProto node, int i, String what) throws ImportException {
    Value v = m.input(node, i);
    boolean zero =
        v == null
            || (v instanceof Fill f && f.value() == 0)
            || (v instanceof Const c
                && c.tensor().isFloat()
                && Arrays.stream(c.tensor().floats()).allMatch(d -> d == 0));
    if (!zero) {
      throw Nodes.problem(
          node,
          "has " + what + " that is not zero",
          "rnnc starts every sequence from a zero state, as PyTorch does without h0; export the"
              + " model without initial states (and LSTM without peepholes)");
    }
  }

  // ---- affine maps and activations
  // ---------------------------------------------------------------

  /** MatMul of the sequence with a constant matrix [features, outputs]: a pending affine map. */
  Value matMul(NodeProto node) throws ImportException {
    new Attributes(node, Set.of());
    Seq a = m.sequence(node, 0);
    Tensor b = weights(node, 1, "matrix");
    int f = features(node, a, a.axes().size() - 1);
    if (b.rank() != 2 || b.dims()[0] != f) {
      throw Nodes.problem(
          node,
          "multiplies "
              + f
              + " features by a matrix of shape "
              + Tensor.shapeText(b.dims())
              + "; rnnc imports MatMul with a matrix ["
              + f
              + ", outputs]",
          null);
    }
    int out = (int) b.dims()[1];
    double[] w = new double[out * f]; // [out, f]: the transpose of B
    for (int i = 0; i < f; i++) {
      for (int j = 0; j < out; j++) {
        w[j * f + i] = b.floats()[i * out + j];
      }
    }
    return affine(node, a, a.axes().size() - 1, w, null, out);
  }

  /** Gemm: {@code alpha·A·B + beta·C} with A the sequence (rank 2) and B, C constants. */
  Value gemm(NodeProto node) throws ImportException {
    Attributes at = new Attributes(node, Set.of("alpha", "beta", "transA", "transB"));
    double alpha = at.real("alpha", 1);
    double beta = at.real("beta", 1);
    boolean transA = at.integer("transA", 0) != 0;
    boolean transB = at.integer("transB", 0) != 0;
    Seq a = m.sequence(node, 0);
    if (a.axes().size() != 2) {
      throw Nodes.problem(
          node, "multiplies a tensor of rank " + a.axes().size() + "; Gemm needs 2", null);
    }
    int featureAxis = transA ? 0 : 1;
    int f = features(node, a, featureAxis);
    Tensor b = weights(node, 1, "matrix B");
    if (b.rank() != 2 || b.dims()[transB ? 1 : 0] != f) {
      throw Nodes.problem(
          node,
          "multiplies "
              + f
              + " features by B of shape "
              + Tensor.shapeText(b.dims())
              + (transB ? " (transposed)" : ""),
          null);
    }
    int out = (int) b.dims()[transB ? 0 : 1];
    double[] w = new double[out * f];
    for (int j = 0; j < out; j++) {
      for (int i = 0; i < f; i++) {
        // alpha and the weights are floats: their product is exact in double.
        w[j * f + i] = alpha * (transB ? b.floats()[j * f + i] : b.floats()[i * out + j]);
      }
    }
    double[] bias = null;
    if (m.input(node, 2) != null) {
      Tensor c = weights(node, 2, "bias C");
      boolean perOutput = c.size() == out && (c.rank() == 1 || (c.rank() == 2 && c.dims()[0] == 1));
      if (!perOutput && c.size() != 1) {
        throw Nodes.problem(
            node,
            "adds C of shape "
                + Tensor.shapeText(c.dims())
                + "; rnnc imports a bias ["
                + out
                + "], [1, "
                + out
                + "] or one number",
            null);
      }
      bias = new double[out];
      for (int j = 0; j < out; j++) {
        bias[j] = beta * c.floats()[perOutput ? j : 0];
      }
    }
    Seq rows =
        new Seq(List.of(a.axes().get(1 - featureAxis), a.axes().get(featureAxis)), a.signal());
    return affine(node, rows, 1, w, bias, out);
  }

  private int features(NodeProto node, Seq a, int axis) throws ImportException {
    if (!a.axes().get(axis).isFeature()) {
      throw Nodes.problem(
          node,
          "multiplies along an axis of the sequence other than its features",
          "rnnc imports layers that map each step's features");
    }
    return (int) a.axes().get(axis).size().value();
  }

  private Value affine(NodeProto node, Seq a, int featureAxis, double[] w, double[] bias, int out)
      throws ImportException {
    Bound from = m.materialize(a.signal(), null, Nodes.origin(node));
    List<Axis> axes = new ArrayList<>(a.axes());
    axes.set(featureAxis, new Axis(Axis.FEATURES, Dim.of(out)));
    return new Seq(
        axes, new Affine(List.of(new Term(from, w)), bias, out, List.of(Nodes.origin(node))));
  }

  /** Add: a bias (a constant along the features) to a sequence, or two sequences of one layout. */
  Value add(NodeProto node) throws ImportException {
    new Attributes(node, Set.of());
    Value x = m.input(node, 0);
    Value y = m.input(node, 1);
    if (x instanceof Seq s && y instanceof Seq t) {
      if (!s.axes().equals(t.axes())) {
        throw Nodes.problem(node, "adds two sequences laid out differently", null);
      }
      Affine p = pending(s, node);
      Affine q = pending(t, node);
      List<Term> terms = new ArrayList<>(p.terms());
      terms.addAll(q.terms());
      List<String> origin = new ArrayList<>(p.origin());
      origin.addAll(q.origin());
      origin.add(Nodes.origin(node));
      return new Seq(
          s.axes(), new Affine(terms, sum(p.bias(), q.bias(), p.size()), p.size(), origin));
    }
    Seq s = x instanceof Seq xs ? xs : y instanceof Seq ys ? ys : null;
    Value other = s == x ? y : x;
    if (s == null || !(other instanceof Const c)) {
      throw Nodes.problem(
          node,
          s == null
              ? "adds two constants"
              : "adds something that is neither a constant nor a sequence",
          "rnnc imports Add of a bias to a sequence, or of two sequences");
    }
    Tensor bias = c.tensor();
    int f = s.featureAxis();
    int size = (int) s.axes().get(f).size().value();
    int offset = s.axes().size() - bias.rank();
    boolean fits = offset >= 0 && bias.isFloat();
    for (int k = 0; fits && k < bias.rank(); k++) {
      long d = bias.dims()[k];
      fits = d == 1 || (k + offset == f && d == size);
    }
    if (!fits) {
      throw Nodes.problem(
          node,
          "adds a constant of shape "
              + Tensor.shapeText(bias.dims())
              + " that does not lie along the "
              + size
              + " features",
          "rnnc imports Add of a bias that is the same at every step");
    }
    double[] b = new double[size];
    for (int i = 0; i < size; i++) {
      b[i] = bias.floats()[bias.size() == 1 ? 0 : i];
      if (!Double.isFinite(b[i])) {
        throw Nodes.problem(node, "adds a non-finite bias", null);
      }
    }
    Affine p = pending(s, node);
    List<String> origin = new ArrayList<>(p.origin());
    origin.add(Nodes.origin(node));
    return new Seq(s.axes(), new Affine(p.terms(), sum(p.bias(), b, size), size, origin));
  }

  private Affine pending(Seq s, NodeProto node) {
    return s.signal() instanceof Affine a
        ? a
        : GraphMapper.identity((Bound) s.signal(), Nodes.origin(node));
  }

  /** Two biases added in double (exact for two floats of similar size), either may be absent. */
  private static double[] sum(double[] a, double[] b, int size) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    double[] out = new double[size];
    for (int i = 0; i < size; i++) {
      out[i] = a[i] + b[i];
    }
    return out;
  }

  /** Tanh, Sigmoid or Relu: a group with that activation. */
  Value activation(NodeProto node) throws ImportException {
    new Attributes(node, Set.of());
    Seq s = m.sequence(node, 0);
    String activation = node.getOpType().toLowerCase(Locale.ROOT);
    Bound b = m.materialize(s.signal(), activation, Nodes.origin(node));
    return new Seq(s.axes(), b);
  }
}
