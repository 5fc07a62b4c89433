package dev.rnnc.compiler;

import dev.rnnc.compiler.diag.SpecException;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.schedule.Scheduler;
import java.nio.file.Path;

/** The pipeline: parse -> check -> lower -> schedule -> generate | interpret. */
public final class Compiler {

  private Compiler() {}

  /** Parses, checks, lowers and schedules a spec file. */
  public static Model load(Path spec) throws SpecException {
    Graph graph = readGraph(spec);
    return new Model(graph, Scheduler.schedule(graph));
  }

  /** Parses, checks and lowers a spec file. */
  public static Graph readGraph(Path spec) throws SpecException {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
