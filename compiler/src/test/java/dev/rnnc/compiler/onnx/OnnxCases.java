package dev.rnnc.compiler.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.rnnc.compiler.SpecFiles;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SourcePosition;
import dev.rnnc.compiler.output.GeneratedFile;
import dev.rnnc.compiler.output.OutputDirectory;
import dev.rnnc.compiler.weights.ArrayFiles;
import dev.rnnc.compiler.weights.NdArray;
import dev.rnnc.runtime.Evaluator;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The ONNX fixtures of {@code src/test/resources/onnx/} (made by its {@code make_fixtures.py}):
 * each case's model, input and PyTorch outputs, and the two ways to run it here, rnnc on the
 * imported spec and ONNX Runtime on the model itself.
 */
final class OnnxCases {

  private OnnxCases() {}

  static Path model(String name) {
    return SpecFiles.resource("onnx/" + name + ".onnx");
  }

  static Path file(String name, String file) {
    return SpecFiles.resource("onnx/" + name + "/" + file);
  }

  /** Imports a case into {@code dir}; returns the spec's path. */
  static Path importInto(String name, Path dir) throws ImportException, IOException {
    List<GeneratedFile> files = OnnxImporter.importModel(model(name), ImportLimits.DEFAULT);
    OutputDirectory.write(dir, files);
    return dir.resolve(files.get(0).relativePath());
  }

  /** A CSV with a header row, as rows of numbers; {@code skip} leading columns left out. */
  static double[][] csv(Path file, int skip) throws IOException {
    List<double[]> rows = new ArrayList<>();
    List<String> lines = Files.readAllLines(file);
    for (String line : lines.subList(1, lines.size())) {
      double[] row = Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray();
      rows.add(Arrays.copyOfRange(row, skip, row.length));
    }
    return rows.toArray(double[][]::new);
  }

  static double[][] input(String name) throws IOException {
    return csv(file(name, "input.csv"), 0);
  }

  /** PyTorch's outputs, computed in float64. */
  static double[][] expected(String name) throws IOException {
    return csv(file(name, "expected.csv"), 1);
  }

  /** A .npy fixture file's array. */
  static NdArray npy(Path file) {
    Diagnostics sink = new Diagnostics();
    NdArray array = ArrayFiles.read(file, SourcePosition.startOf(file), sink).orElseThrow();
    assertThat(sink.all()).isEmpty();
    return array;
  }

  /** The outputs of {@code evaluator} at every step of {@code input}. */
  static double[][] run(Evaluator evaluator, double[][] input) {
    double[][] out = new double[input.length][evaluator.info().outputCount()];
    for (int t = 0; t < input.length; t++) {
      evaluator.step(input[t], out[t]);
    }
    return out;
  }

  /**
   * ONNX Runtime's outputs for the case's float32 input (one thread): the first output, one row per
   * step (a batch of one, so the tensor's elements are already in step order).
   */
  static double[][] onnxRuntime(String name) throws OrtException {
    NdArray x = npy(file(name, "input.npy"));
    int[] shape = x.shape();
    float[] values = new float[x.data().length];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) x.data()[i];
    }
    int steps = shape[0] == 1 ? shape[1] : shape[0];
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      try (OrtSession session = env.createSession(model(name).toString(), options);
          OnnxTensor tensor =
              OnnxTensor.createTensor(
                  env, FloatBuffer.wrap(values), Arrays.stream(shape).asLongStream().toArray());
          OrtSession.Result result = session.run(Map.of("x", tensor))) {
        FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
        int width = out.remaining() / steps;
        double[][] rows = new double[steps][width];
        for (int t = 0; t < steps; t++) {
          for (int k = 0; k < width; k++) {
            rows[t][k] = out.get(t * width + k);
          }
        }
        return rows;
      }
    }
  }

  /** The largest absolute difference between two tables of the same shape. */
  static double maxDifference(double[][] a, double[][] b) {
    assertThat(a.length).isEqualTo(b.length);
    double worst = 0;
    for (int t = 0; t < a.length; t++) {
      assertThat(a[t]).hasSameSizeAs(b[t]);
      for (int k = 0; k < a[t].length; k++) {
        worst = Math.max(worst, Math.abs(a[t][k] - b[t][k]));
      }
    }
    return worst;
  }
}
