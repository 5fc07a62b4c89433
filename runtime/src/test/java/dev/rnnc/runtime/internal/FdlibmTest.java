package dev.rnnc.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Java fdlibm port against {@link StrictMath} (fdlibm itself), bit for bit; the float shortcut
 * against fdlibm's tanh rounded to float. (Every float was checked once during development; the
 * test covers a dense subset.)
 */
class FdlibmTest {

  @Test
  void tanhEqualsStrictMathOnSpecialValues() {
    double[] special = {
      0.0,
      -0.0,
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.MIN_VALUE,
      -Double.MIN_VALUE,
      Double.MIN_NORMAL,
      Double.MAX_VALUE,
      -Double.MAX_VALUE,
      22.0,
      -22.0,
      Math.nextDown(22.0),
      1.0,
      -1.0,
      Math.nextDown(1.0),
      0x1p-55,
      Math.nextDown(0x1p-55),
      0x1p-54,
      0.5 * Math.log(2),
      1.5 * Math.log(2),
      56 * Math.log(2),
      19.06154746539849,
      1e-300,
      0.1,
      3.0
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
      double x =
          switch (i % 5) {
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
  void tanhEqualsStrictMathAroundTheBranchPointsOfExpm1() {
    for (double x : aroundBranchPoints(20_000)) {
      same(x);
    }
    SplittableRandom random = new SplittableRandom(11L);
    for (int i = 0; i < 1_000_000; i++) {
      same(2 * random.nextDouble() - 1);
      same(Math.scalb(random.nextDouble(), -random.nextInt(56)));
    }
  }

  @Test
  void tanhOfArraysEqualsStrictMath() {
    // Arguments around every point where fdlibm's expm1 changes its way for tanh, random ones
    // where activations fall and anywhere, and special values; in pieces that start anywhere,
    // through scratch of several lengths.
    List<Double> arguments = aroundBranchPoints(3000);
    SplittableRandom random = new SplittableRandom(13L);
    for (int i = 0; i < 300_000; i++) {
      arguments.add(random.nextGaussian() * 0.4);
      arguments.add(2 * random.nextDouble() - 1);
      arguments.add(Math.scalb(random.nextDouble() - 0.5, -random.nextInt(60)));
      arguments.add(Double.longBitsToDouble(random.nextLong()));
    }
    Collections.addAll(
        arguments,
        0.0,
        -0.0,
        Double.NaN,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE,
        -Double.MAX_VALUE,
        0.5 * Math.log(2) / 2);
    double[] expected = arguments.stream().mapToDouble(StrictMath::tanh).toArray();
    int[] lengths = {1, 3, 64, 1000, 5000};
    for (int round = 0; round < lengths.length; round++) {
      double[] values = arguments.stream().mapToDouble(Double::doubleValue).toArray();
      int from = round * 7;
      Activations.tanh(values, from, values.length, new ActivationScratch(lengths[round]));
      for (int i = 0; i < values.length; i++) {
        sameBits(
            "tanh(array)[" + i + "] of " + arguments.get(i),
            values[i],
            i < from ? arguments.get(i) : expected[i]);
      }
    }
  }

  @Test
  void scratchOfNoLengthIsRejected() {
    assertThatThrownBy(() -> new ActivationScratch(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
  }

  @Test
  void expm1EqualsStrictMathOverItsWholeRange() {
    SplittableRandom random = new SplittableRandom(7L);
    for (int i = 0; i < 500_000; i++) {
      double x =
          i % 2 == 0
              ? (2 * random.nextDouble() - 1) * 800
              : Double.longBitsToDouble(random.nextLong());
      if (Double.doubleToRawLongBits(Fdlibm.expm1(x))
          != Double.doubleToRawLongBits(StrictMath.expm1(x))) {
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
    for (int bits = 0;
        bits < 0x7f800000;
        bits += bits >= 0x3a000000 && bits < 0x3b000000 ? 1 : 97) {
      float x = Float.intBitsToFloat(bits);
      sameFloat(x);
      sameFloat(-x);
    }
    for (float x :
        new float[] {
          Float.NaN,
          Float.POSITIVE_INFINITY,
          Float.NEGATIVE_INFINITY,
          Float.MAX_VALUE,
          0x1p-10f,
          Math.nextDown(0x1p-10f),
          9.01f,
          22f,
          400f
        }) {
      sameFloat(x);
      sameFloat(-x);
    }
  }

  @Test
  void tanhToFloatOfArraysIsTanhRoundedToFloat() {
    // The floats of the test above and their negatives, in pieces that start anywhere in an
    // array, through scratch arrays of several lengths (shorter and longer than the pieces).
    int[] scratchLengths = {1, 7, 64, 512, 5000};
    float[] arguments = new float[4099];
    int filled = 0;
    int round = 0;
    for (long bits = 0;
        bits < 0x7f800000L + 4 * 97;
        bits += bits >= 0x3a000000 && bits < 0x3b000000 ? 1 : 97) {
      float x = bits < 0x7f800000L ? Float.intBitsToFloat((int) bits) : Float.NaN;
      arguments[filled++] = x;
      arguments[filled++] = -x;
      if (filled >= arguments.length - 1) {
        tanhToFloatOfPiece(
            arguments, filled, round % 3, scratchLengths[round % scratchLengths.length]);
        filled = 0;
        round++;
      }
    }
    tanhToFloatOfPiece(arguments, filled, 1, 5);
    float[] special = {
      Float.POSITIVE_INFINITY,
      Float.NEGATIVE_INFINITY,
      Float.MAX_VALUE,
      16f,
      Math.nextDown(16f),
      Math.nextUp(16f),
      9.01f,
      1f,
      -0f,
      0f,
      Float.MIN_VALUE,
      0x1p-10f
    };
    float[] copy = special.clone();
    Activations.tanhToFloat(copy, 0, copy.length, new ActivationScratch(3));
    for (int i = 0; i < special.length; i++) {
      assertThat(Float.floatToRawIntBits(copy[i]))
          .as("tanh(%s)", special[i])
          .isEqualTo(Float.floatToRawIntBits((float) StrictMath.tanh(special[i])));
    }
  }

  /** The array form on {@code arguments[from, filled)} against (float) StrictMath.tanh. */
  private static void tanhToFloatOfPiece(
      float[] arguments, int filled, int from, int scratchLength) {
    float[] values = Arrays.copyOf(arguments, filled);
    Activations.tanhToFloat(values, from, filled, new ActivationScratch(scratchLength));
    for (int i = 0; i < filled; i++) {
      float expected = i < from ? arguments[i] : (float) StrictMath.tanh(arguments[i]);
      sameBits("tanhToFloat(array)[" + i + "] of " + arguments[i], values[i], expected);
    }
  }

  /**
   * Arguments at and up to {@code ulps} doubles either side of every point where fdlibm's expm1
   * changes its way for tanh's argument -2|x|, both signs: |x| at 0.25 ln2 and 0.75 ln2 (the
   * high-word thresholds), where k goes from -2 to -3 (the first x with INVLN2 * -2x - 0.5 <= -3),
   * 2^-55 and 1 (tanh's own thresholds) and 22.
   */
  private static List<Double> aroundBranchPoints(int ulps) {
    double invln2 = 1.44269504088896338700e+00;
    double minusThree = 1.25 / invln2; // within a few ulps of that point
    while (invln2 * (-2.0 * minusThree) - 0.5 > -3.0) {
      minusThree = Math.nextUp(minusThree);
    }
    while (invln2 * (-2.0 * Math.nextDown(minusThree)) - 0.5 <= -3.0) {
      minusThree = Math.nextDown(minusThree);
    }
    double[] edges = {
      Double.longBitsToDouble(0x3fd62e43L << 32) / 2,
      Double.longBitsToDouble(0x3FF0A2B2L << 32) / 2,
      minusThree,
      0x1p-55,
      1.0,
      22.0
    };
    List<Double> arguments = new ArrayList<>();
    for (double edge : edges) {
      double x = edge;
      double y = edge;
      for (int i = 0; i < ulps; i++) {
        Collections.addAll(arguments, x, -x, y, -y);
        x = Math.nextUp(x);
        y = Math.nextDown(y);
      }
    }
    return arguments;
  }

  private static void sameFloat(float x) {
    sameBits("tanhToFloat(" + x + ")", Fdlibm.tanhToFloat(x), (float) StrictMath.tanh(x));
  }

  /** Fails unless {@code actual} has the bits of {@code expected} (any NaN matches any NaN). */
  private static void sameBits(String what, float actual, float expected) {
    if (Float.floatToRawIntBits(actual) != Float.floatToRawIntBits(expected)
        && !(Float.isNaN(actual) && Float.isNaN(expected))) {
      fail(what + " = " + actual + ", (float) StrictMath.tanh says " + expected);
    }
  }

  /** Fails unless {@code actual} has the bits of {@code expected} (any NaN matches any NaN). */
  private static void sameBits(String what, double actual, double expected) {
    if (Double.doubleToRawLongBits(actual) != Double.doubleToRawLongBits(expected)
        && !(Double.isNaN(actual) && Double.isNaN(expected))) {
      fail(what + " = " + actual + ", StrictMath says " + expected);
    }
  }

  private static void same(double x) {
    sameBits("tanh(" + x + ")", Fdlibm.tanh(x), StrictMath.tanh(x));
  }
}
