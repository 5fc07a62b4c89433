package dev.rnnc.flink;

import dev.rnnc.runtime.InputDef;
import dev.rnnc.runtime.ModelInfo;
import dev.rnnc.runtime.Session;
import dev.rnnc.runtime.TokenInput;
import dev.rnnc.runtime.VectorInput;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.apache.flink.util.function.SerializableFunction;

/**
 * How a record of a keyed stream becomes elements of its key's stream: the user's function takes
 * the element out of the record, then the session gets it the way the model's inputs need.
 *
 * @param <T> the record type
 * @param <E> what the user's function returns: a vector, a token, a text or one element per input
 */
abstract sealed class Feed<T, E> implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Receives the steps that end while an element is pushed. */
  @FunctionalInterface
  interface Steps {
    void ended(long index, long element, double[] outputs);
  }

  private final SerializableFunction<T, E> extract;

  Feed(SerializableFunction<T, E> extract) {
    this.extract = Objects.requireNonNull(extract, "extract");
  }

  /** The element(s) of {@code record}: the user's function, whose exceptions pass through. */
  final E extract(T record) {
    return extract.apply(record);
  }

  /** The builder method that made this feed, for messages: {@code vectors(...)}. */
  abstract String method();

  /** What keeps this feed from driving {@code info}'s model, or null if nothing does. */
  abstract String problem(ModelInfo info);

  /**
   * Pushes {@code element} into {@code session}, reporting every step that ends.
   *
   * @throws IllegalArgumentException if the element does not fit the model's inputs; nothing is
   *     pushed then
   */
  abstract void push(Session session, E element, Steps steps);

  /** {@code problem} for feeds that need exactly one input of {@code kind}. */
  static String needsOne(ModelInfo info, Class<? extends InputDef> kind, String method) {
    List<InputDef> inputs = info.inputs();
    if (inputs.size() == 1 && kind.isInstance(inputs.get(0))) {
      return null;
    }
    return method
        + " needs a model with exactly one input, a "
        + (kind == VectorInput.class ? "vector" : "tokens")
        + " input; "
        + info.name()
        + " has "
        + describe(inputs);
  }

  static String describe(List<InputDef> inputs) {
    if (inputs.isEmpty()) {
      return "no inputs";
    }
    StringBuilder sb = new StringBuilder(inputs.size() == 1 ? "input " : "inputs ");
    for (int k = 0; k < inputs.size(); k++) {
      InputDef in = inputs.get(k);
      sb.append(k == 0 ? "" : ", ")
          .append(in.name())
          .append(in instanceof VectorInput v ? " (vector of " + v.size() + ")" : " (tokens)");
    }
    return sb.toString();
  }

  /** One vector per record, for a model whose one input is a vector input. */
  static final class Vectors<T> extends Feed<T, double[]> {

    private static final long serialVersionUID = 1L;

    Vectors(SerializableFunction<T, double[]> extract) {
      super(extract);
    }

    @Override
    String method() {
      return "vectors(...)";
    }

    @Override
    String problem(ModelInfo info) {
      return needsOne(info, VectorInput.class, method());
    }

    @Override
    void push(Session session, double[] vector, Steps steps) {
      double[] outputs = new double[session.info().outputCount()];
      if (session.pushVector(vector, outputs)) {
        steps.ended(session.steps() - 1, session.elements() - 1, outputs);
      }
    }
  }

  /** One token per record, for a model whose one input is a tokens input. */
  static final class Tokens<T> extends Feed<T, String> {

    private static final long serialVersionUID = 1L;

    Tokens(SerializableFunction<T, String> extract) {
      super(extract);
    }

    @Override
    String method() {
      return "tokens(...)";
    }

    @Override
    String problem(ModelInfo info) {
      return needsOne(info, TokenInput.class, method());
    }

    @Override
    void push(Session session, String token, Steps steps) {
      if (token == null) {
        throw new IllegalArgumentException("the token is null");
      }
      double[] outputs = new double[session.info().outputCount()];
      if (session.pushToken(token, outputs)) {
        steps.ended(session.steps() - 1, session.elements() - 1, outputs);
      }
    }
  }

  /**
   * A text per record, split into tokens by the model's tokens input (its {@code pattern} and
   * {@code lowercase}), each token one element.
   */
  static final class Text<T> extends Feed<T, String> {

    private static final long serialVersionUID = 1L;

    Text(SerializableFunction<T, String> extract) {
      super(extract);
    }

    @Override
    String method() {
      return "text(...)";
    }

    @Override
    String problem(ModelInfo info) {
      return needsOne(info, TokenInput.class, method());
    }

    @Override
    void push(Session session, String text, Steps steps) {
      if (text == null) {
        throw new IllegalArgumentException("the text is null");
      }
      for (Session.Step step : session.runText(text)) {
        steps.ended(step.index(), step.element(), step.outputs());
      }
    }
  }

  /**
   * One element per input per record, in input declaration order: a {@code double[]} for a vector
   * input, a {@code String} token for a tokens input. Any model.
   */
  static final class Elements<T> extends Feed<T, Object[]> {

    private static final long serialVersionUID = 1L;

    Elements(SerializableFunction<T, Object[]> extract) {
      super(extract);
    }

    @Override
    String method() {
      return "elements(...)";
    }

    @Override
    String problem(ModelInfo info) {
      return info.inputs().isEmpty() ? "elements(...) needs a model with inputs" : null;
    }

    @Override
    void push(Session session, Object[] elements, Steps steps) {
      if (elements == null) {
        throw new IllegalArgumentException("the elements are null");
      }
      double[] outputs = new double[session.info().outputCount()];
      if (session.push(elements, outputs)) {
        steps.ended(session.steps() - 1, session.elements() - 1, outputs);
      }
    }
  }
}
