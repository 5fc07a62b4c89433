package dev.rnnc.compiler;

import dev.rnnc.compiler.diag.Diagnostic;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.schedule.Schedule;
import java.util.List;
import java.util.Objects;

/**
 * A checked, lowered and scheduled spec: everything the generator and interpreter need.
 *
 * @param warnings what is suspicious but not wrong about the spec, for {@code check} to show
 */
public record Model(Graph graph, Schedule schedule, List<Diagnostic> warnings) {

  public Model {
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(schedule, "schedule");
    warnings = List.copyOf(warnings);
    if (schedule.graph() != graph) {
      throw new IllegalArgumentException("schedule belongs to another graph");
    }
  }

  /** A model without warnings. */
  public Model(Graph graph, Schedule schedule) {
    this(graph, schedule, List.of());
  }
}
