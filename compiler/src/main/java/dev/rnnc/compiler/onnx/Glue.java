package dev.rnnc.compiler.onnx;

import dev.rnnc.compiler.onnx.GraphMapper.Role;
import dev.rnnc.compiler.onnx.Value.Axis;
import dev.rnnc.compiler.onnx.Value.Const;
import dev.rnnc.compiler.onnx.Value.Dim;
import dev.rnnc.compiler.onnx.Value.Fill;
import dev.rnnc.compiler.onnx.Value.Ints;
import dev.rnnc.compiler.onnx.Value.Seq;
import dev.rnnc.compiler.onnx.proto.Onnx.AttributeProto;
import dev.rnnc.compiler.onnx.proto.Onnx.NodeProto;
import dev.rnnc.compiler.onnx.proto.Onnx.TensorProto.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The shape operators that exporters put around recurrent layers (the zero initial state built from
 * the input's batch size, squeezes and transposes of the layer's output, unfolded weight
 * reshuffles): computed on constants, carried symbolically on sizes read off the sequence, and
 * followed on the sequence's axes.
 */
final class Glue {

  private Glue() {}

  /** The value node {@code node} makes (these operators have one output). */
  static Value evaluate(GraphMapper m, NodeProto node) throws ImportException {
    return switch (node.getOpType()) {
      case "Identity" -> {
        new Attributes(node, Set.of());
        yield m.input(node, 0);
      }
      case "Constant" -> constant(m, node);
      case "Shape" -> shape(m, node);
      case "Gather" -> gather(m, node);
      case "Unsqueeze" -> unsqueeze(m, node);
      case "Squeeze" -> squeeze(m, node);
      case "Concat" -> concat(m, node);
      case "Slice" -> slice(m, node);
      case "Transpose" -> transpose(m, node);
      case "Reshape" -> reshape(m, node);
      case "Cast" -> cast(m, node);
      case "ConstantOfShape" -> constantOfShape(m, node);
      case "Expand" -> expand(m, node);
      default -> throw Nodes.problem(node, "is an operator that rnnc does not import", null);
    };
  }

  // ---- sizes that may be unknown ---------------------------------------------------------------

  /** The elements of a rank-0 or rank-1 integer tensor, or null if {@code v} is not one. */
  private static List<Dim> dims(Value v) {
    if (v instanceof Ints i) {
      return i.elements();
    }
    if (v instanceof Const c && !c.tensor().isFloat() && c.tensor().rank() <= 1) {
      List<Dim> out = new ArrayList<>();
      for (long x : c.tensor().ints()) {
        out.add(Dim.of(x));
      }
      return out;
    }
    return null;
  }

  /** Integers, as a constant when every one is known. */
  private static Value ints(List<Dim> elements, boolean scalar) {
    if (elements.stream().allMatch(Dim::known)) {
      long[] v = elements.stream().mapToLong(Dim::value).toArray();
      return new Const(Tensor.ofInts(scalar ? new long[0] : new long[] {v.length}, v));
    }
    return new Ints(elements, scalar);
  }

  private static boolean isScalar(Value v) {
    return v instanceof Ints i ? i.scalar() : ((Const) v).tensor().rank() == 0;
  }

  /** An integer list input (axes, a shape, slice bounds), which must be constant. */
  private static long[] intList(GraphMapper m, NodeProto node, int i, String what)
      throws ImportException {
    Tensor t = m.constant(node, i, what);
    if (t.isFloat() || t.rank() > 1) {
      throw Nodes.problem(node, "has " + what + " that are not a list of integers", null);
    }
    return t.ints().clone();
  }

  private static List<Long> boxed(long[] v) {
    List<Long> out = new ArrayList<>();
    for (long x : v) {
      out.add(x);
    }
    return out;
  }

