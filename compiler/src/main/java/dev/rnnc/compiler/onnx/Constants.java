package dev.rnnc.compiler.onnx;

import dev.rnnc.compiler.onnx.proto.Onnx.NodeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shape operators on constant tensors, computed as ONNX defines them: what an exporter leaves
 * unfolded around the weights (Transpose, Gather, Slice, Concat, Reshape, Unsqueeze, Squeeze,
 * Cast). Every index is checked; a bad one is an error naming the node.
 */
final class Constants {

  /** Most elements of a tensor computed here (the largest tensor a model file may hold). */
  static final long MAX_VALUES = ImportLimits.DEFAULT.maxTensorValues();

  private Constants() {}

  /** Row-major strides of {@code dims}. */
  private static long[] strides(long[] dims) {
    long[] s = new long[dims.length];
    long n = 1;
    for (int k = dims.length - 1; k >= 0; k--) {
      s[k] = n;
      n *= dims[k];
    }
    return s;
  }

  /** How many elements a tensor of shape {@code dims} has; an error past {@link #MAX_VALUES}. */
  private static int count(NodeProto node, long[] dims) throws ImportException {
    long n = 1;
    for (long d : dims) {
      n = d == 0 ? 0 : n > MAX_VALUES / d ? Long.MAX_VALUE : n * d;
    }
    if (n > MAX_VALUES) {
      throw Nodes.problem(node, "makes a tensor of more than " + MAX_VALUES + " values", null);
    }
    return (int) n;
  }

  /**
   * A tensor of shape {@code dims} whose element at flat index i is {@code t}'s at {@code from[i]}.
   */
  private static Tensor pick(Tensor t, long[] dims, int[] from) {
    if (t.isFloat()) {
      double[] v = new double[from.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = t.floats()[from[i]];
      }
      return Tensor.ofFloats(dims, v);
    }
    long[] v = new long[from.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = t.ints()[from[i]];
    }
    return Tensor.ofInts(dims, v);
  }

