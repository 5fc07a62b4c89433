package dev.rnnc.compiler.schedule;

import dev.rnnc.compiler.diag.SpecException;
import dev.rnnc.compiler.ir.Graph;

/** Chooses the evaluation order and derives every edge's effective delay. */
public final class Scheduler {

  private Scheduler() {}

  /**
   * Schedules {@code graph}: uses its explicit order if it has one, else the order that keeps
   * {@code delay: 0} edges forward and minimizes backward {@code auto} edges.
   *
   * @throws SpecException for algebraic loops and explicit orders that contradict {@code delay: 0}
   */
  public static Schedule schedule(Graph graph) throws SpecException {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
