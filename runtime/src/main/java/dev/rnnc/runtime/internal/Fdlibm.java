package dev.rnnc.runtime.internal;

/**
 * {@code tanh} as fdlibm 5.3 computes it ({@code s_tanh.c} with {@code s_expm1.c}), in Java: the
 * same operations on the same constants, so the results are those of {@link StrictMath#tanh}, bit
 * for bit, on every JDK and platform (a test compares the two on millions of arguments and every
 * special case). Up to JDK 23, {@code Math.tanh} is {@code StrictMath.tanh}, a native call that C2
 * cannot inline; this version compiles to plain arithmetic and costs about half.
 */
final class Fdlibm {

  private Fdlibm() {}

  private static final double TINY = 1.0e-300;
  private static final double HUGE = 1.0e300;
  private static final double O_THRESHOLD = 7.09782712893383973096e+02; // 0x40862E42 FEFA39EF
  private static final double LN2_HI = 6.93147180369123816490e-01; // 0x3fe62e42 fee00000
  private static final double LN2_LO = 1.90821492927058770002e-10; // 0x3dea39ef 35793c76
  private static final double INVLN2 = 1.44269504088896338700e+00; // 0x3ff71547 652b82fe
  // Scaled coefficients of expm1's rational approximation.
  private static final double Q1 = -3.33333333333331316428e-02; // BFA11111 111110F4
  private static final double Q2 = 1.58730158725481460165e-03; // 3F5A01A0 19FE5585
  private static final double Q3 = -7.93650757867487942473e-05; // BF14CE19 9EAADBB7
  private static final double Q4 = 4.00821782732936239552e-06; // 3ED0CFCA 86E65239
  private static final double Q5 = -2.01099218183624371326e-07; // BE8AFDB7 6E09C32D

  /** The hyperbolic tangent, equal to {@code StrictMath.tanh(x)}. */
  static double tanh(double x) {
    int jx = high(x);
    int ix = jx & 0x7fffffff;
    if (ix >= 0x7ff00000) { // tanh(+-inf) = +-1, tanh(NaN) = NaN
      return jx >= 0 ? 1.0 / x + 1.0 : 1.0 / x - 1.0;
    }
    double z;
    if (ix < 0x40360000) { // |x| < 22
      if (ix < 0x3c800000) { // |x| < 2^-55
        return x * (1.0 + x);
      }
      if (ix >= 0x3ff00000) { // |x| >= 1
        double t = expm1(2.0 * Math.abs(x));
        z = 1.0 - 2.0 / (t + 2.0);
      } else {
        double t = expm1(-2.0 * Math.abs(x));
        z = -t / (t + 2.0);
      }
    } else { // |x| >= 22: +-1
      z = 1.0 - TINY;
    }
    return jx >= 0 ? z : -z;
  }

