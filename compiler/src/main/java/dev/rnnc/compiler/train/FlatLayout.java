package dev.rnnc.compiler.train;

import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.Node;

/**
 * Where a model's numbers sit in the flat arrays of training: the parameters (every edge's weights,
 * row-major, in declaration order, then every node's bias in declaration order) and a step's node
 * values (every node's elements, in declaration order).
 *
 * <p>Blocks of {@value #ALIGN} or more numbers (a matrix, a group's values) start at a multiple of
 * {@value #ALIGN}, with unused entries before them: the generated kernel's loops then read and
 * write at offsets HotSpot can vectorize together (see {@link KernelWriter}).
 */
final class FlatLayout {

  /** The alignment of large blocks, in doubles: a 512-bit vector. */
  static final int ALIGN = 8;

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
      p = aligned(p, e.weights().size());
      weightOffset[e.index()] = p;
      p += e.weights().size();
    }
    int o = 0;
    for (Node n : graph.nodes()) {
      p = aligned(p, n.size());
      biasOffset[n.index()] = p;
      p += n.size();
      o = aligned(o, n.size());
      nodeOffset[n.index()] = o;
      o += n.size();
    }
    parameters = p;
    elements = o;
  }

  /**
   * Offset {@code at}, moved up to a multiple of {@link #ALIGN} for a block of that size or more.
   */
  private static int aligned(int at, int size) {
    return size >= ALIGN ? (at + ALIGN - 1) / ALIGN * ALIGN : at;
  }
}
