package dev.rnnc.compiler.onnx;

import dev.rnnc.compiler.onnx.proto.Onnx.NodeProto;

/** How messages and the spec's comments name the nodes of a model. */
final class Nodes {

  /** Longest name quoted from a model. */
  private static final int MAX_NAME = 100;

  private Nodes() {}

  /**
   * {@code node '/rnn/LSTM' (LSTM)}; a node without a name is named by its first output: {@code the
   * LSTM node making 'y'}.
   */
  static String describe(NodeProto node) {
    String op = printable(node.getOpType());
    if (!node.getName().isEmpty()) {
      return "node '" + printable(node.getName()) + "' (" + op + ")";
    }
    return node.getOutputCount() > 0
        ? "the " + op + " node making '" + printable(node.getOutput(0)) + "'"
        : "a " + op + " node";
  }

  /** How the spec's comments name a node: {@code /rnn/LSTM (LSTM)}. */
  static String origin(NodeProto node) {
    String name = node.getName().isEmpty() ? "(unnamed)" : printable(node.getName());
    return name + " (" + printable(node.getOpType()) + ")";
  }

  /** A problem with a node: {@code node 'NAME' (OP) MESSAGE}. */
  static ImportException problem(NodeProto node, String message, String hint) {
    return new ImportException(describe(node) + " " + message, hint);
  }

  /**
   * {@code text} as it may appear in a message or a YAML comment: printable ASCII, anything else
   * replaced by '?', and at most 100 characters.
   */
  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < MAX_NAME; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return text.length() > MAX_NAME ? out + "..." : out.toString();
  }
}
