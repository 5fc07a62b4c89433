package dev.rnnc.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs JMH with the given options and writes the results as Markdown tables: per workload and size,
 * each competitor's time per step with its error, ratios against the baselines measured in the same
 * run, GFLOP/s, weight bytes read per step and bytes allocated per step; then the compile times.
 * Usage: {@code Report --out FILE --command TEXT [JMH options]}.
 */
public final class Report {

  private static final String ALLOC = "gc.alloc.rate.norm";

  private Report() {}

  public static void main(String[] args)
      throws IOException, RunnerException, CommandLineOptionException {
    Path out = null;
    String command = "";
    List<String> jmh = new ArrayList<>();
    for (int k = 0; k < args.length; k++) {
      if (args[k].equals("--out")) {
        out = Path.of(args[++k]);
      } else if (args[k].equals("--command")) {
        command = args[++k];
      } else {
        jmh.add(args[k]);
      }
    }
    if (out == null) {
      System.err.println("usage: Report --out FILE --command TEXT [JMH options]");
      System.exit(2);
    }
    String load = loadAverage();
    ZonedDateTime started = ZonedDateTime.now();
    Collection<RunResult> results =
        new Runner(new CommandLineOptions(jmh.toArray(new String[0]))).run();
    String markdown =
        markdown(results, command, started, load, loadAverage(), String.join(" ", jmh));
    Files.writeString(out, markdown);
    System.out.println("wrote " + out);
  }

  /** One benchmark result: class, method, parameters, score, error and allocation. */
  private record Row(
      String benchmark,
      String method,
      String params,
      double score,
      double error,
      String unit,
      double alloc) {

    /** The competitor: the method name without its Step/Sequence/PushToken/RunText suffix. */
    String competitor() {
      for (String suffix : new String[] {"Step", "Sequence", "PushToken", "RunText"}) {
        if (method.endsWith(suffix)) {
          return method.substring(0, method.length() - suffix.length());
        }
      }
      return method;
    }

    String mode() {
      return method.substring(competitor().length());
    }
  }

  @SuppressWarnings("rawtypes") // JMH's getSecondaryResults() returns Map<String, Result>
  static String markdown(
      Collection<RunResult> results,
      String command,
      ZonedDateTime started,
      String loadBefore,
      String loadAfter,
      String options) {
    Map<String, List<Row>> byBenchmark = new TreeMap<>();
    for (RunResult r : results) {
      String label = r.getParams().getBenchmark();
      String cls = label.substring(0, label.lastIndexOf('.'));
      cls = cls.substring(cls.lastIndexOf('.') + 1);
      String method = label.substring(label.lastIndexOf('.') + 1);
      StringBuilder params = new StringBuilder();
      for (String key : r.getParams().getParamsKeys()) {
        params
            .append(params.length() == 0 ? "" : ", ")
            .append(key)
            .append('=')
            .append(r.getParams().getParam(key));
      }
      Result<?> primary = r.getPrimaryResult();
      Result<?> alloc = null;
      for (Map.Entry<String, Result> secondary : r.getSecondaryResults().entrySet()) {
        if (secondary.getKey().endsWith(ALLOC)) {
          alloc = secondary.getValue();
        }
      }
      byBenchmark
          .computeIfAbsent(cls, c -> new ArrayList<>())
          .add(
              new Row(
                  cls,
                  method,
                  params.toString(),
                  primary.getScore(),
                  primary.getScoreError(),
                  primary.getScoreUnit(),
                  alloc == null ? Double.NaN : alloc.getScore()));
    }
    StringBuilder b = new StringBuilder();
    b.append("# rnnc benchmark results\n\n");
    b.append("| | |\n|---|---|\n");
    b.append("| CPU | ").append(cpuModel()).append(" |\n");
    b.append("| cores | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n");
    b.append("| JDK | ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.runtime.version"))
        .append(" |\n");
    b.append("| date | ")
        .append(started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .append(" |\n");
    b.append("| load average (1, 5, 15 min) | before ")
        .append(loadBefore)
        .append("; after ")
        .append(loadAfter)
        .append(" |\n");
    b.append("| command | `").append(command.isEmpty() ? options : command).append("` |\n");
    b.append("| JMH options | `").append(options).append("` |\n\n");
    b.append(
        "Times are per step (whole-sequence benchmarks divide by the steps of the sequence, with"
            + " JMH's `@OperationsPerInvocation`), mean ± 99.9% confidence half-width. "
            + "*speedup vs interpreter* = interpreter time / time; *time vs naive* and *time vs ONNX* ="
            + " time / that competitor's time in the same table (below 1 is faster). GFLOP/s counts one"
            + " multiply and one add per weight; weight bytes are the bytes of weights and biases a step"
            + " reads (8 per double, 4 per float). Allocation is JMH's `gc.alloc.rate.norm` per step"
            + " (`-prof gc`).\n\n");
    for (Map.Entry<String, List<Row>> e : byBenchmark.entrySet()) {
      switch (e.getKey()) {
        case "ElmanBenchmark" -> elman(b, e.getValue());
        case "CellBenchmark" -> cells(b, e.getValue());
        case "SparseGraphBenchmark" -> sparse(b, e.getValue());
        case "WindowSentimentBenchmark" -> window(b, e.getValue());
        case "CompileBenchmark" -> compile(b, e.getValue());
        default -> generic(b, e.getKey(), e.getValue());
      }
    }
    return b.toString();
  }

