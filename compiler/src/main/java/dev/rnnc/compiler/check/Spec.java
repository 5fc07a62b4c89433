package dev.rnnc.compiler.check;

import dev.rnnc.compiler.ir.MathMode;
import dev.rnnc.compiler.ir.Precision;
import dev.rnnc.runtime.Window;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A spec that passed every check: typed, with defaults filled in, references resolved and weight
 * files read. What {@code GraphLowering} turns into a graph.
 *
 * @param javaPackage the Java package, or "" for none
 * @param window the model's window ({@link Window#NONE} if no input declares one)
 * @param order the {@code order:} list (whole neurons and groups), if given
 * @param files every file the spec reads (weights, vocabularies), sorted, without repeats
 * @param math {@code math:}, exact unless the spec says {@code fast}
 */
public record Spec(
    Path source,
    String name,
    String javaPackage,
    Precision precision,
    List<InputDecl> inputs,
    Window window,
    List<NodeDecl> neurons,
    List<NodeDecl> groups,
    List<EdgeDecl> edges,
    List<Ref> outputs,
    Optional<List<Ref>> order,
    List<Path> files,
    MathMode math) {

  public Spec {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(javaPackage, "javaPackage");
    Objects.requireNonNull(precision, "precision");
    inputs = List.copyOf(inputs);
    Objects.requireNonNull(window, "window");
    neurons = List.copyOf(neurons);
    groups = List.copyOf(groups);
    edges = List.copyOf(edges);
    outputs = List.copyOf(outputs);
    order = order.map(List::copyOf);
    files = List.copyOf(files);
    Objects.requireNonNull(math, "math");
  }
}
