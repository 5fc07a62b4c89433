package dev.rnnc.compiler.check;

import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Aggregation;
import dev.rnnc.compiler.ir.Cell;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The keys of the spec language, each declared once: its name, the kind of value it takes, the
 * names it may be (for keys that take one of a fixed set), its bounds and a description. The
 * checker takes its key lists and choices from here; {@link dev.rnnc.compiler.doc.SpecSchema}
 * renders {@code specs/rnnc.schema.json} from the same definitions, so a key added here reaches the
 * schema (and editors) by itself.
 *
 * <p>Key order is the order messages list keys in ("did you mean" hints), and the order of the
 * schema's properties.
 */
public final class SpecKeys {

  private SpecKeys() {}

  /** The kind of value a key takes; the schema renders each kind. */
  public enum Kind {
    /** The language version: the integer {@link SpecChecker#LANGUAGE_VERSION}. */
    VERSION,
    /** The generated class name: {@link #CLASS_NAME_PATTERN}, at most {@link #MAX_NAME_LENGTH}. */
    CLASS_NAME,
    /** A Java package: {@link #PACKAGE_PATTERN}, at most {@link #MAX_PACKAGE_LENGTH}. */
    PACKAGE,
    /** One of the key's {@link Key#choices()}. */
    CHOICE,
    /** A finite number, within the key's bounds. */
    NUMBER,
    /** An integer, within the key's bounds. */
    INTEGER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** Any string (a regular expression, for {@code pattern}). */
    TEXT,
    /** A file name relative to the spec's folder: a string that is not blank. */
    FILE_NAME,
    /** A mapping of input names to {@link #VECTOR_INPUT} or {@link #TOKENS_INPUT} inputs. */
    INPUTS,
    /** A mapping of neuron names to {@link #NEURON}s (or nothing, for all defaults). */
    NEURONS,
    /** A mapping of group names to {@link #GROUP}s. */
    GROUPS,
    /** A list of edges: {@link #EDGE} mappings or shorthand {@code "a -> b": weight} entries. */
    EDGES,
    /** A neuron, group, element or input feature, by name: {@code h}, {@code h[3]}, … */
    REFERENCE,
    /** A list of {@link #REFERENCE}s, each at most once. */
    REFERENCES,
    /**
     * A weight matrix: nested lists, a flat list, {@link #WEIGHT_FILE} or {@link #INIT}; or {@link
     * #DIAGONAL} weights.
     */
    MATRIX,
    /** Per-element values of a group: a number, a list of numbers or {@link #WEIGHT_FILE}. */
    VALUES,
    /** {@code auto}, or a number of steps within the key's bounds. */
    DELAY,
    /** A {@link #WINDOW} mapping. */
    WINDOW,
    /** A list of terms (strings; plain numbers count as terms), or {@link #VOCABULARY_FILE}. */
    VOCABULARY,
    /** A list of n-gram lengths, each at least 1 and at most once. */
    NGRAMS
  }

  /**
   * One key of a mapping.
   *
   * @param choices the values a {@link Kind#CHOICE} key may take, in the order messages list them
   * @param min the smallest value a number, integer or delay may take (for a list: its fewest
   *     items), or null
   * @param minExclusive whether {@code min} itself is excluded
   * @param max the largest value (with the language's default {@link Limits}), or null
   * @param nullable whether an explicit null ({@code key:} with nothing after it) counts as absent
   * @param requires keys of the same mapping that this key needs beside it
   * @param excludes keys of the same mapping that may not stand beside this one
   */
  public record Key(
      String name,
      Kind kind,
      String description,
      boolean required,
      boolean nullable,
      List<String> choices,
      Number min,
      boolean minExclusive,
      Number max,
      List<String> requires,
      List<String> excludes) {

    public Key {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(description, "description");
      choices = List.copyOf(choices);
      requires = List.copyOf(requires);
      excludes = List.copyOf(excludes);
      if ((kind == Kind.CHOICE) == choices.isEmpty()) {
        throw new IllegalArgumentException(name + ": choices go with kind CHOICE");
      }
    }

    private static Key of(String name, Kind kind, String description) {
      return new Key(
          name,
          kind,
          description,
          false,
          false,
          List.of(),
          null,
          false,
          null,
          List.of(),
          List.of());
    }

    private Key with(boolean required, boolean nullable, Number min, boolean minExclusive) {
      return new Key(
          name,
          kind,
          description,
          required,
          nullable,
          choices,
          min,
          minExclusive,
          max,
          requires,
          excludes);
    }

    private Key asRequired() {
      return with(true, nullable, min, minExclusive);
    }

    private Key allowingNull() {
      return with(required, true, min, minExclusive);
    }

    private Key atLeast(Number bound) {
      return with(required, nullable, bound, false);
    }

    private Key above(Number bound) {
      return with(required, nullable, bound, true);
    }

    private Key atMost(Number bound) {
      return new Key(
          name,
          kind,
          description,
          required,
          nullable,
          choices,
          min,
          minExclusive,
          bound,
          requires,
          excludes);
    }

    private Key requiring(String... keys) {
      return new Key(
          name,
          kind,
          description,
          required,
          nullable,
          choices,
          min,
          minExclusive,
          max,
          List.of(keys),
          excludes);
    }

    private Key excluding(String... keys) {
      return new Key(
          name,
          kind,
          description,
          required,
          nullable,
          choices,
          min,
          minExclusive,
          max,
          requires,
          List.of(keys));
    }
  }

