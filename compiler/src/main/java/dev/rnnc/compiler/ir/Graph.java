package dev.rnnc.compiler.ir;

import dev.rnnc.runtime.InputDef;
import dev.rnnc.runtime.ModelInfo.Precision;
import dev.rnnc.runtime.Window;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The lowered model: what {@code GraphLowering} produces from a checked spec and what the
 * scheduler, interpreter and code generator consume. Indices are declaration order.
 *
 * @param header name, package, precision, window, files read and math mode
 * @param inputs inputs in declaration order; input {@code i}'s features start at {@link
 *     #featureOffset(int)}
 * @param nodes neurons then groups, in declaration order; {@code nodes.get(i).index() == i}
 * @param edges in declaration order; {@code edges.get(i).index() == i}
 * @param outputs what {@code step} writes, in order; each a whole node or one element
 * @param explicitOrder node indices from {@code order:}, if the spec has one
 */
public record Graph(
    ModelHeader header,
    List<InputDef> inputs,
    List<Node> nodes,
    List<Edge> edges,
    List<Port> outputs,
    Optional<List<Integer>> explicitOrder) {

  public Graph {
    Objects.requireNonNull(header, "header");
    inputs = List.copyOf(inputs);
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
    outputs = List.copyOf(outputs);
    explicitOrder = explicitOrder.map(List::copyOf);
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).index() != i) {
        throw new IllegalArgumentException("node " + i + " has index " + nodes.get(i).index());
      }
    }
    for (int i = 0; i < edges.size(); i++) {
      Edge e = edges.get(i);
      if (e.index() != i) {
        throw new IllegalArgumentException("edge " + i + " has index " + e.index());
      }
      Node target = nodes.get(e.to().index());
      if (e.weights().rows() != e.to().size() * target.cell().gates()
          || (target.isCell() && e.to().size() != target.size())) {
        throw new IllegalArgumentException("edge " + i + "'s weights do not fit its target");
      }
    }
  }

  /** A graph with every header field given. */
  public Graph(
      Path source,
      String name,
      String javaPackage,
      Precision precision,
      List<InputDef> inputs,
      Window window,
      List<Node> nodes,
      List<Edge> edges,
      List<Port> outputs,
      Optional<List<Integer>> explicitOrder,
      List<Path> weightFiles,
      MathMode math) {
    this(
        new ModelHeader(source, name, javaPackage, precision, window, weightFiles, math),
        inputs,
        nodes,
        edges,
        outputs,
        explicitOrder);
  }

  /**
   * Whether {@code e} is the recurrent edge of an LSTM or GRU cell: from the whole cell to itself
   * (it reads h(t-1) into the cell's hidden-to-hidden gate sums).
   */
  public boolean isCellRecurrent(Edge e) {
    Node target = nodes.get(e.to().index());
    return target.isCell()
        && e.from().isNode()
        && e.from().index() == target.index()
        && e.from().size() == target.size();
  }

  /** The spec file the graph came from. */
  public Path source() {
    return header.source();
  }

  public String name() {
    return header.name();
  }

  /** The Java package, or "" for none. */
  public String javaPackage() {
    return header.javaPackage();
  }

  public Precision precision() {
    return header.precision();
  }

  public Window window() {
    return header.window();
  }

  /** Every file the spec reads (weights, vocabularies), for up-to-date checks. */
  public List<Path> weightFiles() {
    return header.files();
  }

  /** Whether generated code must be exact ({@code math:} in the spec, default exact). */
  public MathMode math() {
    return header.math();
  }

  /** The index of the first feature of input {@code inputIndex} in the feature vector. */
  public int featureOffset(int inputIndex) {
    int offset = 0;
    for (int i = 0; i < inputIndex; i++) {
      offset += inputs.get(i).featureCount();
    }
    return offset;
  }

  /** Total number of features per step. */
  public int featureCount() {
    return featureOffset(inputs.size());
  }

  /**
   * The display name of a port: {@code h}, {@code h[3]}, {@code x}, {@code x[0]}, {@code
   * words[good]}.
   */
  public String portName(Port port) {
    if (port.isNode()) {
      Node n = nodes.get(port.index());
      return n.group() && port.size() != n.size() ? n.name() + "[" + port.offset() + "]" : n.name();
    }
    InputDef in = inputs.get(port.index());
    return port.size() == in.featureCount() ? in.name() : in.featureNames().get(port.offset());
  }

  /** Output column names: neurons by name, groups expanded as {@code h[0], h[1], ...}. */
  public List<String> outputNames() {
    List<String> names = new ArrayList<>();
    for (Port p : outputs) {
      Node n = nodes.get(p.index());
      if (!n.group()) {
        names.add(n.name());
      } else {
        for (int i = 0; i < p.size(); i++) {
          names.add(n.name() + "[" + (p.offset() + i) + "]");
        }
      }
    }
    return List.copyOf(names);
  }

  /** Total number of output columns. */
  public int outputCount() {
    int n = 0;
    for (Port p : outputs) {
      n += p.size();
    }
    return n;
  }
}
