package dev.rnnc.runtime;

import java.util.List;

/** A declared model input: a numeric vector per element, or tokens. */
public sealed interface InputDef permits VectorInput, TokenInput {

  String name();

  /** Number of features this input contributes per step. */
  int featureCount();

  /** Feature names, e.g. {@code x[0]} or {@code words[not good]}, in feature order. */
  List<String> featureNames();
}