  /** Axis {@code axis} of a tensor of rank {@code rank}, negative counting from the end. */
  static int axis(NodeProto node, long axis, int rank, String what) throws ImportException {
    long a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= rank) {
      throw Nodes.problem(
          node, "has " + what + " " + axis + ", outside a tensor of rank " + rank, null);
    }
    return (int) a;
  }

  static Tensor transpose(NodeProto node, Tensor t, int[] perm) throws ImportException {
    int rank = t.rank();
    checkPermutation(node, perm, rank);
    long[] dims = new long[rank];
    for (int k = 0; k < rank; k++) {
      dims[k] = t.dims()[perm[k]];
    }
    long[] inStrides = strides(t.dims());
    long[] outStrides = strides(dims);
    int[] from = new int[t.size()];
    for (int i = 0; i < from.length; i++) {
      long rest = i;
      long src = 0;
      for (int k = 0; k < rank; k++) {
        long index = rest / outStrides[k];
        rest %= outStrides[k];
        src += index * inStrides[perm[k]];
      }
      from[i] = (int) src;
    }
    return pick(t, dims, from);
  }

  static void checkPermutation(NodeProto node, int[] perm, int rank) throws ImportException {
    boolean[] seen = new boolean[rank];
    boolean ok = perm.length == rank;
    for (int p : perm) {
      ok &= p >= 0 && p < rank && !seen[p];
      if (p >= 0 && p < rank) {
        seen[p] = true;
      }
    }
    if (!ok) {
      throw Nodes.problem(
          node,
          "has perm " + Arrays.toString(perm) + ", not a permutation of " + rank + " axes",
          null);
    }
  }

  /** ONNX Gather: {@code data} indexed along {@code axis} by every element of {@code indices}. */
  static Tensor gather(NodeProto node, Tensor data, Tensor indices, long axisAttr)
      throws ImportException {
    if (indices.isFloat()) {
      throw Nodes.problem(node, "has indices that are not integers", null);
    }
    int axis = axis(node, axisAttr, data.rank(), "axis");
    long n = data.dims()[axis];
    long[] dims = new long[data.rank() - 1 + indices.rank()];
    int d = 0;
    for (int k = 0; k < axis; k++) {
      dims[d++] = data.dims()[k];
    }
    for (long k : indices.dims()) {
      dims[d++] = k;
    }
    for (int k = axis + 1; k < data.rank(); k++) {
      dims[d++] = data.dims()[k];
    }
    count(node, dims);
    long inner = strides(data.dims())[axis];
    long outer = 1;
    for (int k = 0; k < axis; k++) {
      outer *= data.dims()[k];
    }
    int[] from = new int[(int) (outer * indices.size() * inner)];
    int i = 0;
    for (long o = 0; o < outer; o++) {
      for (int j = 0; j < indices.size(); j++) {
        long index = indices.ints()[j] < 0 ? indices.ints()[j] + n : indices.ints()[j];
        if (index < 0 || index >= n) {
          throw Nodes.problem(
              node, "gathers index " + indices.ints()[j] + " of an axis of size " + n, null);
        }
        for (long r = 0; r < inner; r++) {
          from[i++] = (int) ((o * n + index) * inner + r);
        }
      }
    }
    return pick(data, dims, from);
  }

  /** ONNX Concat along {@code axis}; every other dimension must agree. */
  static Tensor concat(NodeProto node, List<Tensor> parts, long axisAttr) throws ImportException {
    Tensor first = parts.get(0);
    int axis = axis(node, axisAttr, first.rank(), "axis");
    long[] dims = first.dims().clone();
    dims[axis] = 0;
    for (Tensor t : parts) {
      boolean fits = t.rank() == first.rank() && t.isFloat() == first.isFloat();
      for (int k = 0; fits && k < dims.length; k++) {
        fits = k == axis || t.dims()[k] == first.dims()[k];
      }
      if (!fits) {
        throw Nodes.problem(
            node,
            "concatenates tensors of shapes "
                + Tensor.shapeText(first.dims())
                + " and "
                + Tensor.shapeText(t.dims())
                + " along axis "
                + axis,
            null);
      }
      dims[axis] += t.dims()[axis];
    }
    int total = count(node, dims);
    long outer = 1;
    for (int k = 0; k < axis; k++) {
      outer *= dims[k];
    }
    long inner = strides(dims)[axis];
    double[] floats = first.isFloat() ? new double[total] : null;
    long[] ints = first.isFloat() ? null : new long[total];
    int i = 0;
    for (long o = 0; o < outer; o++) {
      for (Tensor t : parts) {
        int block = (int) (t.dims()[axis] * inner);
        int start = (int) (o * block);
        if (floats != null) {
          System.arraycopy(t.floats(), start, floats, i, block);
        } else {
          System.arraycopy(t.ints(), start, ints, i, block);
        }
        i += block;
      }
    }
    return floats != null ? Tensor.ofFloats(dims, floats) : Tensor.ofInts(dims, ints);
  }

  /**
   * ONNX Slice: for each listed axis, elements {@code start, start + step, ...} before {@code end},
   * with negative positions counted from the end and positions clamped as ONNX clamps them.
   */
  static Tensor slice(
      NodeProto node, Tensor t, long[] starts, long[] ends, long[] axes, long[] steps)
      throws ImportException {
    int rank = t.rank();
    long[] first = new long[rank];
    long[] step = new long[rank];
    long[] dims = t.dims().clone();
    Arrays.fill(step, 1);
    boolean[] seen = new boolean[rank];
    for (int j = 0; j < starts.length; j++) {
      int a = axis(node, axes[j], rank, "slice axis");
      if (seen[a]) {
        throw Nodes.problem(node, "slices axis " + a + " twice", null);
      }
      seen[a] = true;
      if (steps[j] == 0) {
        throw Nodes.problem(node, "has a slice step of 0", null);
      }
      long n = t.dims()[a];
      long s = steps[j];
      long begin = clampPosition(starts[j], n, 0, s > 0 ? n : n - 1);
      long end = clampPosition(ends[j], n, s > 0 ? 0 : -1, s > 0 ? n : n - 1);
      long count =
          s > 0 ? ceilDiv(Math.max(0, end - begin), s) : ceilDiv(Math.max(0, begin - end), -s);
      first[a] = begin;
      step[a] = s;
      dims[a] = count;
    }
    long[] inStrides = strides(t.dims());
    long[] outStrides = strides(dims);
    int[] from = new int[count(node, dims)];
    for (int i = 0; i < from.length; i++) {
      long rest = i;
      long src = 0;
      for (int k = 0; k < rank; k++) {
        long index = rest / outStrides[k];
        rest %= outStrides[k];
        src += (first[k] + index * step[k]) * inStrides[k];
      }
      from[i] = (int) src;
    }
    return pick(t, dims, from);
  }

  private static long clampPosition(long p, long n, long low, long high) {
    long q = p < 0 ? p + n : p;
    return Math.max(low, Math.min(high, q));
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  /** ONNX Reshape: a 0 keeps the dimension (unless {@code allowZero}), one -1 takes the rest. */
  static Tensor reshape(NodeProto node, Tensor t, long[] shape, boolean allowZero)
      throws ImportException {
    long[] dims = shape.clone();
    int free = -1;
    long known = 1;
    for (int k = 0; k < dims.length; k++) {
      if (dims[k] == 0 && !allowZero) {
        if (k >= t.rank()) {
          throw Nodes.problem(
              node, "copies dimension " + k + " of a tensor of rank " + t.rank(), null);
        }
        dims[k] = t.dims()[k];
      }
      if (dims[k] == -1) {
        if (free >= 0) {
          throw Nodes.problem(node, "has two -1 dimensions in its shape", null);
        }
        free = k;
      } else if (dims[k] < 0) {
        throw Nodes.problem(node, "has a negative dimension " + dims[k] + " in its shape", null);
      } else {
        known *= dims[k];
      }
    }
    if (free >= 0 && known > 0 && t.size() % known == 0) {
      dims[free] = t.size() / known;
      known *= dims[free];
    }
    if (known != t.size() || (free >= 0 && dims[free] < 0)) {
      throw Nodes.problem(
          node,
          "reshapes a tensor of shape "
              + Tensor.shapeText(t.dims())
              + " to "
              + Tensor.shapeText(shape),
          null);
    }
    return t.isFloat() ? Tensor.ofFloats(dims, t.floats()) : Tensor.ofInts(dims, t.ints());
  }

  /** The same elements with dimensions of size 1 inserted at {@code axes} of the result. */
  static long[] unsqueezed(NodeProto node, long[] dims, List<Long> axes) throws ImportException {
    int rank = dims.length + axes.size();
    boolean[] inserted = new boolean[rank];
    for (long a : axes) {
      int k = axis(node, a, rank, "axis");
      if (inserted[k]) {
        throw Nodes.problem(node, "inserts axis " + k + " twice", null);
      }
      inserted[k] = true;
    }
    long[] out = new long[rank];
    int j = 0;
    for (int k = 0; k < rank; k++) {
      out[k] = inserted[k] ? 1 : dims[j++];
    }
    return out;
  }

  /** The positions that ONNX Squeeze removes: {@code axes}, or every dimension of size 1. */
  static boolean[] squeezed(NodeProto node, long[] dims, List<Long> axes) throws ImportException {
    boolean[] removed = new boolean[dims.length];
    if (axes == null) {
      for (int k = 0; k < dims.length; k++) {
        removed[k] = dims[k] == 1;
      }
      return removed;
    }
    for (long a : axes) {
      int k = axis(node, a, dims.length, "axis");
      if (dims[k] != 1) {
        throw Nodes.problem(node, "squeezes axis " + k + " of size " + dims[k], null);
      }
      removed[k] = true;
    }
    return removed;
  }

  static long[] without(long[] dims, boolean[] removed) {
    List<Long> out = new ArrayList<>();
    for (int k = 0; k < dims.length; k++) {
      if (!removed[k]) {
        out.add(dims[k]);
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  /** ONNX Cast to a floating-point type ({@code toFloat}) or to an integer type (truncating). */
  static Tensor cast(Tensor t, boolean toFloat) {
    if (toFloat) {
      return t.isFloat()
          ? t
          : Tensor.ofFloats(t.dims(), Arrays.stream(t.ints()).asDoubleStream().toArray());
    }
    if (!t.isFloat()) {
      return t;
    }
    long[] v = new long[t.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (long) t.floats()[i];
    }
    return Tensor.ofInts(t.dims(), v);
  }
}
