package dev.rnnc.examples.sunspots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rnnc.compiler.cli.Main;
import dev.rnnc.runtime.Evaluator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SunspotsTest {

  /** The first year whose sunspot number the model did not see in training. */
  private static final int FIRST_TEST_YEAR = 1921;

  /**
   * Retraining gives PyTorch's loss curve (same model, same start, Adam, 300 epochs) to 1e-9, and
   * exactly the trained spec and weights committed in src/main/rnnc, which the build compiled.
   */
  @Test
  void retrainingFollowsPyTorchAndGivesTheCommittedModel() throws IOException {
    Path trained = besideSrcMainRnnc();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new String[] {
              "train",
              "model/sunspots.yaml",
              "--input",
              "data/train_input.csv",
              "--target",
              "data/train_target.csv",
              "--optimizer",
              "adam",
              "--lr",
              "0.01",
              "--epochs",
              "300",
              "-o",
              trained.toString()
            },
            new PrintWriter(out),
            new PrintWriter(err));

    assertThat(code).as(err.toString()).isZero();
    List<double[]> ours = csv(out.toString());
    List<double[]> torch = csv(Files.readString(Path.of("data/torch_losses.csv")));
    assertThat(ours).hasSize(300).hasSameSizeAs(torch);
    for (int e = 0; e < ours.size(); e++) {
      assertThat(ours.get(e)[1])
          .as("epoch %d", e + 1)
          .isCloseTo(torch.get(e)[1], within(1e-9 * torch.get(e)[1]));
    }
    try (Stream<Path> committed = Files.list(Path.of("src/main/rnnc"))) {
      for (Path file : committed.toList()) {
        assertThat(Files.readAllBytes(trained.resolve(file.getFileName())))
            .as(file.toString())
            .isEqualTo(Files.readAllBytes(file));
      }
    }
  }

  /**
   * On the years it never saw (1921-2008), the generated evaluator's one-year-ahead forecast is far
   * better than repeating last year's number.
   */
  @Test
  void forecastsHeldOutYearsBetterThanPersistence() throws IOException {
    List<double[]> rows = csv(Files.readString(Path.of("data/sunspots.csv")));
    Evaluator model = new Sunspots();
    double[] out = new double[1];
    double model2 = 0;
    double persistence2 = 0;
    int n = 0;
    for (int k = 0; k + 1 < rows.size(); k++) {
      model.step(new double[] {rows.get(k)[1] / 100}, out);
      if (rows.get(k + 1)[0] >= FIRST_TEST_YEAR) {
        double actual = rows.get(k + 1)[1];
        model2 += Math.pow(out[0] * 100 - actual, 2);
        persistence2 += Math.pow(rows.get(k)[1] - actual, 2);
        n++;
      }
    }
    double rmse = Math.sqrt(model2 / n);
    double persistence = Math.sqrt(persistence2 / n);

    assertThat(n).isEqualTo(88);
    assertThat(rmse).isCloseTo(17.83, within(0.01)); // as README.md says
    assertThat(persistence).isCloseTo(30.44, within(0.01));
  }

  private static List<double[]> csv(String text) {
    return text.lines()
        .skip(1)
        .filter(l -> !l.isBlank())
        .map(l -> Stream.of(l.split(",")).mapToDouble(Double::parseDouble).toArray())
        .toList();
  }

  /**
   * A new folder as deep below the project as src/main/rnnc, so that the path the trained spec's
   * editor modeline gives to specs/rnnc.schema.json comes out as committed.
   */
  private static Path besideSrcMainRnnc() throws IOException {
    Files.createDirectories(Path.of("target"));
    return Files.createTempDirectory(Path.of("target"), "retrained").resolve("rnnc");
  }
}
