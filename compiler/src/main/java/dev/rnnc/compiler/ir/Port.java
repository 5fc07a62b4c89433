package dev.rnnc.compiler.ir;

/**
 * Elements {@code [offset, offset + size)} of a node or an input: the whole of it ({@code offset ==
 * 0}, {@code size ==} its size) or one element ({@code h[3]}, {@code x[0]}, {@code words[good]}:
 * size 1).
 *
 * @param index a node index ({@link Kind#NODE}) or an input index ({@link Kind#INPUT})
 */
public record Port(Kind kind, int index, int offset, int size) {

  /** What a port refers to. */
  public enum Kind {
    NODE,
    INPUT
  }

  public Port {
    if (index < 0 || offset < 0 || size < 1) {
      throw new IllegalArgumentException(
          "bad port " + kind + " " + index + "[" + offset + "+" + size + "]");
    }
  }

  public static Port node(int index, int offset, int size) {
    return new Port(Kind.NODE, index, offset, size);
  }

  public static Port input(int index, int offset, int size) {
    return new Port(Kind.INPUT, index, offset, size);
  }

  public boolean isNode() {
    return kind == Kind.NODE;
  }

  public boolean isInput() {
    return kind == Kind.INPUT;
  }
}