  private static void checkCount(NodeProto node, List<Dim> shape) throws ImportException {
    long n = 1;
    for (Dim d : shape) {
      if (d.known()) {
        if (d.value() < 0) {
          throw Nodes.problem(node, "makes a tensor with a negative dimension", null);
        }
        n =
            d.value() == 0
                ? 0
                : n > Constants.MAX_VALUES / d.value() ? Long.MAX_VALUE : n * d.value();
      }
    }
    if (n > Constants.MAX_VALUES) {
      throw Nodes.problem(
          node, "makes a tensor of more than " + Constants.MAX_VALUES + " values", null);
    }
  }

  private static ImportException notOnSequence(NodeProto node, String what) {
    return Nodes.problem(
        node,
        what + " the sequence",
        "rnnc imports models whose layers read every step and every feature of the sequence");
  }

  // ---- operators -------------------------------------------------------------------------------

  private static Value constant(GraphMapper m, NodeProto node) throws ImportException {
    Attributes a =
        new Attributes(
            node, Set.of("value", "value_float", "value_floats", "value_int", "value_ints"));
    if (a.has("value")) {
      AttributeProto t = a.tensor("value").orElseThrow();
      return new Const(m.tensors().read(t.getT(), Nodes.describe(node) + "'s value"));
    }
    if (a.has("value_float")) {
      return new Const(Tensor.ofFloats(new long[0], new double[] {a.real("value_float", 0)}));
    }
    if (a.has("value_int")) {
      return new Const(Tensor.scalar(a.integer("value_int", 0)));
    }
    if (a.has("value_floats")) {
      double[] v = a.reals("value_floats").orElseThrow().stream().mapToDouble(d -> d).toArray();
      return new Const(Tensor.ofFloats(new long[] {v.length}, v));
    }
    if (a.has("value_ints")) {
      long[] v = a.integers("value_ints").orElseThrow().stream().mapToLong(d -> d).toArray();
      return new Const(Tensor.ofInts(new long[] {v.length}, v));
    }
    throw Nodes.problem(node, "has no value", null);
  }

  private static Value shape(GraphMapper m, NodeProto node) throws ImportException {
    Attributes a = new Attributes(node, Set.of("start", "end"));
    Value v = m.input(node, 0);
    List<Dim> all = new ArrayList<>();
    if (v instanceof Seq s) {
      for (Axis axis : s.axes()) {
        all.add(axis.size());
      }
    } else if (v instanceof Fill f) {
      all.addAll(f.shape());
    } else if (v instanceof Const c) {
      for (long d : c.tensor().dims()) {
        all.add(Dim.of(d));
      }
    } else if (v instanceof Ints i) {
      if (!i.scalar()) {
        all.add(Dim.of(i.elements().size()));
      }
    } else {
      throw Nodes.problem(node, "has no input", null);
    }
    int rank = all.size();
    long start = a.integer("start", 0);
    long end = a.integer("end", rank);
    int from = (int) Math.max(0, Math.min(rank, start < 0 ? start + rank : start));
    int to = (int) Math.max(0, Math.min(rank, end < 0 ? end + rank : end));
    return ints(all.subList(from, Math.max(from, to)), false);
  }

  private static Value gather(GraphMapper m, NodeProto node) throws ImportException {
    Attributes a = new Attributes(node, Set.of("axis"));
    long axis = a.integer("axis", 0);
    Value data = m.input(node, 0);
    Tensor indices = m.constant(node, 1, "indices");
    if (data instanceof Seq) {
      throw notOnSequence(node, "selects elements of");
    }
    if (data instanceof Const c) {
      return new Const(Constants.gather(node, c.tensor(), indices, axis));
    }
    List<Dim> elements = dims(data);
    if (elements == null || isScalar(data) || indices.isFloat() || indices.rank() > 1) {
      throw Nodes.problem(node, "gathers from a tensor that rnnc cannot follow", null);
    }
    Constants.axis(node, axis, 1, "axis");
    List<Dim> out = new ArrayList<>();
    for (long i : indices.ints()) {
      long k = i < 0 ? i + elements.size() : i;
      if (k < 0 || k >= elements.size()) {
        throw Nodes.problem(node, "gathers index " + i + " of a list of " + elements.size(), null);
      }
      out.add(elements.get((int) k));
    }
    return ints(out, indices.rank() == 0);
  }

