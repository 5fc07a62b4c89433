package dev.rnnc.compiler.ir;

import java.util.Arrays;

/**
 * An immutable list of doubles (a node's biases or initial values): the IR hands out values, never
 * an array a caller could change.
 */
public final class Doubles {

  private final double[] values;

  private Doubles(double[] values) {
    this.values = values;
  }

  /** A list holding a copy of {@code values}. */
  public static Doubles of(double... values) {
    return new Doubles(values.clone());
  }

  /** {@code count} copies of {@code value}. */
  public static Doubles filled(int count, double value) {
    double[] v = new double[count];
    Arrays.fill(v, value);
    return new Doubles(v);
  }

  public int size() {
    return values.length;
  }

  public double get(int i) {
    return values[i];
  }

  /** A new array with the values. */
  public double[] toArray() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Doubles d && Arrays.equals(d.values, values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return Arrays.toString(values);
  }
}
