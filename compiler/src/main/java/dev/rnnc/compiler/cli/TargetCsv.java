package dev.rnnc.compiler.cli;

import dev.rnnc.compiler.check.Suggestions;
import dev.rnnc.compiler.data.VectorCsv;
import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SourcePosition;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.Port;
import dev.rnnc.compiler.train.Loss;
import dev.rnnc.compiler.train.Targets;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a target CSV (DESIGN §7): a header naming output columns exactly as {@code rnnc run} prints
 * them (a subset, in any order), then row k for step k; an empty cell has no target. For {@code
 * --loss cross_entropy} a header name is a group output ({@code h}) and its cells are class
 * indices.
 */
final class TargetCsv {

  private TargetCsv() {}

  /** The targets in {@code file}, or null after reporting its problems into {@code sink}. */
  static Targets read(Path file, Graph graph, Loss loss, Diagnostics sink) throws IOException {
    Map<String, int[]> cells = cells(graph, loss);
    List<String> names = new ArrayList<>();
    List<int[]> spans = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    int errors = sink.all().size();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = in.readLine();
      if (line == null || line.isBlank()) {
        sink.error(
            Code.INPUT_DATA,
            SourcePosition.startOf(file),
            "target file is empty",
            "the first line names the output columns, e.g. " + String.join(",", cells.keySet()));
        return null;
      }
      if (line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      int column = 1;
      for (String cell : line.split(",", -1)) {
        String name = cell.strip();
        SourcePosition at = new SourcePosition(file, 1, column);
        if (!cells.containsKey(name)) {
          sink.error(
              Code.INPUT_DATA,
              at,
              "'" + name + "' is not an output column of " + graph.name(),
              Suggestions.didYouMean(name, new ArrayList<>(cells.keySet()))
                  .orElse("its columns: " + String.join(", ", cells.keySet())));
        } else if (names.contains(name)) {
          sink.error(Code.INPUT_DATA, at, "column '" + name + "' is given twice");
        }
        names.add(name);
        spans.add(cells.getOrDefault(name, new int[] {0, 1}));
        column += cell.length() + 1;
      }
      int lineNumber = 1;
      int blankTail = 0;
      for (line = in.readLine(); line != null; line = in.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          // A blank line is a step without targets (one empty cell), unless only blank lines
          // follow it: those end the file.
          double[] none = new double[names.size()];
          java.util.Arrays.fill(none, Double.NaN);
          rows.add(none);
          blankTail++;
          continue;
        }
        blankTail = 0;
        rows.add(row(file, lineNumber, line, names, spans, loss, sink));
      }
      rows.subList(rows.size() - blankTail, rows.size()).clear();
    }
    if (sink.all().size() > errors) {
      return null;
    }
    int[] first = new int[names.size()];
    int[] width = new int[names.size()];
    for (int c = 0; c < names.size(); c++) {
      first[c] = spans.get(c)[0];
      width[c] = spans.get(c)[1];
    }
    return new Targets(names.toArray(String[]::new), first, width, rows.toArray(double[][]::new));
  }

  private static double[] row(
      Path file,
      int lineNumber,
      String line,
      List<String> names,
      List<int[]> spans,
      Loss loss,
      Diagnostics sink) {
    String[] cells = line.split(",", -1);
    double[] row = new double[names.size()];
    if (cells.length != names.size()) {
      sink.error(
          Code.INPUT_DATA,
          new SourcePosition(file, lineNumber, 1),
          "expected " + names.size() + " cells, found " + cells.length,
          "leave a cell empty for no target");
      return row;
    }
    int column = 1;
    for (int c = 0; c < cells.length; c++) {
      String cell = cells[c].strip();
      if (cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")) {
        cell = cell.substring(1, cell.length() - 1).strip(); // "" is an empty quoted cell
      }
      SourcePosition at = new SourcePosition(file, lineNumber, column);
      column += cells[c].length() + 1;
      if (cell.isEmpty()) {
        row[c] = Double.NaN;
        continue;
      }
      Double value = VectorCsv.parseNumber(cell);
      if (value == null || !Double.isFinite(value)) {
        sink.error(Code.INPUT_DATA, at, "not a finite number: '" + cell + "'");
      } else if (loss.classIndexTargets()
          && (value != Math.rint(value) || value < 0 || value >= spans.get(c)[1])) {
        sink.error(
            Code.INPUT_DATA,
            at,
            "class index " + cell + " is not in 0.." + (spans.get(c)[1] - 1),
            "cross_entropy targets are the index of the right element of " + names.get(c));
      } else if (loss == Loss.BCE && (value < 0 || value > 1)) {
        sink.error(Code.INPUT_DATA, at, "bce targets lie in [0, 1], got " + cell);
      } else {
        row[c] = value;
      }
    }
    return row;
  }

  /** Target names and their {first column, width}, in output order. */
  private static Map<String, int[]> cells(Graph graph, Loss loss) {
    Map<String, int[]> cells = new java.util.LinkedHashMap<>();
    int column = 0;
    List<String> columns = graph.outputNames();
    for (Port p : graph.outputs()) {
      if (loss.classIndexTargets()) {
        if (p.size() > 1) {
          cells.put(graph.portName(p), new int[] {column, p.size()});
        }
      } else {
        for (int k = 0; k < p.size(); k++) {
          cells.put(columns.get(column + k), new int[] {column + k, 1});
        }
      }
      column += p.size();
    }
    return cells;
  }
}