  private static List<Long> axesOf(GraphMapper m, NodeProto node, Attributes a, boolean required)
      throws ImportException {
    if (m.opset() < 13) {
      List<Long> axes = a.integers("axes").orElse(null);
      if (axes == null && required) {
        throw Nodes.problem(node, "has no axes", null);
      }
      return axes;
    }
    if (m.input(node, 1) == null) {
      if (required) {
        throw Nodes.problem(node, "has no axes", null);
      }
      return null;
    }
    return boxed(intList(m, node, 1, "axes"));
  }

  private static Value unsqueeze(GraphMapper m, NodeProto node) throws ImportException {
    Attributes a = new Attributes(node, m.opset() < 13 ? Set.of("axes") : Set.of());
    Value data = m.input(node, 0);
    List<Long> axes = axesOf(m, node, a, true);
    if (data instanceof Const c) {
      Tensor t = c.tensor();
      long[] dims = Constants.unsqueezed(node, t.dims(), axes);
      return new Const(
          t.isFloat() ? Tensor.ofFloats(dims, t.floats()) : Tensor.ofInts(dims, t.ints()));
    }
    if (data instanceof Ints i) {
      if (!i.scalar() || axes.size() != 1 || (axes.get(0) != 0 && axes.get(0) != -1)) {
        throw Nodes.problem(node, "turns a list of sizes into a matrix", null);
      }
      return new Ints(i.elements(), false);
    }
    List<Object> items = new ArrayList<>();
    if (data instanceof Fill f) {
      items.addAll(f.shape());
    } else if (data instanceof Seq s) {
      items.addAll(s.axes());
    }
    long[] positions = new long[items.size()];
    long[] grown = Constants.unsqueezed(node, positions, axes); // 1 where an axis is inserted
    List<Object> out = new ArrayList<>();
    int j = 0;
    for (long g : grown) {
      out.add(
          g == 1
              ? (data instanceof Seq ? new Axis(m.newLabel(Role.UNIT), Dim.of(1)) : Dim.of(1))
              : items.get(j++));
    }
    if (data instanceof Fill f) {
      return new Fill(f.value(), out.stream().map(Dim.class::cast).toList());
    }
    Seq s = (Seq) data;
    return new Seq(out.stream().map(Axis.class::cast).toList(), s.signal());
  }

  private static Value squeeze(GraphMapper m, NodeProto node) throws ImportException {
    Attributes a = new Attributes(node, m.opset() < 13 ? Set.of("axes") : Set.of());
    Value data = m.input(node, 0);
    List<Long> axes = axesOf(m, node, a, false);
    if (data instanceof Const c) {
      Tensor t = c.tensor();
      long[] dims = Constants.without(t.dims(), Constants.squeezed(node, t.dims(), axes));
      return new Const(
          t.isFloat() ? Tensor.ofFloats(dims, t.floats()) : Tensor.ofInts(dims, t.ints()));
    }
    if (data instanceof Ints i) {
      if (i.scalar()
          || i.elements().size() != 1
          || (axes != null && !axes.equals(List.of(0L)) && !axes.equals(List.of(-1L)))) {
        throw Nodes.problem(
            node, "squeezes a list of sizes of length " + i.elements().size(), null);
      }
      return new Ints(i.elements(), true);
    }
    if (axes == null) {
      throw Nodes.problem(
          node, "squeezes without axes", "rnnc follows Squeeze with explicit axes on sequences");
    }
    if (data instanceof Fill f) {
      long[] dims = f.shape().stream().mapToLong(d -> d.known() ? d.value() : 1).toArray();
      boolean[] removed = Constants.squeezed(node, dims, axes);
      List<Dim> out = new ArrayList<>();
      for (int k = 0; k < dims.length; k++) {
        if (!removed[k]) {
          out.add(f.shape().get(k));
        }
      }
      return new Fill(f.value(), out);
    }
    Seq s = (Seq) data;
    long[] dims = new long[s.axes().size()];
    for (int k = 0; k < dims.length; k++) {
      Axis axis = s.axes().get(k);
      dims[k] = axis.size().known() ? axis.size().value() : 1;
      if (axis.isFeature() || m.role(axis.label()) == Role.TIME) {
        dims[k] = -1; // never squeezable
      }
    }
    List<Axis> out = new ArrayList<>();
    for (long axis : axes) {
      int k = Constants.axis(node, axis, dims.length, "axis");
      if (dims[k] == -1) {
        throw notOnSequence(
            node,
            "removes the " + (s.axes().get(k).isFeature() ? "features" : "steps") + " axis of");
      }
    }
    boolean[] removed = Constants.squeezed(node, dims, axes);
    for (int k = 0; k < dims.length; k++) {
      Axis axis = s.axes().get(k);
      if (!removed[k]) {
        out.add(axis);
      } else if (m.role(axis.label()) == Role.UNKNOWN) {
        m.bind(node, axis, Role.BATCH); // squeezed, so of size 1: the batch of one sequence
      }
    }
    return new Seq(out, s.signal());
  }

