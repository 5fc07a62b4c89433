package dev.rnnc.runtime.internal;

import dev.rnnc.runtime.Evaluator;
import dev.rnnc.runtime.InputDef;
import dev.rnnc.runtime.ModelInfo;
import dev.rnnc.runtime.Reduce;
import dev.rnnc.runtime.TokenFeatures;
import dev.rnnc.runtime.TokenInput;
import dev.rnnc.runtime.VectorInput;
import dev.rnnc.runtime.Window;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a stream of raw elements into the feature vectors of a model's steps, through the model's
 * window.
 *
 * <p>Each {@code push} takes one element per input: a {@code double[]} of the input's size for a
 * vector input, a {@code String} token for a tokens input. When the window says a step ends at that
 * element ({@link Window#endsStepAt}), the step's features are written to the caller's array (every
 * input's features concatenated in declaration order, the layout {@link Evaluator#step} reads) and
 * {@code push} returns true. A step ending at element {@code e} summarizes elements {@code max(0,
 * e-n+1)..e} of a window of size {@code n}:
 *
 * <ul>
 *   <li>a vector input reduces them elementwise, oldest element first: {@code sum} starts from the
 *       oldest element and adds the others in order; {@code mean} is that sum divided by the number
 *       of elements actually in the window (fewer than {@code n} for a partial window at the
 *       start); {@code max} folds {@link Math#max} over them (so NaN wins). A one-element window
 *       therefore passes the element through unchanged.
 *   <li>a tokens input gives, for each vocabulary term in vocabulary order, its count in the window
 *       or its presence (1 or 0). For each distinct length {@code k} in {@code ngrams} the window
 *       contributes the k-grams of consecutive tokens lying wholly inside it, joined by one space;
 *       a k-gram that crosses the window's start is not counted, and k-grams longer than the window
 *       never occur. Tokens and k-grams not in the vocabulary are ignored. When the input says
 *       {@code lowercase}, tokens are lowercased with {@link Locale#ROOT} as they are pushed, and
 *       so are the vocabulary terms, so a vocabulary term {@code Good} matches the token {@code
 *       GOOD}.
 * </ul>
 *
 * <p>A featurizer keeps the last {@code n} elements in a ring buffer. Pushing a vector element
 * copies it (the caller's array is never kept) and allocates nothing; pushing a token looks it up
 * in a hash table and builds the joined string of each longer n-gram that could match a term.
 *
 * <p>Not thread-safe: a featurizer holds the state of one stream.
 */
public final class Featurizer {

  private final List<InputDef> inputs;
  private final Window window;
  private final Channel[] channels;
  private final int[] offsets;
  private final int featureCount;
  private final int vectorWidth;
  private final int tokenInputCount;
  private long elements;

  /** A featurizer for the inputs and window of {@code info}. */
  public Featurizer(ModelInfo info) {
    this(info.inputs(), info.window());
  }

  /**
   * A featurizer for {@code inputs} (in declaration order) sharing {@code window}.
   *
   * @throws IllegalArgumentException if a vocabulary lists a term twice, counting terms that are
   *     equal after lowercasing when the input lowercases
   */
  public Featurizer(List<InputDef> inputs, Window window) {
    this.inputs = List.copyOf(inputs);
    this.window = Objects.requireNonNull(window, "window");
    this.channels = new Channel[this.inputs.size()];
    this.offsets = new int[this.inputs.size()];
    int offset = 0;
    int width = 0;
    int tokenCount = 0;
    for (int i = 0; i < channels.length; i++) {
      InputDef in = this.inputs.get(i);
      offsets[i] = offset;
      offset += in.featureCount();
      if (in instanceof VectorInput v) {
        channels[i] = new VectorChannel(v, window.size());
        width += v.size();
      } else if (in instanceof TokenInput t) {
        channels[i] = new TokenChannel(t, window.size(), window.stride());
        tokenCount++;
      }
    }
    this.featureCount = offset;
    this.vectorWidth = width;
    this.tokenInputCount = tokenCount;
  }

  /** The inputs, in declaration order. */
  public List<InputDef> inputs() {
    return inputs;
  }

  /** The window shared by all inputs. */
  public Window window() {
    return window;
  }

  /** Length of a step's feature vector: all inputs' features. */
  public int featureCount() {
    return featureCount;
  }

  /** Number of elements pushed since the start of the stream. */
  public long elements() {
    return elements;
  }

  /**
   * Pushes one element per input.
   *
   * @param elements one element per input in declaration order: a {@code double[]} for a vector
   *     input, a {@code String} for a tokens input. Not modified and not kept; the array itself may
   *     be reused by the caller.
   * @param featuresOut receives the step's features when one ends here, length {@link
   *     #featureCount()}; untouched otherwise
   * @return whether a step ended at this element
   * @throws IllegalArgumentException if the number, type or size of the elements does not fit the
   *     inputs; nothing is pushed then
   */
  public boolean push(Object[] elements, double[] featuresOut) {
    Objects.requireNonNull(elements, "elements");
    if (elements.length != channels.length) {
      throw new IllegalArgumentException(
          "expected "
              + channels.length
              + (channels.length == 1 ? " element" : " elements")
              + ", one per input ("
              + describeInputs()
              + "), got "
              + elements.length);
    }
    checkFeaturesOut(featuresOut);
    for (int i = 0; i < channels.length; i++) {
      String problem = channels[i].problem(elements[i]);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
    }
    for (int i = 0; i < channels.length; i++) {
      channels[i].accept(elements[i], this.elements);
    }
    return finishElement(featuresOut);
  }

  /**
   * Pushes one element of a model whose only input is a vector input.
   *
   * @param element the vector, length of the input's size. Not modified and not kept.
   * @param featuresOut as in {@link #push(Object[], double[])}
   * @return whether a step ended at this element
   * @throws IllegalArgumentException if the model does not have exactly one input, a vector input,
   *     or the element has the wrong length
   */
  public boolean pushVector(double[] element, double[] featuresOut) {
    if (channels.length != 1 || !(channels[0] instanceof VectorChannel)) {
      throw new IllegalArgumentException(
          "pushVector needs exactly one input, a vector input; inputs are: " + describeInputs());
    }
    checkFeaturesOut(featuresOut);
    VectorChannel channel = (VectorChannel) channels[0];
    String problem = channel.problem(element);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    channel.acceptVector(element, elements);
    return finishElement(featuresOut);
  }

  /**
   * Pushes one token of a model whose only input is a tokens input.
   *
   * @param token the token, lowercased here if the input says so
   * @param featuresOut as in {@link #push(Object[], double[])}
   * @return whether a step ended at this element
   * @throws IllegalArgumentException if the model does not have exactly one input, a tokens input,
   *     or the token is null
   */
  public boolean pushToken(String token, double[] featuresOut) {
    if (channels.length != 1 || !(channels[0] instanceof TokenChannel)) {
      throw new IllegalArgumentException(
          "pushToken needs exactly one input, a tokens input; inputs are: " + describeInputs());
    }
    checkFeaturesOut(featuresOut);
    TokenChannel channel = (TokenChannel) channels[0];
    String problem = channel.problem(token);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    channel.acceptToken(token, elements);
    return finishElement(featuresOut);
  }

  /**
   * What is wrong with {@code element} as an element of input {@code input}, or null if nothing.
   */
  public String problem(int input, Object element) {
    return channels[input].problem(element);
  }

  /** Inputs as {@code name (kind)}, comma-separated, for messages. */
  public String describeInputs() {
    if (inputs.isEmpty()) {
      return "none";
    }
    StringBuilder sb = new StringBuilder();
    for (InputDef in : inputs) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(in.name()).append(in instanceof VectorInput ? " (vector)" : " (tokens)");
    }
    return sb.toString();
  }

  /** Returns to the start of the stream: no element seen. */
  public void reset() {
    elements = 0;
    for (Channel c : channels) {
      c.clear();
    }
  }

  /** A snapshot of the stream position and the buffered elements a later step can still see. */
  public FeaturizerState save() {
    int buffered = buffered(elements);
    double[] vectors = new double[buffered * vectorWidth];
    List<String> tokens = new ArrayList<>(buffered * tokenInputCount);
    int v = 0;
    for (long j = elements - buffered; j < elements; j++) {
      for (Channel c : channels) {
        if (c instanceof VectorChannel vc) {
          System.arraycopy(vc.ring[vc.slot(j)], 0, vectors, v, vc.size);
          v += vc.size;
        } else {
          TokenChannel tc = (TokenChannel) c;
          tokens.add(tc.ring[tc.slot(j)]);
        }
      }
    }
    return new FeaturizerState(elements, window.size(), vectors, tokens);
  }

  /**
   * Continues the stream from {@code state}, as saved by a featurizer with the same inputs and
   * window. Later steps are bit for bit those of the stream that was saved.
   *
   * @throws IllegalArgumentException if the state does not fit these inputs and window; the
   *     featurizer is unchanged then
   */
  public void restore(FeaturizerState state) {
    Objects.requireNonNull(state, "state");
    if (state.windowSize() != window.size()) {
      throw new IllegalArgumentException(
          "state was saved with window size "
              + state.windowSize()
              + ", this featurizer's window has size "
              + window.size());
    }
    int buffered = state.buffered();
    double[] vectors = state.vectors();
    List<String> tokens = state.tokens();
    if (vectors.length != buffered * vectorWidth || tokens.size() != buffered * tokenInputCount) {
      throw new IllegalArgumentException(
          "state does not fit these inputs: "
              + buffered
              + " buffered elements need "
              + buffered * vectorWidth
              + " vector values and "
              + buffered * tokenInputCount
              + " tokens, state has "
              + vectors.length
              + " and "
              + tokens.size());
    }
    reset();
    long first = state.elements() - buffered;
    int v = 0;
    int t = 0;
    for (long j = first; j < state.elements(); j++) {
      for (Channel c : channels) {
        if (c instanceof VectorChannel vc) {
          System.arraycopy(vectors, v, vc.ring[vc.slot(j)], 0, vc.size);
          v += vc.size;
        } else {
          ((TokenChannel) c).restoreToken(tokens.get(t++), j, first);
        }
      }
    }
    elements = state.elements();
  }

  private int buffered(long elementCount) {
    return (int) Math.min(elementCount, window.size() - 1L);
  }

  private void checkFeaturesOut(double[] featuresOut) {
    Objects.requireNonNull(featuresOut, "featuresOut");
    if (featuresOut.length != featureCount) {
      throw new IllegalArgumentException(
          "features array has length " + featuresOut.length + ", expected " + featureCount);
    }
  }

  /** Counts the element just accepted and writes the step's features if one ends at it. */
  private boolean finishElement(double[] featuresOut) {
    long e = elements++;
    if (!window.endsStepAt(e)) {
      return false;
    }
    int count = (int) Math.min(e + 1, window.size());
    for (int i = 0; i < channels.length; i++) {
      channels[i].write(featuresOut, offsets[i], e, count);
    }
    return true;
  }

  /** The buffered elements of one input and how they become features. */
  private abstract static class Channel {
    final int windowSize;

    Channel(int windowSize) {
      this.windowSize = windowSize;
    }

    final int slot(long element) {
      return (int) (element % windowSize);
    }

    abstract String problem(Object element);

    abstract void accept(Object element, long e);

    /** Writes the features of the window {@code e-count+1..e}. */
    abstract void write(double[] out, int offset, long e, int count);

    abstract void clear();
  }

  private static final class VectorChannel extends Channel {
    final VectorInput input;
    final int size;
    final double[][] ring;

    VectorChannel(VectorInput input, int windowSize) {
      super(windowSize);
      this.input = input;
      this.size = input.size();
      this.ring = new double[windowSize][size];
    }

    @Override
    String problem(Object element) {
      if (element instanceof double[] v) {
        return v.length == size
            ? null
            : "input '"
                + input.name()
                + "' needs a double[] of length "
                + size
                + ", got length "
                + v.length;
      }
      return "input '"
          + input.name()
          + "' needs a double[] of length "
          + size
          + ", got "
          + (element == null ? "null" : element.getClass().getSimpleName());
    }

    @Override
    void accept(Object element, long e) {
      acceptVector((double[]) element, e);
    }

    void acceptVector(double[] element, long e) {
      System.arraycopy(element, 0, ring[slot(e)], 0, size);
    }

    @Override
    void write(double[] out, int offset, long e, int count) {
      long first = e - count + 1;
      System.arraycopy(ring[slot(first)], 0, out, offset, size);
      Reduce reduce = input.reduce();
      for (long j = first + 1; j <= e; j++) {
        double[] v = ring[slot(j)];
        if (reduce == Reduce.MAX) {
          for (int k = 0; k < size; k++) {
            out[offset + k] = Math.max(out[offset + k], v[k]);
          }
        } else {
          for (int k = 0; k < size; k++) {
            out[offset + k] += v[k];
          }
        }
      }
      if (reduce == Reduce.MEAN) {
        for (int k = 0; k < size; k++) {
          out[offset + k] /= count;
        }
      }
    }

    @Override
    void clear() {
      for (double[] v : ring) {
        Arrays.fill(v, 0.0);
      }
    }
  }

  private static final class TokenChannel extends Channel {
    final TokenInput input;
    final boolean counts;
    final Map<String, Integer> termIndex;

    /** The distinct n-gram lengths that can match a term inside a window, in declared order. */
    final int[] lengths;

    final String[] ring;

    /**
     * {@code ids[k][idSlot(j)]}: the term index of the lengths[k]-gram ending at j, or -1. Kept for
     * a window and a stride of elements, so that the n-grams leaving the window between two steps
     * can still be looked up when they are taken out of {@link #live}.
     */
    final int[][] ids;

    private final int idRing;

    /**
     * How often each term occurs in the window last written, {@code [lo, hi]}: updated by the
     * elements that left and entered it since, so that a step costs its stride, not its window.
     * Counts are whole numbers, so the features are the same bits as counting afresh.
     */
    private final int[] live;

    private long lo;
    private long hi;
    private boolean valid;

    final StringBuilder joined = new StringBuilder();

    TokenChannel(TokenInput input, int windowSize, int stride) {
      super(windowSize);
      this.input = input;
      this.counts = input.features() == TokenFeatures.COUNTS;
      this.termIndex = new HashMap<>();
      List<String> vocabulary = input.vocabulary();
      int maxSpaces = 0;
      for (int i = 0; i < vocabulary.size(); i++) {
        String term = vocabulary.get(i);
        String key = input.lowercase() ? term.toLowerCase(Locale.ROOT) : term;
        Integer previous = termIndex.putIfAbsent(key, i);
        if (previous != null) {
          String first = vocabulary.get(previous);
          throw new IllegalArgumentException(
              "vocabulary of input '"
                  + input.name()
                  + "' lists '"
                  + first
                  + "' and '"
                  + term
                  + "'"
                  + (first.equals(term) ? " twice" : ", the same term after lowercasing"));
        }
        maxSpaces = Math.max(maxSpaces, (int) key.chars().filter(c -> c == ' ').count());
      }
      // A k-gram of tokens contains at least k-1 spaces, so it can only equal a term with as
      // many; and a k-gram longer than the window never lies inside one.
      final int spaces = maxSpaces;
      this.lengths =
          input.ngrams().stream()
              .distinct()
              .mapToInt(Integer::intValue)
              .filter(k -> k <= windowSize && k - 1 <= spaces)
              .toArray();
      this.ring = new String[windowSize];
      this.idRing = Math.toIntExact((long) windowSize + stride);
      this.ids = new int[lengths.length][idRing];
      this.live = new int[vocabulary.size()];
      clear();
    }

    @Override
    String problem(Object element) {
      if (element instanceof String) {
        return null;
      }
      return "input '"
          + input.name()
          + "' needs a String token, got "
          + (element == null ? "null" : element.getClass().getSimpleName());
    }

    @Override
    void accept(Object element, long e) {
      acceptToken((String) element, e);
    }

    void acceptToken(String token, long e) {
      String t = input.lowercase() ? token.toLowerCase(Locale.ROOT) : token;
      ring[slot(e)] = t;
      index(e, 0);
    }

    /** Stores a token as saved (already lowercased) for element j; {@code first} is the oldest. */
    void restoreToken(String token, long j, long first) {
      ring[slot(j)] = token;
      index(j, first);
    }

    /** Looks up the n-grams ending at element e, whose tokens from {@code first} on are known. */
    private int idSlot(long element) {
      return (int) (element % idRing);
    }

    private void index(long e, long first) {
      int s = slot(e);
      int is = idSlot(e);
      for (int k = 0; k < lengths.length; k++) {
        int n = lengths[k];
        long start = e - n + 1;
        int id = -1;
        if (start >= first) {
          if (n == 1) {
            id = termIndex.getOrDefault(ring[s], -1);
          } else {
            joined.setLength(0);
            for (long j = start; j <= e; j++) {
              if (j > start) {
                joined.append(' ');
              }
              joined.append(ring[slot(j)]);
            }
            id = termIndex.getOrDefault(joined.toString(), -1);
          }
        }
        ids[k][is] = id;
      }
    }

    @Override
    void write(double[] out, int offset, long e, int count) {
      long first = e - count + 1;
      if (!valid || first > hi) {
        // No overlap with the window last written (the start, a restore, or a stride longer
        // than the window): count this one afresh.
        Arrays.fill(live, 0);
        lo = first;
        hi = first - 1;
        valid = true;
      }
      // The n-grams that started in [lo, first) leave the window.
      for (long start = lo; start < first; start++) {
        for (int k = 0; k < lengths.length; k++) {
          long j = start + lengths[k] - 1;
          if (j <= hi) {
            int id = ids[k][idSlot(j)];
            if (id >= 0) {
              live[id]--;
            }
          }
        }
      }
      lo = first;
      // The n-grams that end in (hi, e] and start inside the window enter it.
      for (long j = hi + 1; j <= e; j++) {
        for (int k = 0; k < lengths.length; k++) {
          int id = ids[k][idSlot(j)];
          if (id >= 0 && j - lengths[k] + 1 >= first) {
            live[id]++;
          }
        }
      }
      hi = e;
      for (int id = 0; id < live.length; id++) {
        out[offset + id] = counts ? live[id] : (live[id] > 0 ? 1.0 : 0.0);
      }
    }

    @Override
    void clear() {
      Arrays.fill(ring, null);
      for (int[] row : ids) {
        Arrays.fill(row, -1);
      }
      valid = false;
    }
  }
}