  /** e^x - 1, equal to {@code StrictMath.expm1(x)}. */
  static double expm1(double x) {
    int hx = high(x);
    int xsb = hx & 0x80000000; // sign of x
    hx &= 0x7fffffff; // high word of |x|

    // Huge and non-finite arguments.
    if (hx >= 0x4043687A) { // |x| >= 56 ln2
      if (hx >= 0x40862E42) { // |x| >= 709.78...
        if (hx >= 0x7ff00000) {
          if (((hx & 0xfffff) | low(x)) != 0) {
            return x + x; // NaN
          }
          return xsb == 0 ? x : -1.0; // exp(+-inf) - 1 = {inf, -1}
        }
        if (x > O_THRESHOLD) {
          return HUGE * HUGE; // overflow
        }
      }
      if (xsb != 0 && x + TINY < 0.0) { // x < -56 ln2
        return TINY - 1.0;
      }
    }

    // Argument reduction: x = k ln2 + r, |r| <= 0.5 ln2, r = hi - lo, c its rounding error.
    double hi;
    double lo;
    double c = 0.0;
    int k;
    if (hx > 0x3fd62e42) { // |x| > 0.5 ln2
      if (hx < 0x3FF0A2B2) { // and |x| < 1.5 ln2
        if (xsb == 0) {
          hi = x - LN2_HI;
          lo = LN2_LO;
          k = 1;
        } else {
          hi = x + LN2_HI;
          lo = -LN2_LO;
          k = -1;
        }
      } else {
        k = (int) (INVLN2 * x + (xsb == 0 ? 0.5 : -0.5));
        double t = k;
        hi = x - t * LN2_HI; // t * LN2_HI is exact here
        lo = t * LN2_LO;
      }
      x = hi - lo;
      c = (hi - x) - lo;
    } else if (hx < 0x3c900000) { // |x| < 2^-54: x
      double t = HUGE + x;
      return x - (t - (HUGE + x));
    } else {
      k = 0;
    }

    // x is now in the primary range.
    double hfx = 0.5 * x;
    double hxs = x * hfx;
    double r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
    double t = 3.0 - r1 * hfx;
    double e = hxs * ((r1 - t) / (6.0 - x * t));
    if (k == 0) {
      return x - (x * e - hxs); // c is 0
    }
    e = x * (e - c) - c;
    e -= hxs;
    if (k == -1) {
      return 0.5 * (x - e) - 0.5;
    }
    if (k == 1) {
      return x < -0.25 ? -2.0 * (e - (x + 0.5)) : 1.0 + 2.0 * (x - e);
    }
    double y;
    if (k <= -2 || k > 56) { // suffices to return exp(x) - 1
      y = 1.0 - (e - x);
      return addToExponent(y, k) - 1.0;
    }
    if (k < 20) {
      t = withHigh(0x3ff00000 - (0x200000 >> k)); // 1 - 2^-k
      y = t - (e - x);
    } else {
      t = withHigh((0x3ff - k) << 20); // 2^-k
      y = x - (e + t);
      y += 1.0;
    }
    return addToExponent(y, k);
  }

  /**
   * {@code (float) tanh(x)}, the float that {@link #tanh} rounds to, computed faster: a short
   * approximation {@code t} of tanh(x) from {@code Math.exp} (a HotSpot intrinsic) with a proven
   * error bound {@code d}; when every double in [t - d, t + d] rounds to the same float, fdlibm's
   * tanh(x), which lies in that interval, rounds to it too. Otherwise (about one call in 2^12 near
   * 0.001, far fewer elsewhere, and NaN) the exact value is computed.
   *
   * <p>Error bounds. For |x| >= 2^-10, t = e / (e + 2) with e = exp(2|x|) - 1: exp is within 1 ulp
   * (its specification), so e is off by at most about 2^-50 absolutely, which is 2^-41 relative
   * since e >= 2^-9; the division adds half an ulp: relative error below 2^-40. For |x| < 2^-10,
   * the Taylor polynomial to x^7 (truncation error below 2^-85 relative) with a few roundings.
   * fdlibm's tanh is within 2.5 ulps (2^-50.7 relative) of tanh. The bound used, d = 2^-36 t, is
   * sixteen times the sum.
   */
  static float tanhToFloat(float x) {
    double a = Math.abs((double) x);
    double t;
    if (a >= 0x1p-10) {
      double e = Math.exp(2.0 * a) - 1.0;
      t = e / (e + 2.0);
    } else {
      double a2 = a * a;
      t = a * (1.0 - a2 * (1.0 / 3.0 - a2 * (2.0 / 15.0 - a2 * (17.0 / 315.0))));
    }
    float certain = roundedIfCertain(t, x);
    return certain == certain ? certain : (float) tanh(x);
  }

  /**
   * The float that every double within 2^-36 t of the approximation {@code t} of |tanh(x)| rounds
   * to, with x's sign; NaN when they do not all round to the same float (or t is NaN). The callers'
   * approximations are much closer than that to fdlibm's tanh (each states its error bound), so
   * that float is fdlibm's tanh rounded to float.
   */
  private static float roundedIfCertain(double t, float x) {
    double d = t * 0x1p-36;
    float lo = (float) (t - d);
    return lo == (float) (t + d) ? Math.copySign(lo, x) : Float.NaN;
  }

