package dev.rnnc.compiler.pytorch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.generate.EvaluatorWriter;
import dev.rnnc.compiler.generate.GenerateOptions;
import dev.rnnc.compiler.generate.InMemoryCompiler;
import dev.rnnc.compiler.interpret.Interpreter;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code cell: lstm} and {@code cell: gru} groups reproduce {@code torch.nn.LSTM} and {@code
 * torch.nn.GRU} in double to 1e-12, with one input or with weight_ih split over two inputs, from a
 * zero or a given initial h. Fixtures by {@code make_fixtures.py} (float64, mkldnn off).
 */
class TorchCellTest {

  private static Path dir(String name) {
    return Path.of("src/test/resources/pytorch", name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"lstm", "lstm_h0_two_inputs", "gru", "gru_h0_two_inputs"})
  void interpreterMatchesTorch(String name) throws Exception {
    assertThat(TorchElmanTest.maxError(dir(name), m -> new Interpreter(m.schedule())))
        .isLessThanOrEqualTo(1e-12);
  }

  @ParameterizedTest
  @ValueSource(strings = {"lstm", "lstm_h0_two_inputs", "gru", "gru_h0_two_inputs"})
  void generatedCodeMatchesTorch(String name) throws Exception {
    assertThat(
            TorchElmanTest.maxError(
                dir(name),
                m ->
                    new InMemoryCompiler(InMemoryCompiler.STRICT)
                        .newEvaluator(
                            EvaluatorWriter.write(m.schedule(), GenerateOptions.defaults()))))
        .isLessThanOrEqualTo(1e-12);
  }
}
