package dev.rnnc.compiler.weights;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds {@code .npy} file contents byte by byte, the way NumPy's {@code format.py} does. */
final class NpyBytes {

  private NpyBytes() {}

  /** The header dict NumPy writes. */
  static String header(String descr, boolean fortran, String shape) {
    return "{'descr': '"
        + descr
        + "', 'fortran_order': "
        + (fortran ? "True" : "False")
        + ", 'shape': "
        + shape
        + ", }";
  }

  /**
   * A file of format {@code major}.0 with {@code dict} padded by spaces and a newline so that the
   * data starts at a multiple of 64 bytes, as NumPy writes it.
   */
  static byte[] file(int major, String dict, byte[] data) {
    byte[] dictBytes =
        dict.getBytes(major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    int preamble = major == 1 ? 10 : 12;
    int unpadded = preamble + dictBytes.length + 1;
    int padding = (64 - unpadded % 64) % 64;
    byte[] header = new byte[dictBytes.length + padding + 1];
    System.arraycopy(dictBytes, 0, header, 0, dictBytes.length);
    for (int i = dictBytes.length; i < header.length - 1; i++) {
      header[i] = ' ';
    }
    header[header.length - 1] = '\n';
    return raw(major, 0, header, header.length, data);
  }

  /** A file with exactly the given header bytes and declared header length. */
  static byte[] raw(int major, int minor, byte[] header, long declaredLength, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, (byte) minor});
    ByteBuffer length = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
    if (major == 1) {
      length.putShort((short) declaredLength);
    } else {
      length.putInt((int) declaredLength);
    }
    out.writeBytes(length.array());
    out.writeBytes(header);
    out.writeBytes(data);
    return out.toByteArray();
  }

  /** {@code values} encoded as {@code descr} ({@code [<>]f[48]}) encodes them. */
  static byte[] data(String descr, double... values) {
    ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    boolean f8 = descr.endsWith("8");
    ByteBuffer buffer = ByteBuffer.allocate(values.length * (f8 ? 8 : 4)).order(order);
    for (double v : values) {
      if (f8) {
        buffer.putDouble(v);
      } else {
        buffer.putFloat((float) v);
      }
    }
    return buffer.array();
  }

  /** A complete, valid file. */
  static byte[] file(int major, String descr, String shape, double... values) {
    return file(major, header(descr, false, shape), data(descr, values));
  }
}
