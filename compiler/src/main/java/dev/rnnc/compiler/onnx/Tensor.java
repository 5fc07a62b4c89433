package dev.rnnc.compiler.onnx;

import java.util.Arrays;

/**
 * A constant tensor of a model: its shape and its elements in C order, as doubles (floating-point
 * data types, converted exactly) or as longs (integer and boolean types). Arrays are not modified
 * after construction.
 */
record Tensor(long[] dims, double[] floats, long[] ints) {

  Tensor {
    if ((floats == null) == (ints == null)) {
      throw new IllegalArgumentException("a tensor holds either floats or integers");
    }
    long n = 1;
    for (long d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension");
      }
      n *= d;
    }
    int size = floats != null ? floats.length : ints.length;
    if (n != size) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(dims) + " does not hold " + size + " values");
    }
  }

  static Tensor ofFloats(long[] dims, double[] values) {
    return new Tensor(dims.clone(), values, null);
  }

  static Tensor ofInts(long[] dims, long[] values) {
    return new Tensor(dims.clone(), null, values);
  }

  /** A rank-0 integer. */
  static Tensor scalar(long value) {
    return ofInts(new long[0], new long[] {value});
  }

  boolean isFloat() {
    return floats != null;
  }

  int rank() {
    return dims.length;
  }

  int size() {
    return floats != null ? floats.length : ints.length;
  }

  /** Element {@code i} as a double (integers converted). */
  double number(int i) {
    return floats != null ? floats[i] : ints[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t
        && Arrays.equals(dims, t.dims)
        && Arrays.equals(floats, t.floats)
        && Arrays.equals(ints, t.ints);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims) * 31 + Arrays.hashCode(floats) * 17 + Arrays.hashCode(ints);
  }

  @Override
  public String toString() {
    return "Tensor" + Arrays.toString(dims);
  }

  /** A shape as ONNX tools print it: {@code [1, 16, 3]}. */
  static String shapeText(long[] dims) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < dims.length; i++) {
      out.append(i == 0 ? "" : ", ").append(dims[i]);
    }
    return out.append(']').toString();
  }
}