  private static void elman(StringBuilder b, List<Row> rows) {
    b.append("## Elman layer (input 32, tanh, batch 1)\n\n");
    for (Map.Entry<String, List<Row>> group : groups(rows).entrySet()) {
      int hidden = Integer.parseInt(group.getKey().split("\\|")[0].replace("hidden=", ""));
      String mode = group.getKey().split("\\|")[1];
      b.append("### H = ")
          .append(hidden)
          .append(", ")
          .append(
              mode.equals("Step")
                  ? "one step of a stream per call"
                  : "whole sequences of 1000 steps")
          .append("\n\n");
      long weights = (long) hidden * (Workloads.ELMAN_INPUT + hidden);
      table(
          b,
          group.getValue(),
          c -> 2.0 * weights,
          c -> (weights + hidden) * (isFloat(c) ? 4L : 8L),
          true);
    }
  }

  private static void cells(StringBuilder b, List<Row> rows) {
    b.append("## LSTM and GRU cells (input 32, batch 1; `cell: lstm|gru`)\n\n");
    for (Map.Entry<String, List<Row>> group : groups(rows).entrySet()) {
      String params = group.getKey().split("\\|")[0];
      String mode = group.getKey().split("\\|")[1];
      java.util.regex.Matcher h = java.util.regex.Pattern.compile("hidden=(\\d+)").matcher(params);
      java.util.regex.Matcher k = java.util.regex.Pattern.compile("kind=(\\w+)").matcher(params);
      if (!h.find() || !k.find()) {
        generic(b, "CellBenchmark", group.getValue());
        continue;
      }
      int hidden = Integer.parseInt(h.group(1));
      String kind = k.group(1);
      int gates = kind.equals("lstm") ? 4 : 3;
      b.append("### ")
          .append(kind.toUpperCase(Locale.ROOT))
          .append(", H = ")
          .append(hidden)
          .append(", ")
          .append(
              mode.equals("Step")
                  ? "one step of a stream per call"
                  : "whole sequences of 1000 steps")
          .append("\n\n");
      long weights = (long) gates * hidden * (Workloads.ELMAN_INPUT + hidden);
      table(
          b,
          group.getValue(),
          c -> 2.0 * weights,
          c -> (weights + 2L * gates * hidden) * (isFloat(c) ? 4L : 8L),
          true);
    }
  }

  private static boolean isFloat(String competitor) {
    return competitor.contains("Float") || competitor.contains("onnx");
  }

  private static void sparse(StringBuilder b, List<Row> rows) {
    b.append("## Sparse scalar graphs (cycles, auto edges, mixed activations)\n\n");
    for (Map.Entry<String, List<Row>> group : groups(rows).entrySet()) {
      String size = group.getKey().split("\\|")[0].replace("size=", "");
      String mode = group.getKey().split("\\|")[1];
      long edges = Long.parseLong(size.split("/")[1]);
      b.append("### ")
          .append(size.split("/")[0])
          .append(" neurons, ")
          .append(edges)
          .append(" edges, ")
          .append(
              mode.equals("Step")
                  ? "one step of a stream per call"
                  : "whole sequences of 1000 steps")
          .append("\n\n");
      table(b, group.getValue(), c -> 2.0 * edges, c -> edges * 8, false);
    }
  }

  private static void window(StringBuilder b, List<Row> rows) {
    b.append("## Text window (specs/examples/window_sentiment.yaml), featurization included\n\n");
    for (Map.Entry<String, List<Row>> group : groups(rows).entrySet()) {
      String mode = group.getKey().split("\\|")[1];
      b.append("### ")
          .append(
              mode.equals("PushToken")
                  ? "Session.pushToken, per token"
                  : "Session.runText over 1000 tokens, per token")
          .append("\n\n");
      table(b, group.getValue(), null, null, false);
    }
  }

  private interface PerStep {
    double of(String competitor);
  }

