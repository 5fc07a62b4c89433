package dev.rnnc.compiler.train;

import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.Node;

/**
 * Where a model's numbers sit in the flat arrays of training: the parameters (every edge's weights,
 * row-major, in declaration order, then every node's bias in declaration order) and a step's node
 * values (every node's elements, in declaration order).
 */
final class FlatLayout {

  /** Offset of edge e's weights among the parameters. */
  final int[] weightOffset;

  /** Offset of node v's bias among the parameters. */
  final int[] biasOffset;

  /** Offset of node v's elements among a step's values. */
  final int[] nodeOffset;

  /** The number of parameters. */
  final int parameters;

  /** The number of node elements. */
  final int elements;

  FlatLayout(Graph graph) {
    weightOffset = new int[graph.edges().size()];
    biasOffset = new int[graph.nodes().size()];
    nodeOffset = new int[graph.nodes().size()];
    int p = 0;
    for (Edge e : graph.edges()) {
      weightOffset[e.index()] = p;
      p += e.weights().size();
    }
    int o = 0;
    for (Node n : graph.nodes()) {
      biasOffset[n.index()] = p;
      p += n.size();
      nodeOffset[n.index()] = o;
      o += n.size();
    }
    parameters = p;
    elements = o;
  }
}
