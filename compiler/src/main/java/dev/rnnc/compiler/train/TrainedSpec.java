package dev.rnnc.compiler.train;

import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.Node;
import dev.rnnc.compiler.output.GeneratedFile;
import dev.rnnc.compiler.parse.SpecReader;
import dev.rnnc.compiler.weights.NpyWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The trained model as files (DESIGN §7): the spec's own text with each value that training changed
 * replaced (scalar weights and neuron biases inline, exactly as {@link Double#toString} prints
 * them; matrices and group biases as {@code {file: NAME.npy}} float64 files beside it), and every
 * other {@code file:} reference (and an editor's {@code $schema} modeline) pointed at the same file
 * from the output directory. Comments, order and layout stay as the user wrote them, so {@code rnnc
 * run} and the Maven plugin use the result as is.
 */
public final class TrainedSpec {

  private TrainedSpec() {}

  /** One replacement of source text {@code [start, end)}. */
  private record Edit(int start, int end, String text) {}

  /**
   * The files of the trained model, to be written into {@code outDir}.
   *
   * @param specText the spec as read (UTF-8 decoded)
   * @param specFile where it was read from
   * @param outDir the output directory (its files' references are made relative to it)
   * @param graph the model that was trained (its edges and nodes in declaration order)
   * @param params the trained values
   */
  public static List<GeneratedFile> files(
      String specText, Path specFile, Path outDir, Graph graph, Parameters params) {
    String text = specText.startsWith("\uFEFF") ? specText.substring(1) : specText;
    LoadSettings settings =
        LoadSettings.builder()
            .setCodePointLimit(SpecReader.MAX_BYTES)
            .setMaxAliasesForCollections(SpecReader.MAX_COLLECTION_ALIASES)
            .setUseMarks(true)
            .build();
    MappingNode root =
        (MappingNode)
            new Compose(settings)
                .composeString(text)
                .orElseThrow(() -> new IllegalArgumentException("empty spec"));
    Offsets offsets = new Offsets(text);
    List<Edit> edits = new ArrayList<>();
    List<GeneratedFile> files = new ArrayList<>();
    Map<String, Integer> taken = new HashMap<>();
    entry(root, "edges").ifPresent(t -> edges(t, graph, params, offsets, edits, files, taken));
    for (String section : List.of("neurons", "groups")) {
      entry(root, section).ifPresent(t -> nodes(t, graph, params, offsets, edits, files, taken));
    }
    Path from = specFile.toAbsolutePath().normalize().getParent();
    Path to = outDir.toAbsolutePath().normalize();
    fileReferences(root, from, to, offsets, edits);
    schemaModeline(text, from, to, edits);
    edits.sort(Comparator.comparingInt(Edit::start));
    StringBuilder out = new StringBuilder(text.length() + 64 * edits.size());
    int at = 0;
    for (Edit e : edits) {
      if (e.start() < at) {
        continue; // a file: reference inside a value that was replaced as a whole
      }
      out.append(text, at, e.start()).append(e.text());
      at = e.end();
    }
    out.append(text, at, text.length());
    files.add(0, new GeneratedFile(specFile.getFileName(), out.toString()));
    return files;
  }

  private static void edges(
      NodeTuple section,
      Graph graph,
      Parameters params,
      Offsets offsets,
      List<Edit> edits,
      List<GeneratedFile> files,
      Map<String, Integer> taken) {
    List<org.snakeyaml.engine.v2.nodes.Node> items =
        ((SequenceNode) section.getValueNode()).getValue();
    for (int i = 0; i < items.size() && i < graph.edges().size(); i++) {
      Edge e = graph.edges().get(i);
      if (Arrays.equals(params.weights(i), e.weights().toArray())) {
        continue; // frozen, or not changed by training: keep what the spec says
      }
      MappingNode item = (MappingNode) items.get(i);
      NodeTuple value =
          entry(item, "weights")
              .or(() -> entry(item, "weight"))
              .orElse(item.getValue().get(0)); // the shorthand "a -> b": W
      double[] w = params.weights(i);
      String replacement;
      if (w.length == 1 && !(value.getValueNode() instanceof SequenceNode)) {
        replacement = Double.toString(w[0]);
      } else if (e.weights().isDiagonal()) {
        int n = e.weights().rows();
        double[] d = new double[n];
        for (int k = 0; k < n; k++) {
          d[k] = w[k * n + k];
        }
        String name =
            unique(
                "edge"
                    + i
                    + "_"
                    + fileName(graph.portName(e.from()))
                    + "_"
                    + fileName(graph.portName(e.to())),
                taken);
        files.add(GeneratedFile.binary(Path.of(name + ".npy"), NpyWriter.vector(d)));
        replacement = "{diagonal: {file: " + name + ".npy}}";
      } else {
        String name =
            unique(
                "edge"
                    + i
                    + "_"
                    + fileName(graph.portName(e.from()))
                    + "_"
                    + fileName(graph.portName(e.to())),
                taken);
        files.add(
            GeneratedFile.binary(
                Path.of(name + ".npy"),
                NpyWriter.matrix(w, e.weights().rows(), e.weights().cols())));
        replacement = "{file: " + name + ".npy}";
      }
      replaceValue(value, replacement, offsets, edits);
    }
  }

  private static void nodes(
      NodeTuple section,
      Graph graph,
      Parameters params,
      Offsets offsets,
      List<Edit> edits,
      List<GeneratedFile> files,
      Map<String, Integer> taken) {
    if (!(section.getValueNode() instanceof MappingNode declared)) {
      return;
    }
    Map<String, Node> byName = new HashMap<>();
    for (Node n : graph.nodes()) {
      byName.put(n.name(), n);
    }
    for (NodeTuple t : declared.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode key) || !byName.containsKey(key.getValue())) {
        continue;
      }
      Node n = byName.get(key.getValue());
      double[] trained = params.bias(n.index());
      int rows = n.bias().size();
      // A cell's trained array is its bias then its recurrent bias (Parameters.biasOf).
      double[] b = Arrays.copyOf(trained, rows);
      if (!Arrays.equals(b, n.bias().toArray())) {
        String value;
        if (!n.group()) {
          value = Double.toString(b[0]);
        } else {
          String name = unique("bias_" + fileName(n.name()), taken);
          files.add(GeneratedFile.binary(Path.of(name + ".npy"), NpyWriter.vector(b)));
          value = "{file: " + name + ".npy}";
        }
        setKey(t, "bias", value, offsets, edits);
      }
      if (n.isCell()) {
        double[] r = Arrays.copyOfRange(trained, rows, 2 * rows);
        if (!Arrays.equals(r, n.recurrentBias().toArray())) {
          String name = unique("recurrent_bias_" + fileName(n.name()), taken);
          files.add(GeneratedFile.binary(Path.of(name + ".npy"), NpyWriter.vector(r)));
          setKey(t, "recurrent_bias", "{file: " + name + ".npy}", offsets, edits);
        }
      }
    }
  }

  /** Sets {@code key} of the node declared by {@code t} to {@code value}: replaced or added. */
  private static void setKey(
      NodeTuple t, String key, String value, Offsets offsets, List<Edit> edits) {
    org.snakeyaml.engine.v2.nodes.Node body = t.getValueNode();
    Optional<NodeTuple> existing = body instanceof MappingNode m ? entry(m, key) : Optional.empty();
    if (existing.isPresent()) {
      replaceValue(existing.get(), value, offsets, edits);
    } else if (body instanceof MappingNode m && m.getFlowStyle() == FlowStyle.FLOW) {
      int open = offsets.of(m.getStartMark()) + 1;
      edits.add(new Edit(open, open, key + ": " + value + (m.getValue().isEmpty() ? "" : ", ")));
    } else if (body instanceof MappingNode m && !m.getValue().isEmpty()) {
      Mark first = m.getValue().get(0).getKeyNode().getStartMark().orElseThrow();
      int at = offsets.of(Optional.of(first));
      edits.add(new Edit(at, at, key + ": " + value + "\n" + " ".repeat(first.getColumn())));
    } else {
      replaceValue(t, "{" + key + ": " + value + "}", offsets, edits);
    }
  }

  /** Points every {@code file:} value at the same file from the output directory. */
  private static void fileReferences(
      org.snakeyaml.engine.v2.nodes.Node node,
      Path from,
      Path to,
      Offsets offsets,
      List<Edit> edits) {
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k
            && k.getValue().equals("file")
            && t.getValueNode() instanceof ScalarNode v) {
          Path target = from.resolve(v.getValue()).normalize();
          String moved;
          try {
            moved = to.relativize(target).toString().replace('\\', '/');
          } catch (IllegalArgumentException e) {
            moved = target.toString();
          }
          if (!Path.of(v.getValue()).isAbsolute()) {
            replaceValue(t, quoted(moved), offsets, edits);
          }
        } else {
          fileReferences(t.getValueNode(), from, to, offsets, edits);
        }
      }
    } else if (node instanceof SequenceNode s) {
      for (org.snakeyaml.engine.v2.nodes.Node item : s.getValue()) {
        fileReferences(item, from, to, offsets, edits);
      }
    }
  }

  /**
   * An editor's {@code # yaml-language-server: $schema=PATH} comment (see specs/rnnc.schema.json).
   */
  private static final Pattern MODELINE =
      Pattern.compile("(?m)^#\\s*yaml-language-server:\\s*\\$schema=(\\S+)");

  /** Points a relative schema path in the editor modeline at the same file from the output. */
  private static void schemaModeline(String text, Path from, Path to, List<Edit> edits) {
    Matcher m = MODELINE.matcher(text);
    while (m.find()) {
      String schema = m.group(1);
      if (schema.contains(":") || schema.startsWith("/") || schema.startsWith("\\")) {
        continue; // a URL or an absolute path reads the same from anywhere
      }
      String moved;
      try {
        moved = to.relativize(from.resolve(schema).normalize()).toString().replace('\\', '/');
      } catch (IllegalArgumentException e) { // InvalidPathException too
        continue;
      }
      edits.add(new Edit(m.start(1), m.end(1), moved));
    }
  }

  /**
   * Replaces an entry's value, from the end of its key (so a block value below the key goes too) to
   * the end of the value's last content.
   */
  private static void replaceValue(NodeTuple t, String value, Offsets offsets, List<Edit> edits) {
    int start = offsets.of(t.getKeyNode().getEndMark());
    int end = Math.max(start, contentEnd(t.getValueNode(), offsets));
    edits.add(new Edit(start, end, ": " + value));
  }

  /** Where a node's own text ends: a block collection ends with its last item, not the next key. */
  private static int contentEnd(org.snakeyaml.engine.v2.nodes.Node node, Offsets offsets) {
    if (node instanceof SequenceNode s
        && s.getFlowStyle() == FlowStyle.BLOCK
        && !s.getValue().isEmpty()) {
      return contentEnd(s.getValue().get(s.getValue().size() - 1), offsets);
    }
    if (node instanceof MappingNode m
        && m.getFlowStyle() == FlowStyle.BLOCK
        && !m.getValue().isEmpty()) {
      return contentEnd(m.getValue().get(m.getValue().size() - 1).getValueNode(), offsets);
    }
    return offsets.of(node.getEndMark());
  }

  private static Optional<NodeTuple> entry(MappingNode m, String key) {
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** A file name made of a name: letters, digits and '_' only. */
  private static String fileName(String name) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < name.length() && b.length() < 60; i++) {
      char c = name.charAt(i);
      b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
    }
    return b.toString().replaceAll("_+$", "");
  }

  private static String unique(String name, Map<String, Integer> taken) {
    String key = name.toLowerCase(Locale.ROOT);
    int n = taken.merge(key, 1, Integer::sum);
    return n == 1 ? name : name + "_" + n;
  }

  /** snakeyaml marks count code points; Java strings count UTF-16 units. */
  private static final class Offsets {
    private final String text;
    private final boolean plain;

    Offsets(String text) {
      this.text = text;
      this.plain = text.codePointCount(0, text.length()) == text.length();
    }

    int of(Optional<Mark> mark) {
      int index = mark.orElseThrow().getIndex();
      return plain ? index : text.offsetByCodePoints(0, index);
    }
  }
}
