package dev.rnnc.compiler.weights;

import java.nio.ByteBuffer;

/**
 * How a floating-point number is stored in a weight file, and its exact conversion to double (every
 * value of these formats is a double, so nothing is rounded).
 */
public enum ElementType {
  /** IEEE 754 binary64. */
  FLOAT64(8),
  /** IEEE 754 binary32. */
  FLOAT32(4),
  /** IEEE 754 binary16 (half precision). */
  FLOAT16(2),
  /** bfloat16: the upper 16 bits of a binary32. */
  BFLOAT16(2);

  private final int size;

  ElementType(int size) {
    this.size = size;
  }

  /** Bytes per element. */
  public int size() {
    return size;
  }

  /**
   * Reads {@code n} elements from {@code in} (from its position, in its byte order) into {@code
   * out[at..at+n)}.
   */
  public void decode(ByteBuffer in, double[] out, int at, int n) {
    switch (this) {
      case FLOAT64 -> {
        in.asDoubleBuffer().get(out, at, n);
        in.position(in.position() + 8 * n);
      }
      case FLOAT32 -> {
        for (int i = 0; i < n; i++) {
          out[at + i] = in.getFloat();
        }
      }
      case FLOAT16 -> {
        for (int i = 0; i < n; i++) {
          out[at + i] = half(in.getShort());
        }
      }
      case BFLOAT16 -> {
        for (int i = 0; i < n; i++) {
          out[at + i] = Float.intBitsToFloat((in.getShort() & 0xFFFF) << 16);
        }
      }
    }
  }

  /**
   * The value of IEEE 754 half-precision bits: sign, 5 exponent bits (bias 15), 10 fraction bits.
   */
  static double half(short bits) {
    int sign = (bits >> 15) & 1;
    int exponent = (bits >> 10) & 0x1F;
    int fraction = bits & 0x3FF;
    double magnitude;
    if (exponent == 0x1F) {
      magnitude = fraction == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
    } else if (exponent == 0) {
      magnitude = Math.scalb((double) fraction, -24); // subnormal: fraction * 2^-24
    } else {
      magnitude = Math.scalb((double) (0x400 | fraction), exponent - 25);
    }
    return sign == 1 ? -magnitude : magnitude;
  }
}
