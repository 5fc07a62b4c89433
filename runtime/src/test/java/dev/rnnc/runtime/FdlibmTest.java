package dev.rnnc.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Java fdlibm port against {@link StrictMath} (fdlibm itself), bit for bit; the float
 * shortcut against fdlibm's tanh rounded to float. (Every float was checked once during
 * development; the test covers a dense subset.)
 */
class FdlibmTest {

  @Test
  void tanhEqualsStrictMathOnSpecialValues() {
    double[] special = {
      0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
      -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 22.0, -22.0,
      Math.nextDown(22.0), 1.0, -1.0, Math.nextDown(1.0), 0x1p-55, Math.nextDown(0x1p-55), 0x1p-54,
      0.5 * Math.log(2), 1.5 * Math.log(2), 56 * Math.log(2), 19.06154746539849, 1e-300, 0.1, 3.0
    };
    for (double x : special) {
      same(x);
      same(-x);
    }
  }

  @Test
  void tanhEqualsStrictMathOnManyArguments() {
    SplittableRandom random = new SplittableRandom(20_240_601L);
    for (int i = 0; i < 2_000_000; i++) {
      double x = switch (i % 5) {
        case 0 -> (2 * random.nextDouble() - 1) * 25; // every branch of tanh
        case 1 -> (2 * random.nextDouble() - 1) * 2; // most activations
        case 2 -> Double.longBitsToDouble(random.nextLong()); // any bits
        case 3 -> (float) ((2 * random.nextDouble() - 1) * 8); // float-precision models
        default -> Math.scalb(2 * random.nextDouble() - 1, -random.nextInt(60)); // tiny
      };
      same(x);
    }
  }

  @Test
  void expm1EqualsStrictMathOverItsWholeRange() {
    SplittableRandom random = new SplittableRandom(7L);
    for (int i = 0; i < 500_000; i++) {
      double x = i % 2 == 0 ? (2 * random.nextDouble() - 1) * 800 : Double.longBitsToDouble(random.nextLong());
      if (Double.doubleToRawLongBits(Fdlibm.expm1(x)) != Double.doubleToRawLongBits(StrictMath.expm1(x))) {
        fail("expm1(" + x + ") = " + Fdlibm.expm1(x) + ", StrictMath says " + StrictMath.expm1(x));
      }
    }
    assertThat(Fdlibm.expm1(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
    assertThat(Fdlibm.expm1(1000.0)).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void tanhToFloatIsTanhRoundedToFloat() {
    // Every float in [2^-11, 2^-9) (around 2^-10, where the two formulas meet and where the
    // shortcut gives up most often), every 97th float elsewhere, both signs, special values.
    for (int bits = 0; bits < 0x7f800000; bits += bits >= 0x3a000000 && bits < 0x3b000000 ? 1 : 97) {
      float x = Float.intBitsToFloat(bits);
      sameFloat(x);
      sameFloat(-x);
    }
    for (float x : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE,
        0x1p-10f, Math.nextDown(0x1p-10f), 9.01f, 22f, 400f}) {
      sameFloat(x);
      sameFloat(-x);
    }
  }

  private static void sameFloat(float x) {
    float expected = (float) StrictMath.tanh(x);
    float actual = Fdlibm.tanhToFloat(x);
    if (Float.floatToRawIntBits(actual) != Float.floatToRawIntBits(expected)
        && !(Float.isNaN(actual) && Float.isNaN(expected))) {
      fail("tanhToFloat(" + x + ") = " + actual + ", (float) StrictMath.tanh says " + expected);
    }
  }

  private static void same(double x) {
    double expected = StrictMath.tanh(x);
    double actual = Fdlibm.tanh(x);
    if (Double.doubleToRawLongBits(actual) != Double.doubleToRawLongBits(expected)
        && !(Double.isNaN(actual) && Double.isNaN(expected))) {
      fail("tanh(" + x + ") = " + actual + ", StrictMath says " + expected);
    }
  }
}