  private static Value concat(GraphMapper m, NodeProto node) throws ImportException {
    Attributes a = new Attributes(node, Set.of("axis"));
    if (!a.has("axis")) {
      throw Nodes.problem(node, "has no axis", null);
    }
    long axis = a.integer("axis", 0);
    List<Value> inputs = new ArrayList<>();
    for (int i = 0; i < node.getInputCount(); i++) {
      Value v = m.input(node, i);
      if (v instanceof Seq) {
        throw notOnSequence(node, "concatenates something with");
      }
      if (v != null) {
        inputs.add(v);
      }
    }
    if (inputs.isEmpty()) {
      throw Nodes.problem(node, "has no inputs", null);
    }
    if (inputs.stream().allMatch(v -> v instanceof Const)) {
      List<Tensor> parts = inputs.stream().map(v -> ((Const) v).tensor()).toList();
      return new Const(Constants.concat(node, parts, axis));
    }
    List<Dim> out = new ArrayList<>();
    for (Value v : inputs) {
      List<Dim> d = dims(v);
      if (d == null || isScalar(v) || (axis != 0 && axis != -1)) {
        throw Nodes.problem(node, "concatenates tensors that rnnc cannot follow", null);
      }
      out.addAll(d);
    }
    return ints(out, false);
  }

  private static Value slice(GraphMapper m, NodeProto node) throws ImportException {
    boolean attributes = m.opset() < 10;
    Attributes a = new Attributes(node, attributes ? Set.of("starts", "ends", "axes") : Set.of());
    Value data = m.input(node, 0);
    if (data instanceof Seq) {
      throw notOnSequence(node, "takes a slice of");
    }
    long[] starts;
    long[] ends;
    long[] axes;
    long[] steps;
    if (attributes) {
      starts =
          a
              .integers("starts")
              .orElseThrow(() -> Nodes.problem(node, "has no starts", null))
              .stream()
              .mapToLong(Long::longValue)
              .toArray();
      ends =
          a.integers("ends").orElseThrow(() -> Nodes.problem(node, "has no ends", null)).stream()
              .mapToLong(Long::longValue)
              .toArray();
      axes =
          a.integers("axes").map(l -> l.stream().mapToLong(Long::longValue).toArray()).orElse(null);
      steps = null;
    } else {
      starts = intList(m, node, 1, "starts");
      ends = intList(m, node, 2, "ends");
      axes = m.input(node, 3) == null ? null : intList(m, node, 3, "axes");
      steps = m.input(node, 4) == null ? null : intList(m, node, 4, "steps");
    }
    if (axes == null) {
      axes = new long[starts.length];
      for (int i = 0; i < axes.length; i++) {
        axes[i] = i;
      }
    }
    if (steps == null) {
      steps = new long[starts.length];
      Arrays.fill(steps, 1);
    }
    if (ends.length != starts.length
        || axes.length != starts.length
        || steps.length != starts.length) {
      throw Nodes.problem(node, "has starts, ends, axes and steps of different lengths", null);
    }
    if (data instanceof Const c) {
      return new Const(Constants.slice(node, c.tensor(), starts, ends, axes, steps));
    }
    List<Dim> elements = dims(data);
    if (elements == null || isScalar(data)) {
      throw Nodes.problem(node, "takes a slice of a tensor that rnnc cannot follow", null);
    }
    long[] positions = new long[elements.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = i;
    }
    Tensor picked =
        Constants.slice(
            node,
            Tensor.ofInts(new long[] {positions.length}, positions),
            starts,
            ends,
            axes,
            steps);
    List<Dim> out = new ArrayList<>();
    for (long p : picked.ints()) {
      out.add(elements.get((int) p));
    }
    return ints(out, false);
  }

