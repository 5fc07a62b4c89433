package dev.rnnc.compiler.weights;

import dev.rnnc.compiler.diag.Code;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/** Reads the values of an array stored in a file and checks that every one is finite. */
final class TensorData {

  /** The largest array a JVM reliably allocates. */
  static final long MAX_VALUES = Integer.MAX_VALUE - 8;

  private static final int CHUNK_BYTES = 1 << 20;

  private TensorData() {}

  /**
   * Reads {@code count} elements of {@code type} in byte order {@code order} at {@code offset}.
   *
   * @param what how messages call the array, e.g. {@code weight file 'w.npy'}
   * @param shape the array's shape, for the index of a non-finite value
   */
  static double[] read(
      FileChannel channel, long offset, int[] shape, ElementType type, ByteOrder order, String what)
      throws IOException, WeightFileException {
    int count = count(shape);
    double[] data;
    try {
      data = new double[count];
    } catch (OutOfMemoryError e) {
      throw WeightFileException.ofFile(
          Code.WEIGHT_FILE,
          what + " is too large to load (" + count + " values)",
          "give the JVM more memory, e.g. -Xmx8g");
    }
    int itemSize = type.size();
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(order);
    long position = offset;
    int done = 0;
    while (done < count) {
      int n = Math.min(count - done, CHUNK_BYTES / itemSize);
      chunk.clear().limit(n * itemSize);
      while (chunk.hasRemaining()) {
        int read = channel.read(chunk, position + chunk.position());
        if (read < 0) {
          throw WeightFileException.ofFile(
              Code.WEIGHT_FILE, what + " is truncated (it shrank while read)", null);
        }
      }
      chunk.flip();
      type.decode(chunk, data, done, n);
      position += (long) n * itemSize;
      done += n;
    }
    checkFinite(data, shape, what);
    return data;
  }

  private static int count(int[] shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return (int) n;
  }

  private static void checkFinite(double[] data, int[] shape, String what)
      throws WeightFileException {
    for (int i = 0; i < data.length; i++) {
      if (!Double.isFinite(data[i])) {
        throw WeightFileException.ofFile(
            Code.NON_FINITE,
            what
                + " has a non-finite value ("
                + numpyText(data[i])
                + ") at index "
                + indexText(i, shape),
            null);
      }
    }
  }

  /** NumPy's spelling of a non-finite value: {@code nan}, {@code inf}, {@code -inf}. */
  static String numpyText(double v) {
    return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
  }

  /** The C-order multi-index of flat index {@code flat}, as {@code [3, 7]}. */
  static String indexText(int flat, int[] shape) {
    int[] index = new int[shape.length];
    int rest = flat;
    for (int k = shape.length - 1; k >= 0; k--) {
      index[k] = rest % shape[k];
      rest /= shape[k];
    }
    StringBuilder out = new StringBuilder("[");
    for (int k = 0; k < index.length; k++) {
      out.append(k == 0 ? "" : ", ").append(index[k]);
    }
    return out.append(']').toString();
  }
}
