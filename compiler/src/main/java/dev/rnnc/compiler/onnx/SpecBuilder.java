package dev.rnnc.compiler.onnx;

import dev.rnnc.compiler.check.Names;
import dev.rnnc.compiler.output.GeneratedFile;
import dev.rnnc.compiler.weights.NpyWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The spec an import produces, built up group by group, and written as a spec file plus one float64
 * {@code .npy} file per matrix and bias vector. Names and file names are made in the order things
 * are added, so the same model always gives the same files, byte for byte.
 */
final class SpecBuilder {

  /** A group of the spec. */
  record Group(
      String name,
      int size,
      String cell,
      String activation,
      double[] bias,
      double[] recurrentBias,
      String origin) {}

  /** A matrix edge; {@code weights} is [rows, cols] row-major. */
  record Edge(String from, String to, double[] weights, int rows, int cols, boolean delayed) {}

  private final String className;
  private final String filePrefix;
  private final String header;
  private String input;
  private int inputSize;
  private final List<Group> groups = new ArrayList<>();
  private final List<Edge> edges = new ArrayList<>();
  private final List<String> outputs = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private final Map<String, String> renamed = new HashMap<>();

  /**
   * @param className the generated class's name
   * @param filePrefix what every weight file's name starts with (letters, digits and '_')
   * @param header the first comment line, without {@code #}
   */
  SpecBuilder(String className, String filePrefix, String header) {
    this.className = className;
    this.filePrefix = filePrefix;
    this.header = header;
  }

  /** Declares the vector input. */
  void input(String name, int size) {
    names.add(name);
    this.input = name;
    this.inputSize = size;
  }

  /** A fresh name: {@code base}, else {@code base2}, {@code base3}, ... */
  String newName(String base) {
    String name = base;
    for (int k = 2; names.contains(name); k++) {
      name = base + k;
    }
    names.add(name);
    return name;
  }

  void group(Group g) {
    groups.add(g);
  }

  void edge(Edge e) {
    edges.add(e);
  }

  void output(String name) {
    String current = renamed.getOrDefault(name, name);
    if (!outputs.contains(current)) {
      outputs.add(current);
    }
  }

  /**
   * Gives group {@code group} the name {@code preferred} (the ONNX output it computes) if that is a
   * valid name no other node has; returns the group's name.
   */
  String rename(String group, String preferred) {
    if (renamed.containsKey(group)) {
      return renamed.get(group);
    }
    boolean isGroup = groups.stream().anyMatch(g -> g.name().equals(group));
    if (!isGroup || !Names.isName(preferred) || names.contains(preferred)) {
      return group;
    }
    renamed.put(group, preferred);
    names.add(preferred);
    groups.replaceAll(
        g ->
            g.name().equals(group)
                ? new Group(
                    preferred,
                    g.size(),
                    g.cell(),
                    g.activation(),
                    g.bias(),
                    g.recurrentBias(),
                    g.origin())
                : g);
    edges.replaceAll(
        e ->
            new Edge(
                e.from().equals(group) ? preferred : e.from(),
                e.to().equals(group) ? preferred : e.to(),
                e.weights(),
                e.rows(),
                e.cols(),
                e.delayed()));
    return preferred;
  }

  List<Group> groups() {
    return List.copyOf(groups);
  }

  List<Edge> edges() {
    return List.copyOf(edges);
  }

  List<String> outputs() {
    return List.copyOf(outputs);
  }

  /** The spec file ({@code specFile}) and its weight files, all in one directory. */
  List<GeneratedFile> files(Path specFile) {
    List<GeneratedFile> files = new ArrayList<>();
    StringBuilder yaml = new StringBuilder();
    yaml.append("# ").append(header).append('\n');
    yaml.append("rnnc: 1\n");
    yaml.append("name: ").append(className).append('\n');
    yaml.append("inputs:\n");
    yaml.append("  ").append(input).append(": {type: vector, size: ").append(inputSize);
    yaml.append("}\n");
    yaml.append("groups:\n");
    for (Group g : groups) {
      yaml.append("  # from ONNX ").append(g.origin()).append('\n');
      yaml.append("  ").append(g.name()).append(": {");
      if (g.cell() != null) {
        yaml.append("cell: ").append(g.cell()).append(", ");
      }
      yaml.append("size: ").append(g.size());
      if (g.activation() != null) {
        yaml.append(", activation: ").append(g.activation());
      }
      if (g.bias() != null) {
        String file = file(g.name(), g.recurrentBias() != null ? "b_ih" : "b");
        files.add(GeneratedFile.binary(Path.of(file), NpyWriter.vector(g.bias())));
        yaml.append(", bias: {file: ").append(file).append('}');
      }
      if (g.recurrentBias() != null) {
        String file = file(g.name(), "b_hh");
        files.add(GeneratedFile.binary(Path.of(file), NpyWriter.vector(g.recurrentBias())));
        yaml.append(", recurrent_bias: {file: ").append(file).append('}');
      }
      yaml.append("}\n");
    }
    yaml.append("edges:\n");
    List<String> taken = new ArrayList<>();
    for (Edge e : edges) {
      String kind = e.from().equals(e.to()) ? "w_hh" : isRecurrentGroup(e.to()) ? "w_ih" : "w";
      String file = file(e.to(), kind);
      for (int k = 2; taken.contains(file); k++) {
        file = file(e.to(), kind + k);
      }
      taken.add(file);
      files.add(
          GeneratedFile.binary(Path.of(file), NpyWriter.matrix(e.weights(), e.rows(), e.cols())));
      yaml.append("  - {from: ")
          .append(e.from())
          .append(", to: ")
          .append(e.to())
          .append(", weights: {file: ")
          .append(file)
          .append('}')
          .append(e.delayed() ? ", delay: 1" : "")
          .append("}\n");
    }
    yaml.append("outputs: [").append(String.join(", ", outputs)).append("]\n");
    files.add(0, new GeneratedFile(specFile, yaml.toString()));
    return files;
  }

  /** Whether {@code group} reads itself: a recurrent layer, whose edges are w_ih and w_hh. */
  private boolean isRecurrentGroup(String group) {
    return edges.stream().anyMatch(e -> e.from().equals(group) && e.to().equals(group));
  }

  private String file(String group, String what) {
    return filePrefix + "_" + group + "_" + what + ".npy";
  }
}
