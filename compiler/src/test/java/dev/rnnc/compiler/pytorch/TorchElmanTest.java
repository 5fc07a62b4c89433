package dev.rnnc.compiler.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.generate.EvaluatorWriter;
import dev.rnnc.compiler.generate.GenerateOptions;
import dev.rnnc.compiler.generate.InMemoryCompiler;
import dev.rnnc.compiler.interpret.Interpreter;
import dev.rnnc.runtime.Evaluator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * rnnc groups reproduce {@code torch.nn.RNN} (tanh). The fixtures under {@code
 * src/test/resources/pytorch/} were made by {@code make_fixtures.py} with PyTorch in float64; this
 * test needs no Python.
 */
public class TorchElmanTest {

  static final Path CASE = Path.of("src/test/resources/pytorch/elman");

  /** Reads a CSV of doubles with a header row; returns the rows. */
  static List<double[]> readCsv(Path file) throws IOException {
    List<double[]> rows = new ArrayList<>();
    List<String> lines = Files.readAllLines(file);
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) {
        rows.add(Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
      }
    }
    return rows;
  }

  /** Runs the PyTorch case through {@code make} and returns the largest absolute difference. */
  public static double maxError(Function<Model, Evaluator> make) throws Exception {
    return maxError(CASE, make);
  }

  /** Runs the PyTorch case in {@code dir} through {@code make}; the largest absolute difference. */
  public static double maxError(Path dir, Function<Model, Evaluator> make) throws Exception {
    Model model = Compiler.load(dir.resolve("spec.yaml"));
    Evaluator ev = make.apply(model);
    List<double[]> inputs = readCsv(dir.resolve("input.csv"));
    List<double[]> expected = readCsv(dir.resolve("expected.csv"));
    assertThat(inputs).hasSize(expected.size());
    assertThat(ev.info().outputNames()).hasSize(expected.get(0).length - 1);
    double[] out = new double[ev.info().outputCount()];
    double worst = 0;
    for (int t = 0; t < inputs.size(); t++) {
      ev.step(inputs.get(t), out);
      double[] want = expected.get(t);
      assertThat(want[0]).isEqualTo(t);
      for (int k = 0; k < out.length; k++) {
        worst = Math.max(worst, Math.abs(out[k] - want[k + 1]));
      }
    }
    return worst;
  }

  @Test
  void interpreterMatchesTorchRnnTo1e12() throws Exception {
    assertThat(maxError(m -> new Interpreter(m.schedule()))).isLessThanOrEqualTo(1e-12);
  }

  @Test
  void generatedCodeMatchesTorchRnnTo1e12() throws Exception {
    assertThat(
            maxError(
                m ->
                    new InMemoryCompiler(InMemoryCompiler.STRICT)
                        .newEvaluator(
                            EvaluatorWriter.write(m.schedule(), GenerateOptions.defaults()))))
        .isLessThanOrEqualTo(1e-12);
  }
}