  private static void table(
      StringBuilder b, List<Row> rows, PerStep flops, PerStep bytes, boolean elman) {
    Map<String, Row> by = new LinkedHashMap<>();
    rows.forEach(r -> by.put(r.competitor(), r));
    Row interpreter = by.get("interpreter");
    Row naive = by.get("naive");
    Row onnx = by.get("onnx");
    b.append("| competitor | ns/step | speedup vs interpreter |");
    if (elman) {
      b.append(" time vs naive | time vs ONNX |");
    }
    if (flops != null) {
      b.append(" GFLOP/s | weight bytes/step |");
    }
    b.append(" alloc B/step |\n|---|---:|---:|");
    if (elman) {
      b.append("---:|---:|");
    }
    if (flops != null) {
      b.append("---:|---:|");
    }
    b.append("---:|\n");
    for (Row r : by.values()) {
      b.append("| ")
          .append(label(r.competitor()))
          .append(" | ")
          .append(num(r.score()))
          .append(" ± ")
          .append(num(r.error()))
          .append(" | ")
          .append(interpreter == null ? "" : ratio(interpreter.score() / r.score()));
      if (elman) {
        b.append(" | ").append(naive == null ? "" : ratio(r.score() / naive.score()));
        b.append(" | ").append(onnx == null ? "" : ratio(r.score() / onnx.score()));
      }
      if (flops != null) {
        b.append(" | ")
            .append(String.format(Locale.ROOT, "%.2f", flops.of(r.competitor()) / r.score()));
        b.append(" | ").append(String.format(Locale.ROOT, "%,d", (long) bytes.of(r.competitor())));
      }
      b.append(" | ").append(Double.isNaN(r.alloc()) ? "n/a" : num(r.alloc())).append(" |\n");
    }
    b.append('\n');
  }

  private static String label(String competitor) {
    return switch (competitor) {
      case "generated" -> "rnnc generated, double";
      case "generatedFloat" -> "rnnc generated, float";
      case "generatedFast" -> "rnnc generated, double, `math: fast`";
      case "generatedFloatFast" -> "rnnc generated, float, `math: fast`";
      case "interpreter" -> "rnnc interpreter, double";
      case "naive" -> "hand-written Java loop, double";
      case "ejml" -> "EJML 0.43.1, double";
      case "onnx" -> "ONNX Runtime 1.20.0 Java, float32, 1 thread";
      default -> competitor;
    };
  }

  private static void compile(StringBuilder b, List<Row> rows) {
    b.append(
        "## Compile time (spec -> source -> bytecode), sparse scalar graphs, 10 edges per neuron\n\n");
    b.append(
        "Single-shot times in ms (mean ± error over the measured runs; the first, warm-up runs"
            + " are not counted).\n\n");
    Map<String, Map<String, Row>> bySize =
        new TreeMap<>((x, y) -> Long.compare(Long.parseLong(x), Long.parseLong(y)));
    for (Row r : rows) {
      bySize
          .computeIfAbsent(r.params().replace("edges=", ""), k -> new TreeMap<>())
          .put(r.method(), r);
    }
    b.append(
        "| edges | load: spec -> model (ms) | generate: model -> source (ms) | javac: source -> bytecode (ms) | total (ms) |\n");
    b.append("|---:|---:|---:|---:|---:|\n");
    for (Map.Entry<String, Map<String, Row>> e : bySize.entrySet()) {
      double total = 0;
      b.append("| ").append(String.format(Locale.ROOT, "%,d", Long.parseLong(e.getKey())));
      for (String phase : new String[] {"load", "generate", "javac"}) {
        Row r = e.getValue().get(phase);
        if (r == null) {
          b.append(" | ");
          continue;
        }
        total += r.score();
        b.append(" | ").append(num(r.score())).append(" ± ").append(num(r.error()));
      }
      b.append(" | ").append(num(total)).append(" |\n");
    }
    b.append('\n');
  }

  private static void generic(StringBuilder b, String name, List<Row> rows) {
    b.append("## ")
        .append(name)
        .append("\n\n| benchmark | params | score | unit |\n|---|---|---:|---|\n");
    for (Row r : rows) {
      b.append("| ")
          .append(r.method())
          .append(" | ")
          .append(r.params())
          .append(" | ")
          .append(num(r.score()))
          .append(" ± ")
          .append(num(r.error()))
          .append(" | ")
          .append(r.unit())
          .append(" |\n");
    }
    b.append('\n');
  }

  /** Rows grouped by parameters and mode, sizes in numeric order. */
  private static Map<String, List<Row>> groups(List<Row> rows) {
    Map<String, List<Row>> groups = new TreeMap<>(Report::compareKeys);
    for (Row r : rows) {
      groups.computeIfAbsent(r.params() + "|" + r.mode(), k -> new ArrayList<>()).add(r);
    }
    return groups;
  }

  private static int compareKeys(String x, String y) {
    long nx = firstNumber(x);
    long ny = firstNumber(y);
    return nx != ny ? Long.compare(nx, ny) : x.compareTo(y);
  }

  private static long firstNumber(String s) {
    int k = 0;
    while (k < s.length() && !Character.isDigit(s.charAt(k))) {
      k++;
    }
    int start = k;
    while (k < s.length() && Character.isDigit(s.charAt(k))) {
      k++;
    }
    return start == k ? 0 : Long.parseLong(s.substring(start, k));
  }

  private static String num(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    double a = Math.abs(v);
    String f = a >= 100 ? "%,.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, f, v);
  }

  private static String ratio(double v) {
    return String.format(Locale.ROOT, v >= 10 ? "%.0fx" : "%.2fx", v);
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // Not Linux: fall through.
    }
    return System.getProperty("os.arch");
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return String.join(", ", Arrays.copyOf(parts, 3));
    } catch (IOException e) {
      return "n/a";
    }
  }
}
