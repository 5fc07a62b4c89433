package dev.rnnc.runtime;

/** How a window of vectors becomes one feature vector, elementwise. */
public enum Reduce {
  SUM,
  MEAN,
  MAX
}
