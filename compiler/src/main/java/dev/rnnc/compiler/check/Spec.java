package dev.rnnc.compiler.check;

import dev.rnnc.compiler.ir.ModelHeader;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A spec that passed every check: typed, with defaults filled in, references resolved and weight
 * files read. What {@code GraphLowering} turns into a graph.
 *
 * @param header name, package, precision, window, files read and math mode (the graph's too)
 * @param order the {@code order:} list (whole neurons and groups), if given
 */
public record Spec(
    ModelHeader header,
    List<InputDecl> inputs,
    List<NodeDecl> neurons,
    List<NodeDecl> groups,
    List<EdgeDecl> edges,
    List<Ref> outputs,
    Optional<List<Ref>> order) {

  public Spec {
    Objects.requireNonNull(header, "header");
    inputs = List.copyOf(inputs);
    neurons = List.copyOf(neurons);
    groups = List.copyOf(groups);
    edges = List.copyOf(edges);
    outputs = List.copyOf(outputs);
    order = order.map(List::copyOf);
  }
}
