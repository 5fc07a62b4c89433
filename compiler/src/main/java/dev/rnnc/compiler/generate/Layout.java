package dev.rnnc.compiler.generate;

import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.schedule.Schedule;
import dev.rnnc.compiler.schedule.StateLayout;
import dev.rnnc.runtime.ModelInfo.Precision;
import java.util.List;

/**
 * The facts about a schedule that code builders read: the graph, the number type, the state layout
 * (computed by the schedule) and where each input's features start.
 */
final class Layout {

  final Schedule schedule;
  final Graph graph;
  final boolean isFloat;
  final StateLayout state;
  final int[] featureOffset;

  Layout(Schedule schedule) {
    this.schedule = schedule;
    this.graph = schedule.graph();
    this.isFloat = graph.precision() == Precision.FLOAT;
    this.state = schedule.layout();
    featureOffset = new int[graph.inputs().size()];
    for (int i = 0; i < featureOffset.length; i++) {
      featureOffset[i] = graph.featureOffset(i);
    }
  }

  /** Edges ending at {@code node}, in declaration order (the aggregation order). */
  List<Edge> incoming(int node) {
    return schedule.incoming(node);
  }
}
