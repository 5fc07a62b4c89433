package dev.rnnc.examples.mackeyglass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rnnc.compiler.cli.Main;
import dev.rnnc.runtime.Evaluator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The echo state network of README.md: its read-out, fitted by ridge regression, forecasts the
 * held-out part of the series one step ahead, and, fed its own forecasts, runs on alone.
 */
class MackeyGlassEsnTest {

  private static final double[] TRAIN = column("data/train_input.csv");
  private static final double[] TEST = column("data/test_input.csv");
  private static final double[] TEST_TARGET = column("data/test_target.csv");

  @Test
  void refittingGivesTheCommittedModel(@TempDir Path tmp) throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new String[] {
              "train",
              "model/mackey_glass.yaml",
              "--method",
              "ridge",
              "--ridge",
              "1e-8",
              "--input",
              "data/train_input.csv",
              "--target",
              "data/train_target.csv",
              "-o",
              tmp.toString()
            },
            new PrintWriter(out),
            new PrintWriter(err));

    assertThat(code).as(err.toString()).isZero();
    // The read-out's weights and bias, exactly; the reservoir stays as model/ declares it.
    assertThat(Files.readAllBytes(tmp.resolve("edge2_r_y.npy")))
        .isEqualTo(Files.readAllBytes(Path.of("src/main/rnnc/edge2_r_y.npy")));
    assertThat(line(tmp.resolve("mackey_glass.yaml"), "  y:"))
        .isEqualTo(line(Path.of("src/main/rnnc/mackey_glass.yaml"), "  y:"));
  }

  private static String line(Path file, String prefix) throws IOException {
    return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix)).findFirst().get();
  }

  @Test
  void forecastsOneStepAhead() {
    Evaluator esn = warmedUp();
    double[] forecast = new double[TEST.length];
    double[] out = new double[1];
    for (int t = 0; t < TEST.length; t++) {
      esn.step(new double[] {TEST[t]}, out);
      forecast[t] = out[0];
    }

    Score s = score(forecast, TEST.length);
    assertThat(s.nrmseVar()).isCloseTo(0.00398, within(0.00001)); // README.md
    assertThat(s.r2()).isGreaterThan(0.999999);
  }

  @Test
  void runsOnAloneFedItsOwnForecasts() {
    Evaluator esn = warmedUp();
    double[] forecast = new double[TEST.length];
    double[] out = new double[1];
    double u = TEST[0]; // the last value it was shown; from here on it sees only itself
    for (int t = 0; t < TEST.length; t++) {
      esn.step(new double[] {u}, out);
      forecast[t] = out[0];
      u = out[0];
    }

    // Good for about ten steps, then drifting away: the numbers README.md shows.
    assertThat(score(forecast, 10).r2()).isCloseTo(0.9934, within(0.0001));
    assertThat(score(forecast, 25).r2()).isCloseTo(0.8383, within(0.0001));
    assertThat(score(forecast, 100).r2()).isCloseTo(0.8253, within(0.0001));
  }

  /** The network after the training inputs, as the fit saw it. */
  private static Evaluator warmedUp() {
    Evaluator esn = new MackeyGlassEsn();
    double[] out = new double[1];
    for (double u : TRAIN) {
      esn.step(new double[] {u}, out);
    }
    return esn;
  }

  /** ReservoirPy's nrmse(norm="var") (RMSE over the variance) and R², over the first n steps. */
  private record Score(double nrmseVar, double r2) {}

  private static Score score(double[] forecast, int n) {
    double mean = 0;
    for (int t = 0; t < n; t++) {
      mean += TEST_TARGET[t] / n;
    }
    double se = 0;
    double var = 0;
    for (int t = 0; t < n; t++) {
      se += Math.pow(forecast[t] - TEST_TARGET[t], 2);
      var += Math.pow(TEST_TARGET[t] - mean, 2);
    }
    return new Score(Math.sqrt(se / n) / (var / n), 1 - se / var);
  }

  private static double[] column(String file) {
    try {
      return Files.readAllLines(Path.of(file)).stream()
          .skip(1)
          .filter(l -> !l.isBlank())
          .mapToDouble(Double::parseDouble)
          .toArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
