package dev.rnnc.compiler.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes NumPy {@code .npy} files as {@code np.save} does: format 1.0, little-endian float64
 * ({@code '<f8'}), C order, the header padded with spaces and a newline so that the data starts at
 * a multiple of 64 bytes. The same values and shape always give the same bytes.
 */
public final class NpyWriter {

  private NpyWriter() {}

  /** A file of shape {@code (rows, cols)}. */
  public static byte[] matrix(double[] values, int rows, int cols) {
    return write(values, "(" + rows + ", " + cols + ")", (long) rows * cols);
  }

  /** A file of shape {@code (n,)}. */
  public static byte[] vector(double[] values) {
    return write(values, "(" + values.length + ",)", values.length);
  }

  private static byte[] write(double[] values, String shape, long count) {
    if (count != values.length) {
      throw new IllegalArgumentException(
          "shape " + shape + " does not hold " + values.length + " values");
    }
    StringBuilder header =
        new StringBuilder("{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }");
    while ((10 + header.length() + 1) % 64 != 0) {
      header.append(' ');
    }
    header.append('\n');
    byte[] h = header.toString().getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(10 + h.length + 8 * values.length);
    b.order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
    b.putShort((short) h.length).put(h);
    for (double v : values) {
      b.putDouble(v);
    }
    return b.array();
  }
}
