package dev.rnnc.runtime;

import dev.rnnc.runtime.internal.Featurizer;
import dev.rnnc.runtime.internal.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Drives an {@link Evaluator} over one stream of raw elements: featurizes them through the model's
 * window ({@link Featurizer}) and steps the evaluator each time a step ends.
 *
 * <p>There is one way to feed each kind of input, element by element or a whole sequence at a time:
 *
 * <ul>
 *   <li>a model whose one input is a vector input: {@link #pushVector} or {@link #runVectors};
 *   <li>a model whose one input is a tokens input: {@link #pushToken}, or {@link #runText} (text,
 *       split by the input's tokenizer) or {@link #runTokens} (tokens already split);
 *   <li>a model with several inputs: {@link #push} (one element per input) or {@link #run} (one
 *       sequence per input).
 * </ul>
 *
 * <p>The {@code push} methods return the step's outputs when a step ends at that element. The
 * {@code run} methods return a {@link Step} for every step that ends in the sequence, which says
 * which element ended it (a window of stride 3 ends a step at every third element). Both continue
 * the stream from where it is, so a sequence fed in pieces gives the same outputs as fed at once;
 * {@link #reset()} starts a new stream. Output rows have the columns of {@link
 * ModelInfo#outputNames()}.
 *
 * <p>{@link #save()} checkpoints the stream, between steps or in the middle of a window, and {@link
 * #restore} resumes it with results bit for bit equal to an uninterrupted run.
 *
 * <p>Not thread-safe: a session owns the state of one stream, and so does its evaluator. Use one
 * session (with its own evaluator) per stream.
 */
public final class Session {

  /**
   * A step that ended while a sequence was fed.
   *
   * @param index the step's index in the stream, counting from 0 (the {@code step} column of {@code
   *     rnnc run})
   * @param element the index in the stream of the element that ended it, counting from 0
   * @param outputs the step's outputs, columns as {@link ModelInfo#outputNames()}; a new array the
   *     caller owns
   */
  public record Step(long index, long element, double[] outputs) {

    public Step {
      Objects.requireNonNull(outputs, "outputs");
    }
  }

  private final Evaluator evaluator;
  private final ModelInfo info;
  private final Featurizer featurizer;
  private final Tokenizer tokenizer;
  private final double[] features;

  /** The model's identity in saved states, computed once: it takes a SHA-256. */
  private final long fingerprint;

  private long steps;

  /**
   * A session at the start of a stream over {@code evaluator}, which is used in whatever state it
   * is (a new evaluator is in the initial state) and from now on belongs to this session.
   */
  public Session(Evaluator evaluator) {
    this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    this.info = Objects.requireNonNull(evaluator.info(), "evaluator.info()");
    this.featurizer = new Featurizer(info);
    this.features = new double[featurizer.featureCount()];
    this.tokenizer =
        info.inputs().size() == 1 && info.inputs().get(0) instanceof TokenInput t
            ? Tokenizer.of(t)
            : null;
    this.fingerprint = SessionState.fingerprint(info);
  }

  /** The evaluator this session steps. */
  public Evaluator evaluator() {
    return evaluator;
  }

  /** The model's inputs, window and outputs. */
  public ModelInfo info() {
    return info;
  }

  /** Number of steps completed since the start of the stream. */
  public long steps() {
    return steps;
  }

  /** Number of elements pushed since the start of the stream. */
  public long elements() {
    return featurizer.elements();
  }

  /**
   * Pushes one element per input: a {@code double[]} for a vector input, a {@code String} token for
   * a tokens input, in input declaration order.
   *
   * @return the step's outputs (a new array the caller owns) if a step ended here, else null
   * @throws IllegalArgumentException if the number, type or size of the elements does not fit the
   *     inputs; nothing is pushed then
   */
  public double[] push(Object... elements) {
    double[] outputs = new double[info.outputCount()];
    return push(elements, outputs) ? outputs : null;
  }

  /**
   * Pushes one element per input, writing outputs into the caller's array; allocates nothing for
   * vector inputs.
   *
   * @param elements as in {@link #push(Object...)}; the array may be reused by the caller
   * @param outputs receives the step's outputs if a step ends here (length {@link
   *     ModelInfo#outputCount()}); untouched otherwise
   * @return whether a step ended here
   * @throws IllegalArgumentException if the elements do not fit the inputs or {@code outputs} has
   *     the wrong length; nothing is pushed then
   */
  public boolean push(Object[] elements, double[] outputs) {
    checkOutputs(outputs);
    return featurizer.push(elements, features) && step(outputs);
  }

  /**
   * Pushes one token of a model whose only input is a tokens input.
   *
   * @return the step's outputs (a new array the caller owns) if a step ended here, else null
   * @throws IllegalArgumentException if the model does not have exactly one input, a tokens input,
   *     or the token is null
   */
  public double[] pushToken(String token) {
    double[] outputs = new double[info.outputCount()];
    return pushToken(token, outputs) ? outputs : null;
  }

  /**
   * Pushes one token of a model whose only input is a tokens input, writing outputs into the
   * caller's array.
   *
   * @param outputs as in {@link #push(Object[], double[])}
   * @return whether a step ended here
   */
  public boolean pushToken(String token, double[] outputs) {
    checkOutputs(outputs);
    return featurizer.pushToken(token, features) && step(outputs);
  }

  /**
   * Pushes one vector of a model whose only input is a vector input.
   *
   * @param element the vector. Not modified and not kept.
   * @return the step's outputs (a new array the caller owns) if a step ended here, else null
   * @throws IllegalArgumentException if the model does not have exactly one input, a vector input,
   *     or the vector has the wrong length
   */
  public double[] pushVector(double[] element) {
    double[] outputs = new double[info.outputCount()];
    return pushVector(element, outputs) ? outputs : null;
  }

  /**
   * Pushes one vector of a model whose only input is a vector input, writing outputs into the
   * caller's array; allocates nothing.
   *
   * @param element the vector. Not modified and not kept.
   * @param outputs as in {@link #push(Object[], double[])}
   * @return whether a step ended here
   */
  public boolean pushVector(double[] element, double[] outputs) {
    checkOutputs(outputs);
    return featurizer.pushVector(element, features) && step(outputs);
  }

  /**
   * Pushes a sequence given as one list of elements per input (in input declaration order), all of
   * the same length: element {@code i} of the stream is element {@code i} of every list.
   *
   * @param perInput for a vector input a list of {@code double[]}, for a tokens input a list of
   *     {@code String} tokens. Not modified.
   * @return every step that ended in the sequence, in order
   * @throws IllegalArgumentException if the number of lists, their lengths or an element does not
   *     fit the inputs; nothing is pushed then
   */
  public List<Step> run(List<? extends List<?>> perInput) {
    Objects.requireNonNull(perInput, "perInput");
    List<InputDef> inputs = info.inputs();
    if (perInput.size() != inputs.size()) {
      throw new IllegalArgumentException(
          "expected "
              + inputs.size()
              + (inputs.size() == 1 ? " sequence" : " sequences")
              + ", one per input ("
              + featurizer.describeInputs()
              + "), got "
              + perInput.size());
    }
    Object[][] columns = new Object[inputs.size()][];
    for (int k = 0; k < columns.length; k++) {
      columns[k] = Objects.requireNonNull(perInput.get(k), "sequence").toArray();
    }
    int length = columns.length == 0 ? 0 : columns[0].length;
    for (int k = 1; k < columns.length; k++) {
      if (columns[k].length != length) {
        throw new IllegalArgumentException(
            "all inputs need the same number of elements, got " + describeLengths(columns));
      }
    }
    for (int i = 0; i < length; i++) {
      for (int k = 0; k < columns.length; k++) {
        checkElement(k, columns[k][i], i);
      }
    }
    List<Step> ended = new ArrayList<>();
    Object[] row = new Object[columns.length];
    for (int i = 0; i < length; i++) {
      for (int k = 0; k < columns.length; k++) {
        row[k] = columns[k][i];
      }
      double[] out = new double[info.outputCount()];
      if (featurizer.push(row, features) && step(out)) {
        ended.add(new Step(steps - 1, featurizer.elements() - 1, out));
      }
    }
    return Collections.unmodifiableList(ended);
  }

  /**
   * Pushes a sequence of tokens into a model whose only input is a tokens input.
   *
   * @param tokens the tokens, lowercased here if the input says so. Not modified.
   * @return every step that ended in the sequence, as in {@link #run(List)}
   */
  public List<Step> runTokens(List<String> tokens) {
    Objects.requireNonNull(tokens, "tokens");
    requireSingle(TokenInput.class, "runTokens");
    return run(List.of(tokens));
  }

  /**
   * Tokenizes {@code text} with the input's {@link Tokenizer} and pushes the tokens into a model
   * whose only input is a tokens input.
   *
   * @return the outputs of every step that ended in the text, as in {@link #run(List)}
   */
  public List<Step> runText(CharSequence text) {
    Objects.requireNonNull(text, "text");
    requireSingle(TokenInput.class, "runText");
    return run(List.of(tokenizer.tokens(text)));
  }

  /**
   * The tokens {@link #runText} would push for {@code text}, for a model whose only input is a
   * tokens input: to show, for example, which words the window of each {@link Step} holds.
   */
  public List<String> tokens(CharSequence text) {
    Objects.requireNonNull(text, "text");
    requireSingle(TokenInput.class, "tokens");
    return tokenizer.tokens(text);
  }

  /**
   * Pushes a sequence of vectors (one row per element) into a model whose only input is a vector
   * input.
   *
   * @param rows the vectors, each of the input's size. Not modified and not kept.
   * @return every step that ended in the sequence, as in {@link #run(List)}
   */
  public List<Step> runVectors(double[][] rows) {
    Objects.requireNonNull(rows, "rows");
    requireSingle(VectorInput.class, "runVectors");
    return run(List.of(Arrays.asList(rows)));
  }

  /** Starts a new stream: the evaluator back in its initial state, no element seen, no step. */
  public void reset() {
    evaluator.reset();
    featurizer.reset();
    steps = 0;
  }

  /** A checkpoint of the stream; see {@link #restore}. */
  public SessionState save() {
    return new SessionState(
        info.name(), fingerprint, evaluator.saveState(), featurizer.save(), steps);
  }

  /**
   * Continues the stream from {@code state}, saved by a session of the same model (or read with
   * {@link SessionState#fromBytes} for it). Later outputs are bit for bit those of the stream that
   * was saved.
   *
   * @throws IllegalArgumentException if the state does not fit this model; the session is unchanged
   *     then
   */
  public void restore(SessionState state) {
    Objects.requireNonNull(state, "state");
    SessionState.check(state, info, fingerprint);
    featurizer.restore(state.window()); // checks the snapshot before it changes anything
    evaluator.loadState(state.evaluatorState());
    steps = state.steps();
  }

  /**
   * Continues the stream from a checkpoint in byte form ({@link SessionState#toBytes()}): the same
   * as {@code restore(SessionState.fromBytes(checkpoint, info()))}, with the model's identity
   * computed once per session instead of once per call, for streams that are restored element by
   * element (one checkpoint per key in a streaming engine's state).
   *
   * @throws IllegalArgumentException as {@link SessionState#fromBytes} and {@link
   *     #restore(SessionState)} do; the session is unchanged then
   */
  public void restore(byte[] checkpoint) {
    Objects.requireNonNull(checkpoint, "checkpoint");
    restore(SessionState.read(checkpoint, info, fingerprint));
  }

  private boolean step(double[] outputs) {
    evaluator.step(features, outputs);
    steps++;
    return true;
  }

  private void checkOutputs(double[] outputs) {
    Objects.requireNonNull(outputs, "outputs");
    if (outputs.length != info.outputCount()) {
      throw new IllegalArgumentException(
          "outputs array has length " + outputs.length + ", expected " + info.outputCount());
    }
  }

  private void checkElement(int input, Object element, int index) {
    String problem = featurizer.problem(input, element);
    if (problem != null) {
      throw new IllegalArgumentException("element " + index + ": " + problem);
    }
  }

  private void requireSingle(Class<? extends InputDef> kind, String method) {
    List<InputDef> inputs = info.inputs();
    if (inputs.size() != 1 || !kind.isInstance(inputs.get(0))) {
      throw new IllegalArgumentException(
          method
              + " needs exactly one input, a "
              + (kind == TokenInput.class ? "tokens" : "vector")
              + " input; inputs are: "
              + featurizer.describeInputs());
    }
  }

  /** {@code x: 5, words: 4} for messages. */
  private String describeLengths(Object[][] columns) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < columns.length; k++) {
      if (k > 0) {
        sb.append(", ");
      }
      sb.append(info.inputs().get(k).name()).append(": ").append(columns[k].length);
    }
    return sb.toString();
  }
}
