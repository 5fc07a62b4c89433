package dev.rnnc.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.cli.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every canonical spec under {@code specs/examples/} checks and runs through the CLI. */
class ExampleSpecsTest {

  static final Path EXAMPLES = Path.of("../specs/examples");

  static Stream<Path> specs() throws IOException {
    try (Stream<Path> s = Files.list(EXAMPLES)) {
      List<Path> specs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertThat(specs).isNotEmpty();
      return specs.stream();
    }
  }

  /** The run arguments for each example: its sample input, or a number of steps. */
  static String[] runArgs(Path spec) {
    String name = spec.getFileName().toString();
    return switch (name) {
      case "window_sentiment.yaml" ->
          new String[] {"--input", EXAMPLES.resolve("review.txt").toString()};
      case "elman.yaml", "jordan.yaml", "sensor_window.yaml" ->
          new String[] {"--input", EXAMPLES.resolve("sine.csv").toString()};
      case "order_matters.yaml" ->
          new String[] {"--input", EXAMPLES.resolve("ones.csv").toString()};
      case "reservoir.yaml", "leaky_reservoir.yaml" ->
          new String[] {"--input", EXAMPLES.resolve("signal.csv").toString()};
      case "hand_lstm.yaml", "lstm_cell.yaml" ->
          new String[] {"--input", EXAMPLES.resolve("two_signals.csv").toString()};
      case "oscillator.yaml" -> new String[] {"--steps", "20"};
      default -> throw new AssertionError("add run arguments for new example " + name);
    };
  }

  /** {@code run SPEC <its sample input>}. */
  static String[] runCommand(Path spec) {
    String[] extra = runArgs(spec);
    String[] args = new String[extra.length + 2];
    args[0] = "run";
    args[1] = spec.toString();
    System.arraycopy(extra, 0, args, 2, extra.length);
    return args;
  }

  @ParameterizedTest
  @MethodSource("specs")
  void checks(Path spec) {
    CliRunner.Result r = CliRunner.run("check", spec.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains(": ok").contains("order:");
    CliRunner.Result json = CliRunner.run("check", "--json", spec.toString());
    assertThat(json.code()).isZero();
    assertThat(json.out())
        .contains("\"order\":[")
        .contains("\"backward\":[")
        .contains("\"state_size\":")
        .contains("\"order_optimal\":");
  }

  @ParameterizedTest
  @MethodSource("specs")
  void generatedCodePrintsExactlyWhatTheInterpreterPrints(Path spec) {
    String[] args = runCommand(spec);
    CliRunner.Result generated = CliRunner.run(args);
    assertThat(generated.err()).isEmpty();
    assertThat(generated.code()).isZero();
    String[] interpreted = java.util.Arrays.copyOf(args, args.length + 1);
    interpreted[args.length] = "--interpret";
    assertThat(generated.out()).isEqualTo(CliRunner.run(interpreted).out());
  }

  @ParameterizedTest
  @MethodSource("specs")
  void runsWithTheInterpreter(Path spec) {
    String[] plain = runCommand(spec);
    String[] args = java.util.Arrays.copyOf(plain, plain.length + 1);
    args[plain.length] = "--interpret";
    CliRunner.Result r = CliRunner.run(args);
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).startsWith("step,");
    assertThat(lines.size()).isGreaterThan(1);
    int columns = lines.get(0).split(",").length;
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split(",");
      assertThat(cells).hasSize(columns);
      assertThat(cells[0]).isEqualTo(Integer.toString(i - 1));
      for (int c = 1; c < cells.length; c++) {
        assertThat(Double.isFinite(Double.parseDouble(cells[c]))).isTrue();
      }
    }
  }
}
