package dev.rnnc.compiler.diag;

/**
 * The catalogue of diagnostic codes. Each names a kind of problem with a stable, kebab-case id that
 * {@code check --json} prints and tools may match on; messages may be reworded, ids may not. The
 * table of codes in SPEC.md is rendered from this enum.
 */
public enum Code {
  YAML_SYNTAX("yaml-syntax", "the file is not valid YAML (or uses a YAML version other than 1.x)"),
  ENCODING("encoding", "the file is not UTF-8 or holds a character YAML does not allow"),
  READ_ERROR("read-error", "the spec file cannot be read"),
  EMPTY_SPEC("empty-spec", "the file holds no spec"),
  MULTIPLE_DOCUMENTS("multiple-documents", "the file holds more than one YAML document"),
  DUPLICATE_KEY("duplicate-key", "a mapping has the same key twice"),
  UNSUPPORTED_TAG("unsupported-tag", "a YAML tag such as !!java/object, which specs may not use"),
  RECURSIVE_ALIAS("recursive-alias", "an alias refers to a value that contains it"),
  TOO_MANY_ALIASES("too-many-aliases", "more aliases of lists or mappings than allowed"),
  TOO_DEEP("too-deep", "lists and mappings nested deeper than allowed"),
  TOO_LARGE("too-large", "a file, matrix, vocabulary or other value over its limit"),
  UNSUPPORTED_VERSION("unsupported-version", "the spec's rnnc: language version is not 1"),
  MISSING_KEY("missing-key", "a required key is absent"),
  UNKNOWN_KEY("unknown-key", "a key the language does not have here"),
  WRONG_TYPE("wrong-type", "a value of the wrong kind (a list where a number belongs, ...)"),
  BAD_VALUE(
      "bad-value",
      "a value of the right kind but not allowed (an unknown activation, a negative size, ...)"),
  NON_FINITE("non-finite", "a number that is infinite or NaN, in the spec or a weight file"),
  INVALID_NAME("invalid-name", "a name that is not an identifier, a class name or a package name"),
  DUPLICATE_NAME("duplicate-name", "two neurons, groups or inputs with the same name"),
  UNKNOWN_REFERENCE(
      "unknown-reference",
      "a reference to a neuron, group, input or safetensors tensor that does not exist"),
  BAD_REFERENCE(
      "bad-reference",
      "a reference that exists but is not allowed here (an element out of range, an input as a target, ...)"),
  DUPLICATE_OUTPUT("duplicate-output", "the same output listed twice"),
  SHAPE_MISMATCH("shape-mismatch", "a matrix, bias or initial value whose shape does not fit"),
  WEIGHT_FILE("weight-file", "a weight file that is missing, unreadable or malformed"),
  WEIGHT_DTYPE(
      "weight-dtype",
      "a weight file of a type rnnc does not read (.npy: float64, float32; safetensors: F64, F32,"
          + " F16, BF16)"),
  WEIGHT_ORDER("weight-order", "a .npy weight file in Fortran (column-major) order"),
  VOCABULARY_FILE("vocabulary-file", "a vocabulary file that is missing, unreadable or malformed"),
  BAD_VOCABULARY(
      "bad-vocabulary", "a vocabulary term that is empty, repeated or does not fit the tokenizer"),
  WINDOW_MISMATCH("window-mismatch", "inputs that declare different windows"),
  ORDER_INCOMPLETE("order-incomplete", "an order: list that leaves out some neuron or group"),
  ORDER_DUPLICATE("order-duplicate", "an order: list that names a node twice"),
  ORDER_CONTRADICTS_DELAY(
      "order-contradicts-delay", "an order: that puts a delay: 0 edge backward"),
  ALGEBRAIC_LOOP("algebraic-loop", "a cycle of delay: 0 edges, which no order can compute"),
  DUPLICATE_CLASS("duplicate-class", "two specs that would generate the same class"),
  ALL_ZERO_WEIGHTS(
      "all-zero-weights",
      "a warning: random weights (init with density or spectral_radius) that came out all zero"),
  TOO_MANY_PROBLEMS(
      "too-many-problems", "more problems in one file than are shown; the count of the rest"),
  INPUT_DATA(
      "input-data",
      "input data for rnnc run that is malformed (a bad CSV cell, invalid UTF-8, ...)");

  private final String id;
  private final String description;

  Code(String id, String description) {
    this.id = id;
    this.description = description;
  }

  /** The stable id, e.g. {@code unknown-key}. */
  public String id() {
    return id;
  }

  /** What the code means, for the language reference. */
  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return id;
  }
}