  private static Value transpose(GraphMapper m, NodeProto node) throws ImportException {
    Attributes a = new Attributes(node, Set.of("perm"));
    Value data = m.input(node, 0);
    int rank =
        data instanceof Seq s
            ? s.axes().size()
            : data instanceof Fill f
                ? f.shape().size()
                : data instanceof Const c ? c.tensor().rank() : isScalar(data) ? 0 : 1;
    List<Long> given = a.integers("perm").orElse(null);
    int[] perm = new int[given == null ? rank : given.size()];
    for (int k = 0; k < perm.length; k++) {
      long p = given == null ? rank - 1 - k : given.get(k);
      perm[k] = p < 0 || p >= rank ? -1 : (int) p; // -1: not an axis, reported just below
    }
    Constants.checkPermutation(node, perm, rank);
    if (data instanceof Const c) {
      return new Const(Constants.transpose(node, c.tensor(), perm));
    }
    if (data instanceof Seq s) {
      List<Axis> out = new ArrayList<>();
      for (int p : perm) {
        out.add(s.axes().get(p));
      }
      return new Seq(out, s.signal());
    }
    if (data instanceof Fill f) {
      List<Dim> out = new ArrayList<>();
      for (int p : perm) {
        out.add(f.shape().get(p));
      }
      return new Fill(f.value(), out);
    }
    return data; // a list of sizes: rank 1, perm [0]
  }

  private static Value reshape(GraphMapper m, NodeProto node) throws ImportException {
    Attributes a = new Attributes(node, Set.of("allowzero"));
    Value data = m.input(node, 0);
    if (data instanceof Seq) {
      throw notOnSequence(node, "reshapes");
    }
    if (!(data instanceof Const c)) {
      throw Nodes.problem(node, "reshapes a tensor that rnnc cannot follow", null);
    }
    long[] shape = intList(m, node, 1, "shape");
    return new Const(Constants.reshape(node, c.tensor(), shape, a.integer("allowzero", 0) != 0));
  }

