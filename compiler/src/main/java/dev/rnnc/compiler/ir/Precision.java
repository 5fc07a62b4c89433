package dev.rnnc.compiler.ir;

/**
 * Arithmetic precision of a model. In {@link #FLOAT} every stored value (weight, bias, gain,
 * initial value, feature, node value) is rounded to float and every addition and multiplication
 * rounds to float; activations are computed in double on the float argument and rounded to float.
 */
public enum Precision {
  DOUBLE,
  FLOAT
}
