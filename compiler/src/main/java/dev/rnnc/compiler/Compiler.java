package dev.rnnc.compiler;

import dev.rnnc.compiler.check.Spec;
import dev.rnnc.compiler.check.SpecChecker;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SpecException;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.lower.GraphLowering;
import dev.rnnc.compiler.parse.SpecReader;
import dev.rnnc.compiler.parse.YamlNode;
import dev.rnnc.compiler.schedule.Scheduler;
import java.nio.file.Path;
import java.util.Optional;

/** The pipeline: parse -> check -> lower -> schedule -> generate | interpret. */
public final class Compiler {

  private Compiler() {}

  /** Parses, checks, lowers and schedules a spec file. */
  public static Model load(Path spec) throws SpecException {
    Graph graph = readGraph(spec);
    return new Model(graph, Scheduler.schedule(graph));
  }

  /**
   * Parses, checks and lowers a spec file. Throws a {@link SpecException} carrying every problem
   * found if the spec is bad in any way; never anything else for bad input.
   */
  public static Graph readGraph(Path spec) throws SpecException {
    Diagnostics diagnostics = new Diagnostics();
    Optional<YamlNode> tree = SpecReader.read(spec, diagnostics);
    if (tree.isEmpty()) {
      diagnostics.throwIfErrors();
    }
    Optional<Spec> checked = SpecChecker.check(tree.orElseThrow(), spec, diagnostics);
    diagnostics.throwIfErrors();
    return GraphLowering.lower(checked.orElseThrow());
  }
}