  private static Value cast(GraphMapper m, NodeProto node) throws ImportException {
    Attributes a = new Attributes(node, Set.of("to", "saturate"));
    DataType to = DataType.forNumber((int) a.integer("to", 0));
    Value data = m.input(node, 0);
    boolean toFloat = to == DataType.FLOAT || to == DataType.DOUBLE;
    boolean toInt =
        to != null
            && switch (to) {
              case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, BOOL -> true;
              default -> false;
            };
    if (!toFloat && !toInt) {
      throw Nodes.problem(
          node,
          "casts to " + (to == null ? "an unknown type" : to.name()),
          "rnnc computes in double (or float): it imports casts to float, double and integers");
    }
    if (data instanceof Seq s) {
      if (!toFloat) {
        throw notOnSequence(node, "casts to integers");
      }
      return s;
    }
    if (data instanceof Const c) {
      Tensor t = Constants.cast(c.tensor(), toFloat);
      if (to == DataType.FLOAT && t.isFloat()) {
        double[] v = t.floats().clone();
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) v[i];
        }
        t = Tensor.ofFloats(t.dims(), v);
      } else if (to == DataType.BOOL) {
        t = Tensor.ofInts(t.dims(), Arrays.stream(t.ints()).map(x -> x != 0 ? 1 : 0).toArray());
      }
      return new Const(t);
    }
    if (data instanceof Fill f) {
      double v =
          toFloat ? (to == DataType.FLOAT ? (float) f.value() : f.value()) : (long) f.value();
      return new Fill(to == DataType.BOOL ? (v != 0 ? 1 : 0) : v, f.shape());
    }
    if (!toInt) {
      throw Nodes.problem(node, "casts sizes to a floating-point type", null);
    }
    return data;
  }

  private static Value constantOfShape(GraphMapper m, NodeProto node) throws ImportException {
    Attributes a = new Attributes(node, Set.of("value"));
    double fill = 0;
    boolean isFloat = true;
    if (a.has("value")) {
      Tensor v =
          m.tensors()
              .read(a.tensor("value").orElseThrow().getT(), Nodes.describe(node) + "'s value");
      if (v.size() != 1) {
        throw Nodes.problem(node, "has a value of " + v.size() + " elements; ONNX needs one", null);
      }
      fill = v.number(0);
      isFloat = v.isFloat();
    }
    Value shapeValue = m.input(node, 0);
    List<Dim> shape = dims(shapeValue);
    if (shape == null || (shapeValue != null && isScalar(shapeValue))) {
      throw Nodes.problem(node, "has a shape that is not a list of sizes", null);
    }
    checkCount(node, shape);
    return filled(fill, isFloat, shape);
  }

  /** A tensor of one value: a constant when every size is known. */
  private static Value filled(double value, boolean isFloat, List<Dim> shape) {
    if (!shape.stream().allMatch(Dim::known)) {
      return new Fill(value, shape);
    }
    long[] dims = shape.stream().mapToLong(Dim::value).toArray();
    int n = (int) Arrays.stream(dims).reduce(1, (x, y) -> x * y);
    if (isFloat) {
      double[] v = new double[n];
      Arrays.fill(v, value);
      return new Const(Tensor.ofFloats(dims, v));
    }
    long[] v = new long[n];
    Arrays.fill(v, (long) value);
    return new Const(Tensor.ofInts(dims, v));
  }

  private static Value expand(GraphMapper m, NodeProto node) throws ImportException {
    new Attributes(node, Set.of());
    Value data = m.input(node, 0);
    Value shapeValue = m.input(node, 1);
    List<Dim> target = dims(shapeValue);
    if (target == null || (shapeValue != null && isScalar(shapeValue))) {
      throw Nodes.problem(node, "has a shape that is not a list of sizes", null);
    }
    if (data instanceof Seq) {
      throw notOnSequence(node, "expands");
    }
    double value;
    boolean isFloat;
    List<Dim> own = new ArrayList<>();
    if (data instanceof Fill f) {
      value = f.value();
      isFloat = true;
      own.addAll(f.shape());
    } else if (data instanceof Const c && uniform(c.tensor())) {
      value = c.tensor().size() == 0 ? 0 : c.tensor().number(0);
      isFloat = c.tensor().isFloat();
      for (long d : c.tensor().dims()) {
        own.add(Dim.of(d));
      }
    } else {
      throw Nodes.problem(
          node,
          "expands a tensor that is not one value throughout",
          "rnnc follows Expand on fills");
    }
    int rank = Math.max(own.size(), target.size());
    List<Dim> out = new ArrayList<>();
    for (int k = 0; k < rank; k++) {
      int i = k - (rank - own.size());
      int j = k - (rank - target.size());
      Dim x = i >= 0 ? own.get(i) : Dim.of(1);
      Dim y = j >= 0 ? target.get(j) : Dim.of(1);
      if (x.known() && x.value() == 1) {
        out.add(y);
      } else if ((y.known() && y.value() == 1) || x.equals(y) || !y.known()) {
        out.add(x);
      } else if (!x.known()) {
        out.add(y);
      } else {
        throw Nodes.problem(
            node, "expands a dimension of size " + x.value() + " to " + y.value(), null);
      }
    }
    checkCount(node, out);
    return filled(value, isFloat, out);
  }

  private static boolean uniform(Tensor t) {
    for (int i = 1; i < t.size(); i++) {
      if (Double.compare(t.number(i), t.number(0)) != 0) {
        return false;
      }
    }
    return true;
  }
}