  /**
   * {@link #tanh(double)} of {@code v[from]} to {@code v[to - 1]}, in place, bit for bit, in pieces
   * of {@code scratch.length()} elements.
   *
   * <p>Where activations mostly fall, 2^-55 <= |x| < 1, fdlibm's tanh is -t / (t + 2) with t =
   * expm1(-2|x|), which fdlibm computes in one of three ways chosen by k = 0, -1, or -2 and -3 (by
   * thresholds on |2x| and, beyond 1.5 ln2, by rounding |2x| / ln2): a branch that real inputs make
   * unpredictable and that keeps the JIT from vectorizing. Here short loops without branches or
   * calls (each small enough for C2 to unroll and vectorize) perform fdlibm's operations for all
   * three ways and keep the one k selects:
   *
   * <ul>
   *   <li>k from fdlibm's tests of the high word, as integer masks (in a loop of its own);
   *   <li>the reduction hi = x - k LN2_HI, lo = k LN2_LO written once: with k = 0 and k = -1 it
   *       gives exactly fdlibm's special cases (x with 0, and x + LN2_HI with -LN2_LO);
   *   <li>the kept ending multiplied by 1 plus the others multiplied by 0 (exact: all are finite
   *       and the kept one is not 0); for k <= -2 fdlibm adds k to y's exponent, and y is near 1,
   *       so multiplying by 2^k = (k + 4) / 8 gives the same bits;
   *   <li>the sign copied from x (fdlibm's result is positive); the other arguments go through
   *       {@link #tanh(double)}.
   * </ul>
   */
  static void tanh(double[] v, int from, int to, ActivationScratch scratch) {
    double[] ks = scratch.a;
    double[] rs = scratch.b;
    double[] cs = scratch.c;
    double[] es = scratch.d;
    double[] zs = scratch.e;
    for (int start = from; start < to; start += ks.length) {
      int n = Math.min(ks.length, to - start);
      // A copy at offset 0: HotSpot vectorizes a loop only when its arrays' offsets match, and
      // v's offset is only known at run time. zs is free until the fourth loop.
      System.arraycopy(v, start, zs, 0, n);
      for (int i = 0; i < n; i++) {
        double x = -2.0 * Math.abs(zs[i]);
        int hx = high(x) & 0x7fffffff;
        int general = (int) (INVLN2 * x - 0.5); // fdlibm's k beyond 1.5 ln2: -1, -2 or -3
        int reduced = (0x3fd62e42 - hx) >> 31; // -1 when |x| > 0.5 ln2, else 0
        int belowOneAndHalf = (hx - 0x3FF0A2B2) >> 31; // -1 when |x| < 1.5 ln2, else 0
        ks[i] = reduced & (belowOneAndHalf | general);
      }
      for (int i = 0; i < n; i++) {
        double x = -2.0 * Math.abs(zs[i]);
        double k = ks[i];
        double hi = x - k * LN2_HI;
        double lo = k * LN2_LO;
        double r = hi - lo;
        rs[i] = r;
        cs[i] = (hi - r) - lo;
      }
      for (int i = 0; i < n; i++) {
        double r = rs[i];
        double hfx = 0.5 * r;
        double hxs = r * hfx;
        double r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
        double t = 3.0 - r1 * hfx;
        es[i] = hxs * ((r1 - t) / (6.0 - r * t));
      }
      for (int i = 0; i < n; i++) {
        double r = rs[i];
        double e = es[i];
        double hxs = r * (0.5 * r);
        zs[i] = r - (r * e - hxs); // fdlibm's result for k = 0
        es[i] = (r * (e - cs[i]) - cs[i]) - hxs;
      }
      for (int i = 0; i < n; i++) {
        double r = rs[i];
        double e = es[i];
        double k = ks[i];
        double whenMinusOne = 0.5 * (r - e) - 0.5;
        double whenBelow = (1.0 - (e - r)) * (0.125 * (k + 4.0)) - 1.0;
        double isZero = 1.0 - Math.min(Math.abs(k), 1.0);
        double isMinusOne = 1.0 - Math.min(Math.abs(k + 1.0), 1.0);
        double t =
            zs[i] * isZero + whenMinusOne * isMinusOne + whenBelow * (1.0 - isZero - isMinusOne);
        zs[i] = -t / (t + 2.0);
      }
      // The sign, in a loop without calls (zs is positive here), then the other arguments one at
      // a time: a call in the loop would keep it scalar.
      System.arraycopy(v, start, es, 0, n);
      for (int i = 0; i < n; i++) {
        zs[i] = es[i] < 0.0 ? -zs[i] : zs[i];
      }
      System.arraycopy(zs, 0, v, start, n);
      for (int i = 0; i < n; i++) {
        double x = es[i];
        double a = Math.abs(x);
        if (!(a < 1.0 && a >= 0x1p-55)) {
          v[start + i] = tanh(x); // NaN: tanh
        }
      }
    }
  }

