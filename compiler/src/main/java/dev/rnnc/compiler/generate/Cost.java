package dev.rnnc.compiler.generate;

/**
 * Estimated bytes of bytecode of the pieces generated code is made of. They need not be exact: they
 * decide where {@code step} is cut into methods so that none comes near HotSpot's 8000-byte limit
 * for JIT compilation ({@link EvaluatorWriter#METHOD_BUDGET} leaves the margin). Changing one
 * changes where generated code is cut, so the golden files.
 */
final class Cost {

  private Cost() {}

  /** A literal: {@code dconst}, {@code ldc2_w} or {@code ldc}. */
  static final int LITERAL = 3;

  /** A local variable: a load, and its share of the local variable table. */
  static final int LOCAL = 4;

  /** {@code features[k]}: load the parameter, the index, {@code daload}. */
  static final int FEATURE = 8;

  /** {@code (float) features[k]}: the same plus {@code d2f}. */
  static final int FEATURE_FLOAT = 9;

  /** {@code array[k]} of a field: {@code getfield}, the index, the element load. */
  static final int ELEMENT = 10;

  /** {@code array[i]} inside a loop (local index). */
  static final int LOOP_ELEMENT = 6;

  /** {@code bias[i]} inside a loop: a static array field and the loop index. */
  static final int LOOP_CONSTANT = 8;

  /** A binary operator ({@code dadd}, {@code dmul}). */
  static final int OPERATOR = 1;

  /** {@code 0.0} plus the divide and the count of a mean. */
  static final int MEAN = 8;

  /** Combining two terms: the operator or call and its operands' shuffling. */
  static final int COMBINE = 4;

  /** A static call with one argument ({@code invokestatic} and the argument). */
  static final int CALL = 7;

  /** A static call whose double result is narrowed to float ({@code d2f}). */
  static final int CALL_TO_FLOAT = 8;

  /** A call of {@code dot(acc, W, wo, x, xo, n)}: six arguments and the call. */
  static final int DOT_CALL = 30;

  /** A loop's header, counter and back branch. */
  static final int LOOP = 60;

  /** A block of matrix columns: the loads of one column and one source value. */
  static final int COLUMN = 20;

  /** Storing to a local variable. */
  static final int STORE_LOCAL = 4;

  /** Declaring and storing a local, or storing to an array element or field. */
  static final int STORE = 5;

  /** Storing to an array element of a field. */
  static final int STORE_ELEMENT = 10;

  /** {@code acc += value} or {@code acc = 0.0 + value} on a local or field. */
  static final int ACCUMULATE = 10;

  /** {@code outputs[k] = value}. */
  static final int STORE_OUTPUT = 8;

  /** {@code g[i] = g[i] / count} over a run of elements. */
  static final int UPDATE_DIVIDE = 24;

  /** {@code g[i] = 0.0} over a run of elements. */
  static final int UPDATE_ZERO = 16;

  /** {@code acc = 0.0} with its declaration. */
  static final int ZERO_ACC = 8;

  /** {@code target += value}: load, add, store of an array element. */
  static final int ADD_ELEMENT = 14;

  /** {@code Arrays.fill(array, 0.0)}. */
  static final int FILL = 12;

  /** {@code Arrays.fill(array, from, to, 0.0)}. */
  static final int FILL_RANGE = 16;

  /** {@code System.arraycopy(...)} or a copy of one element between arrays. */
  static final int COPY = 20;

  /** Moving a history block back ({@code System.arraycopy} within {@code state}) or one element. */
  static final int SHIFT = 24;

  /** A call over a whole array ({@code Activations.tanh(g, 0, n, scratch)}). */
  static final int ARRAY_CALL = 24;

  /** The fixed part of a neuron's statements, used to decide how to hold its running sum. */
  static final int NEURON = 60;

  /** One inlined product of a neuron, for the same decision. */
  static final int NEURON_PRODUCT = 30;

  /** One dot call of a neuron, for the same decision. */
  static final int NEURON_DOT = 45;
}