  /**
   * The keys of one kind of mapping.
   *
   * @param id a stable identifier (the schema's definition name)
   * @param variant the value of the {@code type} key that selects this kind of mapping among others
   *     that share a place (vector and tokens inputs), or null
   * @param description what the mapping is, for the schema
   * @param exactlyOne keys of which a mapping gives exactly one (none when empty)
   */
  public record Section(
      String id, String variant, String description, List<Key> keys, List<String> exactlyOne) {

    public Section {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(description, "description");
      keys = List.copyOf(keys);
      exactlyOne = List.copyOf(exactlyOne);
      if (keys.stream().map(Key::name).distinct().count() != keys.size()) {
        throw new IllegalArgumentException(id + ": a key is declared twice");
      }
      if (!keys.stream().map(Key::name).toList().containsAll(exactlyOne)) {
        throw new IllegalArgumentException(id + ": exactlyOne names an undeclared key");
      }
    }

    private Section(String id, String description, List<Key> keys) {
      this(id, null, description, keys, List.of());
    }

    private Section(String id, String variant, String description, List<Key> keys) {
      this(id, variant, description, keys, List.of());
    }

    /** The key names, in declaration order. */
    public List<String> names() {
      return keys.stream().map(Key::name).toList();
    }

    /** The key called {@code name}. */
    public Key key(String name) {
      return keys.stream()
          .filter(k -> k.name().equals(name))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException(id + " has no key " + name));
    }

