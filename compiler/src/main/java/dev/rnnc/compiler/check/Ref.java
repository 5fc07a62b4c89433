package dev.rnnc.compiler.check;

import dev.rnnc.compiler.diag.SourcePosition;
import java.util.Objects;

/**
 * A resolved reference to a neuron, a group, an input, or one element of a group or input: {@code
 * out}, {@code h}, {@code h[3]}, {@code x}, {@code x[0]}, {@code words[not good]}.
 *
 * @param name the neuron, group or input
 * @param offset the first element referred to (the feature index for a tokens term)
 * @param size how many elements: the whole size, or 1 for an element
 * @param text the reference as written, for messages
 */
public record Ref(
    String name, Kind kind, int offset, int size, String text, SourcePosition position) {

  /** What a reference names. */
  public enum Kind {
    NEURON,
    GROUP,
    INPUT
  }

  public Ref {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(position, "position");
    if (offset < 0 || size < 1) {
      throw new IllegalArgumentException("bad reference " + text);
    }
  }

  /** True for neurons and groups, false for inputs. */
  public boolean isNode() {
    return kind != Kind.INPUT;
  }
}
