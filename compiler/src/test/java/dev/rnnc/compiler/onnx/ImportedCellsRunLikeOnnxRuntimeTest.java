package dev.rnnc.compiler.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.generate.GenerateOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Imported LSTM and GRU models ({@code cell: lstm | gru} groups) run like PyTorch (float64, 1e-12)
 * and like ONNX Runtime on the same file (float32, 1e-5), interpreted and as generated code.
 */
class ImportedCellsRunLikeOnnxRuntimeTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "lstm_linear",
        "lstm_batch_first",
        "lstm_unfolded",
        "gru_linear",
        "gru_batch_first"
      })
  void cellModelsRunLikePyTorchAndOnnxRuntime(String name) throws Exception {
    Model model = Compiler.load(OnnxCases.importInto(name, dir));
    double[][] input = OnnxCases.input(name);

    double[][] interpreted = OnnxCases.run(Compiler.interpreter(model), input);
    double[][] generated =
        OnnxCases.run(Compiler.evaluator(model, GenerateOptions.defaults()), input);

    assertThat(OnnxCases.maxDifference(interpreted, OnnxCases.expected(name)))
        .isLessThanOrEqualTo(1e-12);
    assertThat(OnnxCases.maxDifference(generated, OnnxCases.expected(name)))
        .isLessThanOrEqualTo(1e-12);
    assertThat(OnnxCases.maxDifference(interpreted, OnnxCases.onnxRuntime(name)))
        .isLessThanOrEqualTo(1e-5);
  }
}