    /** The choices of the {@link Kind#CHOICE} key called {@code name}. */
    public List<String> choices(String name) {
      return key(name).choices();
    }
  }

  /** Names of inputs, neurons and groups (a Java regular expression that JSON Schema reads too). */
  public static final String NAME_PATTERN = Names.NAME.pattern();

  /** The generated class name. */
  public static final String CLASS_NAME_PATTERN = Names.CLASS_NAME.pattern();

  /** A Java package: dotted identifiers (reserved words are rejected by the checker only). */
  public static final String PACKAGE_PATTERN =
      Names.PACKAGE_SEGMENT.pattern() + "(\\." + Names.PACKAGE_SEGMENT.pattern() + ")*";

  /** Longest name of a neuron, group, input or class. */
  public static final int MAX_NAME_LENGTH = Names.MAX_NAME_LENGTH;

  /** Longest package name. */
  public static final int MAX_PACKAGE_LENGTH = Names.MAX_PACKAGE_LENGTH;

  private static final Limits LIMITS = Limits.DEFAULT;

  private static List<String> activations() {
    return Arrays.stream(Activation.values()).map(Activation::specName).toList();
  }

  private static List<String> aggregations() {
    return Arrays.stream(Aggregation.values()).map(Aggregation::specName).toList();
  }

  private static Key choice(String name, List<String> choices, String description) {
    return new Key(
        name,
        Kind.CHOICE,
        description,
        false,
        false,
        choices,
        null,
        false,
        null,
        List.of(),
        List.of());
  }

  private static List<String> cells() {
    return Arrays.stream(Cell.values()).filter(c -> c != Cell.NONE).map(Cell::specName).toList();
  }

  /** The top level of a spec. */
  public static final Section SPEC =
      new Section(
          "spec",
          "An rnnc spec: a recurrent neural network that rnnc compiles into a Java evaluator class.",
          List.of(
              Key.of(
                      "rnnc",
                      Kind.VERSION,
                      "The language version of the spec: " + SpecChecker.LANGUAGE_VERSION + ".")
                  .asRequired(),
              Key.of(
                      "name",
                      Kind.CLASS_NAME,
                      "The name of the generated class: UpperCamelCase, a capital letter and then"
                          + " letters and digits.")
                  .asRequired(),
              Key.of(
                      "package",
                      Kind.PACKAGE,
                      "The Java package of the generated class, e.g. com.acme.models (default: the"
                          + " unnamed package, or the one given to rnnc compile).")
                  .allowingNull(),
              choice(
                  "precision",
                  List.of("double", "float"),
                  "The number type every value is stored and computed in: double (default) or"
                      + " float."),
              choice(
                  "math",
                  List.of("exact", "fast"),
                  "exact (default): generated code computes the same bits as the reference"
                      + " interpreter. fast: tanh and sigmoid use a vectorizable approximation"
                      + " with a stated error bound."),
              Key.of(
                      "inputs",
                      Kind.INPUTS,
                      "The model's inputs, by name: vector inputs (numbers) and tokens inputs"
                          + " (text). A model without inputs runs on its own.")
                  .allowingNull(),
              Key.of(
                      "neurons",
                      Kind.NEURONS,
                      "Scalar nodes, by name. Names are letters, digits and '_', unique across"
                          + " inputs, neurons and groups.")
                  .allowingNull(),
              Key.of(
                      "groups",
                      Kind.GROUPS,
                      "Vector nodes, by name: groups of neurons that share an activation. h[3]"
                          + " names element 3 of group h.")
                  .allowingNull(),
              Key.of(
                      "edges",
                      Kind.EDGES,
                      "Weighted connections: {from: a, to: b, weight: 0.5} or the shorthand"
                          + " \"a -> b\": 0.5. Edges may form cycles; an edge that points backward"
                          + " in the evaluation order reads the previous step.")
                  .allowingNull(),
              Key.of(
                      "outputs",
                      Kind.REFERENCES,
                      "What the model outputs, in column order: neurons, groups (one column per"
                          + " element) and group elements such as h[0].")
                  .asRequired()
                  .atLeast(1),
              Key.of(
                      "order",
                      Kind.REFERENCES,
                      "The evaluation order, listing every neuron and group exactly once (default:"
                          + " the order with the fewest backward edges, ties in file order).")
                  .allowingNull()));

  /** A window over an input's elements. */
  public static final Section WINDOW =
      new Section(
          "window",
          "A moving window: each step summarizes the last size elements of the input stream."
              + " Every windowed input of a model declares the same window.",
          List.of(
              Key.of(
                      "size",
                      Kind.INTEGER,
                      "How many elements one step summarizes (the window's length).")
                  .asRequired()
                  .atLeast(1)
                  .atMost(LIMITS.maxWindow()),
              Key.of(
                      "stride",
                      Kind.INTEGER,
                      "How many elements the window moves between steps (default 1).")
                  .atLeast(1)
                  .atMost(LIMITS.maxWindow()),
              Key.of(
                  "partial",
                  Kind.BOOLEAN,
                  "Whether steps start before the window is full (default false): with true, the"
                      + " first step ends at the first element.")));

  /** A vector input. */
  public static final Section VECTOR_INPUT =
      new Section(
          "vectorInput",
          "vector",
          "A vector input: size numbers per element, features named x[0], x[1], ... Run data is"
              + " CSV, one element per line.",
          List.of(
              choice(
                      "type",
                      List.of("vector", "tokens"),
                      "vector: numbers, one CSV row per element; tokens: words of a text.")
                  .asRequired(),
              Key.of("size", Kind.INTEGER, "The number of features (numbers per element).")
                  .asRequired()
                  .atLeast(1)
                  .atMost(LIMITS.maxSize()),
              choice(
                  "reduce",
                  List.of("sum", "mean", "max"),
                  "How a window of elements becomes one feature vector, elementwise: sum, mean"
                      + " (default) or max."),
              Key.of("window", Kind.WINDOW, "A moving window over the elements.")));

  /** A tokens input. */
  public static final Section TOKENS_INPUT =
      new Section(
          "tokensInput",
          "tokens",
          "A tokens input: one feature per vocabulary term, named words[good], words[not good],"
              + " ... Run data is text.",
          List.of(
              choice(
                      "type",
                      List.of("vector", "tokens"),
                      "vector: numbers, one CSV row per element; tokens: words of a text.")
                  .asRequired(),
              Key.of("window", Kind.WINDOW, "A moving window over the tokens."),
              choice(
                  "features",
                  List.of("presence", "counts"),
                  "What a term's feature is in a step: presence (1 or 0, default) or counts."),
              Key.of(
                      "vocabulary",
                      Kind.VOCABULARY,
                      "The terms, in feature order: a list such as [good, bad, \"not good\"], or"
                          + " {file: vocab.txt} (one term per line). An n-gram term is words"
                          + " joined by single spaces.")
                  .asRequired(),
              Key.of(
                  "ngrams",
                  Kind.NGRAMS,
                  "The n-gram lengths counted inside a window (default [1]): [1, 2] counts single"
                      + " words and pairs."),
              Key.of(
                  "lowercase",
                  Kind.BOOLEAN,
                  "Whether tokens and terms are lowercased before matching (default true)."),
              Key.of(
                  "pattern",
                  Kind.TEXT,
                  "What a token is when raw text is given: a Java regular expression (default"
                      + " [\\p{L}\\p{N}']+).")));

  /** A vocabulary read from a file. */
  public static final Section VOCABULARY_FILE =
      new Section(
          "vocabularyFile",
          "A vocabulary read from a file.",
          List.of(
              Key.of(
                      "file",
                      Kind.FILE_NAME,
                      "A UTF-8 text file, one term per line, relative to the spec's folder.")
                  .asRequired()));

  /** What neurons and groups share, in the checker's order. */
  private static List<Key> nodeKeys(boolean group) {
    String values =
        group ? " A number for every element, a list of size numbers, or {file: x.npy}." : "";
    return List.of(
        choice(
            "activation",
            activations(),
            "The activation function, applied "
                + (group ? "elementwise" : "to bias + gain * aggregation")
                + " (default identity)."),
        Key.of(
            "alpha",
            Kind.NUMBER,
            "The parameter of leaky_relu (default 0.01) and elu (default 1.0); only for those."),
        Key.of(
            "bias",
            group ? Kind.VALUES : Kind.NUMBER,
            "Added before the activation (default 0); learned by rnnc train." + values),
        Key.of("gain", Kind.NUMBER, "Multiplies the aggregated input (default 1)."),
        choice(
            "aggregation",
            aggregations(),
            "How the terms of the incoming edges combine (default sum)."),
        Key.of(
            "initial",
            group ? Kind.VALUES : Kind.NUMBER,
            "The value before the first step, which backward and delayed edges read (default 0)."
                + values),
        Key.of("trainable", Kind.BOOLEAN, "Whether rnnc train may change the bias (default true)."),
        Key.of(
                "leak",
                Kind.NUMBER,
                "A leak rate a in (0, 1]: y(t) = (1 - a) * y(t-1) + a * activation(...), as"
                    + " ReservoirPy's leak rate (default 1, no leak).")
            .above(0)
            .atMost(1));
  }

  /** What only groups have: cells and their recurrent bias. */
  private static List<Key> cellKeys() {
    return List.of(
        choice(
                "cell",
                cells(),
                "An LSTM or GRU cell of size units, as PyTorch's nn.LSTM and nn.GRU: every edge"
                    + " into it carries gate rows [gates * size, size(from)] in PyTorch's gate"
                    + " order, and its edge from itself is the recurrent one.")
            .excluding("activation", "alpha", "gain", "aggregation", "leak"),
        Key.of(
                "recurrent_bias",
                Kind.VALUES,
                "A cell's second bias (PyTorch's bias_hh), gates * size values; its bias is"
                    + " bias_ih.")
            .requiring("cell"));
  }

  /** A neuron. */
  public static final Section NEURON =
      new Section(
          "neuron",
          "A neuron: y = activation(bias + gain * aggregation(terms of the incoming edges)).",
          nodeKeys(false));

  /** A group. */
  public static final Section GROUP =
      new Section(
          "group",
          "A group of size neurons sharing one activation; edges between groups carry matrices of"
              + " shape [size(to), size(from)].",
          concat(
              Key.of("size", Kind.INTEGER, "The number of elements.")
                  .asRequired()
                  .atLeast(1)
                  .atMost(LIMITS.maxSize()),
              nodeKeys(true),
              cellKeys()));

  /** An edge in long form. */
  public static final Section EDGE =
      new Section(
          "edge",
          null,
          "An edge: its source's value, times its weight, is a term of its target's aggregation.",
          List.of(
              Key.of(
                      "from",
                      Kind.REFERENCE,
                      "The source: a neuron, group, element h[3], whole input x, or input feature"
                          + " x[0] / words[good] (quote names with brackets inside { }).")
                  .asRequired(),
              Key.of("to", Kind.REFERENCE, "The target: a neuron, group or element h[3].")
                  .asRequired(),
              Key.of(
                  "weight",
                  Kind.NUMBER,
                  "A single weight, for edges whose two ends both have size 1. Give weight or"
                      + " weights, not both."),
              Key.of(
                  "weights",
                  Kind.MATRIX,
                  "A matrix of shape [size(to), size(from)] (rows are targets, as PyTorch stores"
                      + " weights): nested lists, {file: w.npy}, {file: w.csv}, {file:"
                      + " m.safetensors, tensor: NAME} or {init: normal}; or {diagonal: X} for an"
                      + " elementwise edge."),
              Key.of(
                      "delay",
                      Kind.DELAY,
                      "auto (default for node sources): 0 if the source comes before the target"
                          + " in the order, else 1. Or a number of steps: the edge reads the"
                          + " source that many steps back. Edges from inputs default to 0.")
                  .atLeast(0)
                  .atMost(LIMITS.maxDelay()),
              Key.of(
                  "trainable",
                  Kind.BOOLEAN,
                  "Whether rnnc train may change the weights (default true).")),
          List.of("weight", "weights"));

  /** Weights, a bias or initial values read from a file. */
  public static final Section WEIGHT_FILE =
      new Section(
          "weightFile",
          "Values read from a file.",
          List.of(
              Key.of(
                      "file",
                      Kind.FILE_NAME,
                      "A NumPy .npy file (float64 or float32), a CSV file of numbers, or a"
                          + " .safetensors file (with tensor:), relative to the spec's folder.")
                  .asRequired(),
              Key.of(
                  "tensor",
                  Kind.TEXT,
                  "The name of the tensor to read from a .safetensors file (F64, F32, F16 or"
                      + " BF16).")));

  /** An elementwise edge. */
  public static final Section DIAGONAL =
      new Section(
          "diagonal",
          "An elementwise edge between two ends of the same size n: element i of the target gets"
              + " X[i] * y[i].",
          List.of(
              Key.of(
                      "diagonal",
                      Kind.VALUES,
                      "X: a number (for every element), a list of n numbers, or {file: x.npy}.")
                  .asRequired()));

  /** Random weights. */
  public static final Section INIT =
      new Section(
          "init",
          "Random weights, the same on every machine (drawn from java.util.Random(seed)).",
          List.of(
              choice(
                      "init",
                      List.of("normal", "uniform"),
                      "The distribution: normal (scale * a standard normal) or uniform (in"
                          + " [-scale, scale]).")
                  .asRequired(),
              Key.of("scale", Kind.NUMBER, "The distribution's scale (default 0.1).").atLeast(0),
              Key.of("seed", Kind.INTEGER, "The random seed (default 0).")
                  .atLeast(Long.MIN_VALUE)
                  .atMost(Long.MAX_VALUE),
              Key.of(
                      "density",
                      Kind.NUMBER,
                      "The fraction of weights that are not zero (default 1), for sparse"
                          + " reservoirs.")
                  .above(0)
                  .atMost(1),
              Key.of(
                      "spectral_radius",
                      Kind.NUMBER,
                      "Scales the (square) matrix so that its largest eigenvalue magnitude is this"
                          + " value.")
                  .above(0)));

  /** Every section, in the order the schema defines them. */
  public static final List<Section> SECTIONS =
      List.of(
          SPEC,
          VECTOR_INPUT,
          TOKENS_INPUT,
          WINDOW,
          VOCABULARY_FILE,
          NEURON,
          GROUP,
          EDGE,
          WEIGHT_FILE,
          INIT,
          DIAGONAL);

  private static List<Key> concat(Key first, List<Key> more, List<Key> rest) {
    List<Key> all = new ArrayList<>();
    all.add(first);
    all.addAll(more);
    all.addAll(rest);
    return List.copyOf(all);
  }
}
