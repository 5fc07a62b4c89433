package dev.rnnc.compiler;

import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.schedule.Schedule;
import java.util.Objects;

/** A checked, lowered and scheduled spec: everything the generator and interpreter need. */
public record Model(Graph graph, Schedule schedule) {

  public Model {
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(schedule, "schedule");
    if (schedule.graph() != graph) {
      throw new IllegalArgumentException("schedule belongs to another graph");
    }
  }
}
