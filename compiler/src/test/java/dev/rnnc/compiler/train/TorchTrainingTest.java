package dev.rnnc.compiler.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.cli.CliRunner;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code rnnc train} against PyTorch autograd and torch.optim on Elman networks (fixtures made by
 * {@code src/test/resources/pytorch/make_fixtures.py} with Debian's python3-torch, float64): the
 * gradient at the initial weights, the loss of every epoch and the final weights, for Adam with MSE
 * over the whole sequence, for SGD with momentum, BCE, BPTT chunks of 7 steps and clipping, and for
 * Adam with softmax cross-entropy over a group output in chunks of 10; a Jordan network, whose
 * output feeds back into its hidden layer, with Adam in chunks of 8; and {@code nn.LSTM} (Adam,
 * chunks of 10) and {@code nn.GRU} (SGD with momentum) cells with both their biases trained.
 * Targets have empty cells.
 */
class TorchTrainingTest {

  private static final Path ROOT = Path.of("src/test/resources/pytorch");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "train_adam_mse",
        "train_sgd_bce",
        "train_adam_ce",
        "train_jordan",
        "train_lstm",
        "train_gru"
      })
  void gradientAtTheStartIsAutograds(String name, @TempDir Path tmp) throws Exception {
    Path dir = ROOT.resolve(name);
    Model model = Compiler.load(dir.resolve("spec.yaml"));
    Parameters params = Parameters.of(model.graph());
    Bptt bptt = new Bptt(model.schedule(), params);
    double[][] features = csv(dir.resolve("input.csv"));
    double[][] targets = csv(dir.resolve("target.csv"));
    Loss loss =
        name.endsWith("bce") ? Loss.BCE : name.endsWith("ce") ? Loss.CROSS_ENTROPY : Loss.MSE;
    Bptt.Pass pass = bptt.forward(features, model.schedule().layout().initialState());
    double[][] dOut = new double[features.length][pass.outputs[0].length];
    long count = 0;
    for (int t = 0; t < features.length; t++) {
      for (int c = 0; c < targets[t].length; c++) {
        if (!Double.isNaN(targets[t][c])) {
          if (loss == Loss.CROSS_ENTROPY) {
            loss.cell(pass.outputs[t], 0, pass.outputs[t].length, targets[t][c], dOut[t]);
          } else {
            loss.cell(pass.outputs[t], c, 1, targets[t][c], dOut[t]);
          }
          count++;
        }
      }
    }
    for (double[] row : dOut) {
      for (int c = 0; c < row.length; c++) {
        row[c] /= count;
      }
    }
    Parameters gradient = params.zeros();
    bptt.backward(pass, dOut, gradient);

    Graph torch = withFiles(dir, "grad_", tmp);
    assertClose(model.graph(), gradient, torch, 1e-12);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "train_adam_mse",
        "train_sgd_bce",
        "train_adam_ce",
        "train_jordan",
        "train_lstm",
        "train_gru"
      })
  void lossesAndWeightsAreTorchOptims(String name, @TempDir Path tmp) throws Exception {
    Path dir = ROOT.resolve(name);
    CliRunner.Result result = trainCase(dir, tmp.resolve("out"));

    assertThat(result.code()).as(result.err()).isZero();
    double[][] ours = csv(result.out());
    double[][] theirs = csv(Files.readString(dir.resolve("losses.csv")));
    assertThat(ours.length).isEqualTo(theirs.length);
    for (int e = 0; e < ours.length; e++) {
      assertThat(ours[e][0]).isEqualTo(theirs[e][0]);
      assertThat(Math.abs(ours[e][1] - theirs[e][1]))
          .as("epoch %d loss", e + 1)
          .isLessThanOrEqualTo(1e-12 * Math.abs(theirs[e][1]));
    }
    Graph trained = Compiler.load(tmp.resolve("out/spec.yaml")).graph();
    Graph torch = withFiles(dir, "final_", tmp);
    assertClose(trained, Parameters.of(trained), torch, 1e-12);
  }

  /**
   * Ridge readout against NumPy ({@code np.linalg.solve} on the centred normal equations) for an
   * echo state network whose readout feeds back into the reservoir (teacher-forced) and has a
   * frozen direct input edge, after a warmup.
   */
  @org.junit.jupiter.api.Test
  void ridgeReadoutIsNumpys(@TempDir Path tmp) throws Exception {
    Path dir = ROOT.resolve("ridge_esn");
    CliRunner.Result result = trainCase(dir, tmp.resolve("out"));

    assertThat(result.code()).as(result.err()).isZero();
    Graph trained = Compiler.load(tmp.resolve("out/spec.yaml")).graph();
    String spec =
        Files.readString(dir.resolve("spec.yaml"))
            .replace("{file: w_out.npy}", "{file: final_w_out.npy}")
            .replace("o: {size: 2}", "o: {size: 2, bias: {file: final_b_o.npy}}")
            .replaceAll(
                "\\{file: ([\\w.]+)\\}",
                "{file: \"" + dir.toAbsolutePath().toString().replace("\\", "/") + "/$1\"}");
    Files.writeString(tmp.resolve("expected.yaml"), spec);
    Graph numpy = Compiler.load(tmp.resolve("expected.yaml")).graph();
    assertClose(trained, Parameters.of(trained), numpy, 1e-12);
  }

  /** Runs {@code rnnc train} on a fixture case with the options in its command.txt. */
  private static CliRunner.Result trainCase(Path dir, Path out) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                dir.resolve("spec.yaml").toString(),
                "--input",
                dir.resolve("input.csv").toString(),
                "--target",
                dir.resolve("target.csv").toString(),
                "-o",
                out.toString()));
    args.addAll(List.of(Files.readString(dir.resolve("command.txt")).strip().split(" ")));
    return CliRunner.run(args.toArray(String[]::new));
  }

  /** The case's spec with each weight file {@code F} replaced by {@code PREFIX F}. */
  private static Graph withFiles(Path dir, String prefix, Path tmp) throws Exception {
    String spec = Files.readString(dir.resolve("spec.yaml"));
    for (String f : List.of("w_ih", "w_hh", "w_oh", "w_o", "b_h", "b_o", "b_ih", "b_hh")) {
      spec =
          spec.replace(
              "{file: " + f + ".npy}",
              "{file: \"" + dir.toAbsolutePath().resolve(prefix + f + ".npy") + "\"}");
    }
    Path file = tmp.resolve(prefix + "spec.yaml");
    Files.writeString(file, spec);
    return Compiler.load(file).graph();
  }

  /** Every weight and bias in {@code values} (shaped like {@code graph}) equals {@code torch}'s. */
  private static void assertClose(Graph graph, Parameters values, Graph torch, double tolerance) {
    for (Edge e : graph.edges()) {
      double[] ours = values.weights(e.index());
      double[] theirs = torch.edges().get(e.index()).weights().toArray();
      for (int i = 0; i < ours.length; i++) {
        assertThat(Math.abs(ours[i] - theirs[i]))
            .as("edge %d [%d]: %s vs %s", e.index(), i, ours[i], theirs[i])
            .isLessThanOrEqualTo(tolerance * Math.max(1.0, Math.abs(theirs[i])));
      }
    }
    Parameters expected = Parameters.of(torch);
    for (Node n : graph.nodes()) {
      double[] ours = values.bias(n.index());
      double[] theirs = expected.bias(n.index());
      for (int i = 0; i < ours.length; i++) {
        assertThat(Math.abs(ours[i] - theirs[i]))
            .as("bias of %s [%d]", n.name(), i)
            .isLessThanOrEqualTo(tolerance * Math.max(1.0, Math.abs(theirs[i])));
      }
    }
  }

  private static double[][] csv(Path file) throws Exception {
    return csv(Files.readString(file));
  }

  /** A CSV with a header; empty cells are NaN. */
  private static double[][] csv(String text) {
    List<double[]> rows = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int l = 1; l < lines.length; l++) {
      String[] cells = lines[l].replace("\"\"", "").split(",", -1);
      double[] row = new double[cells.length];
      for (int c = 0; c < cells.length; c++) {
        row[c] = cells[c].isBlank() ? Double.NaN : Double.parseDouble(cells[c]);
      }
      rows.add(row);
    }
    return rows.toArray(double[][]::new);
  }
}