  /**
   * {@link #tanhToFloat(float)} of {@code v[from]} to {@code v[to - 1]}, in place, in three passes
   * over pieces of {@code scratch.length()} elements: widen to double; approximate tanh in a loop
   * without branches or calls, which C2 vectorizes; round and check each element as {@link
   * #tanhToFloat(float)} does ({@link #roundedIfCertain}), computing it that way when the check
   * fails or |x| >= 16.
   *
   * <p>The approximation: u = min(|x|, 16) / 16 (exact), t = u P(u^2) / Q(u^2), the convergent of
   * Lambert's continued fraction u / (1 + u^2 / (3 + u^2 / (5 + ... / 13))) (integer coefficients,
   * exact in double), then four doublings tanh(2u) = 2t / (1 + t^2), kept as a fraction p / q (p' =
   * 2pq, q' = q^2 + p^2) and divided once. Doubling shrinks the truncation error (by the factor (1
   * - t^2) / (1 + t^2)); rounding adds a few ulps. Relative error against 50-digit tanh at 26,000
   * points of [1e-45, 16]: below 8e-16 (2^-50). With fdlibm's 2.5 ulps, the distance to fdlibm's
   * tanh stays far inside the bound d = 2^-36 t of the check.
   */
  static void tanhToFloat(float[] v, int from, int to, ActivationScratch work) {
    double[] scratch = work.a;
    for (int start = from; start < to; start += scratch.length) {
      int n = Math.min(scratch.length, to - start);
      for (int i = 0; i < n; i++) {
        scratch[i] = v[start + i];
      }
      for (int i = 0; i < n; i++) {
        double u = Math.min(Math.abs(scratch[i]), 16.0) * 0.0625;
        double y = u * u;
        double p = u * (135135.0 + y * (17325.0 + y * (378.0 + y)));
        double q = 135135.0 + y * (62370.0 + y * (3150.0 + y * 28.0));
        // Four doublings of p / q, divided once at the end (q stays below 1e83).
        double p2 = 2.0 * p * q;
        double q2 = q * q + p * p;
        double p4 = 2.0 * p2 * q2;
        double q4 = q2 * q2 + p2 * p2;
        double p8 = 2.0 * p4 * q4;
        double q8 = q4 * q4 + p4 * p4;
        scratch[i] = 2.0 * p8 * q8 / (q8 * q8 + p8 * p8);
      }
      for (int i = 0; i < n; i++) {
        float x = v[start + i];
        float certain = Math.abs(x) < 16.0f ? roundedIfCertain(scratch[i], x) : Float.NaN;
        v[start + i] = certain == certain ? certain : tanhToFloat(x);
      }
    }
  }

  private static int high(double x) {
    return (int) (Double.doubleToRawLongBits(x) >>> 32);
  }

  private static int low(double x) {
    return (int) Double.doubleToRawLongBits(x);
  }

  /** The double whose high word is {@code high} and low word 0. */
  private static double withHigh(int high) {
    return Double.longBitsToDouble((long) high << 32);
  }

  /** {@code y} with {@code k} added to the exponent field of its high word (as fdlibm does). */
  private static double addToExponent(double y, int k) {
    long bits = Double.doubleToRawLongBits(y);
    int high = (int) (bits >>> 32) + (k << 20);
    return Double.longBitsToDouble(((long) high << 32) | (bits & 0xffffffffL));
  }
}
