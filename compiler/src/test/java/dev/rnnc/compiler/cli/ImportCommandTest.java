package dev.rnnc.compiler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.SpecFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rnnc import}: files written, exit codes, and nothing written for a bad model. */
class ImportCommandTest {

  @TempDir Path dir;

  private static String model(String name) {
    return SpecFiles.resource("onnx/" + name + ".onnx").toString();
  }

  private static long files(Path d) throws IOException {
    if (!Files.exists(d)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.count();
    }
  }

  @Test
  void importsAModelThatRunRuns() throws IOException {
    Path out = dir.resolve("models");

    CliRunner.Result r = CliRunner.run("import", model("rnn_linear"), "-o", out.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("wrote " + out.resolve("rnn_linear.yaml") + "\n")
        .contains("wrote " + out.resolve("rnn_linear_h_w_hh.npy"));
    assertThat(files(out)).isEqualTo(6);

    Path input = SpecFiles.resource("onnx/rnn_linear/input.csv");
    CliRunner.Result run =
        CliRunner.run(
            "run", out.resolve("rnn_linear.yaml").toString(), "--input", input.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("step,y[0],y[1]\n0,");

    CliRunner.Result again = CliRunner.run("import", model("rnn_linear"), "-o", out.toString());
    assertThat(again.out()).startsWith("unchanged " + out.resolve("rnn_linear.yaml"));
  }

  @Test
  void aModelRnncCannotImportWritesNothingAndExits1() throws IOException {
    Path out = dir.resolve("models");

    CliRunner.Result r =
        CliRunner.run("import", model("unsupported_layer_norm"), "-o", out.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .startsWith(
            model("unsupported_layer_norm")
                + ": error: node '/norm/LayerNormalization' (LayerNormalization) is an operator"
                + " that rnnc does not import\n"
                + "  hint: rnnc imports RNN, LSTM and GRU layers (one direction)")
        .endsWith(")\nrnnc: nothing written\n");
    assertThat(files(out)).isZero();
  }

  @Test
  void badUsageExits2() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "x");

    assertThat(CliRunner.run("import", model("rnn_linear")).code()).isEqualTo(2);
    assertThat(CliRunner.run("import", dir.resolve("missing.onnx").toString(), "-o", "x").err())
        .contains("missing.onnx: no such file");
    CliRunner.Result notADir = CliRunner.run("import", model("rnn_linear"), "-o", file.toString());
    assertThat(notADir.code()).isEqualTo(2);
    assertThat(notADir.err()).contains(file + ": not a directory");
  }

  @Test
  void helpDescribesTheCommand() {
    CliRunner.Result r = CliRunner.run("import", "--help");

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: rnnc import").contains("MODEL.onnx").contains("-o");
    assertThat(CliRunner.run("--help").out()).contains("import");
  }
}
