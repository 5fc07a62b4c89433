package dev.rnnc.compiler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.ir.Graph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

  private static final Path DIR = Path.of("src/test/resources/train");

  private static CliRunner.Result train(Path out, String spec, String... more) {
    List<String> args = new ArrayList<>(List.of("train", DIR.resolve(spec).toString()));
    args.addAll(Arrays.asList(more));
    args.addAll(List.of("-o", out.toString()));
    return CliRunner.run(args.toArray(String[]::new));
  }

  private static String[] styleData() {
    return new String[] {
      "--input",
      "x=" + DIR.resolve("x.csv"),
      "--input",
      "words=" + DIR.resolve("w.txt"),
      "--target",
      DIR.resolve("t.csv").toString(),
      "--epochs",
      "3"
    };
  }

  @Test
  void writesTheSpecWithTrainedValuesInEveryYamlStyle(@TempDir Path tmp) throws Exception {
    CliRunner.Result r = train(tmp.resolve("out"), "styles.yaml", styleData());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("epoch,loss\n1,").contains("\n3,");
    String written = Files.readString(tmp.resolve("out/styles.yaml"));
    assertThat(written)
        .contains("vocabulary: {file: \"")
        .contains("weights: {file: edge0_x_h.npy}")
        .contains("\"h -> a\": {file: edge1_h_a.npy}")
        .contains("{from: c, to: d, weight: 2, trainable: false}")
        .contains("d: {bias: 0.25, trainable: false}")
        .contains("bias: {file: bias_h.npy}");
    assertThat(tmp.resolve("out/training.csv")).content().isEqualTo(r.out());
    assertThat(tmp.resolve("out/training.svg")).content().startsWith("<svg").contains("polyline");
    // The result is a spec like any other: it loads and runs.
    CliRunner.Result run =
        CliRunner.run(
            "run",
            tmp.resolve("out/styles.yaml").toString(),
            "--input",
            "x=" + DIR.resolve("x.csv"),
            "--input",
            "words=" + DIR.resolve("w.txt"));
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("step,c,d\n");
  }

  @Test
  void theEditorsSchemaModelinePointsAtTheSameSchemaFromTheOutput(@TempDir Path tmp)
      throws IOException {
    Path model = Files.createDirectories(tmp.resolve("model"));
    Files.writeString(
        model.resolve("m.yaml"),
        """
        # yaml-language-server: $schema=../specs/rnnc.schema.json
        rnnc: 1
        name: M
        inputs: {x: {type: vector, size: 1}}
        neurons: {y: {}}
        edges: [{from: x, to: y, weight: 0.5}]
        outputs: [y]
        """);
    Files.writeString(model.resolve("x.csv"), "1\n2\n");
    Files.writeString(model.resolve("t.csv"), "y\n1\n2\n");
    Path out = tmp.resolve("src/main/rnnc");

    CliRunner.Result r =
        CliRunner.run(
            "train",
            model.resolve("m.yaml").toString(),
            "--input",
            model.resolve("x.csv").toString(),
            "--target",
            model.resolve("t.csv").toString(),
            "-o",
            out.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(out.resolve("m.yaml")))
        .startsWith("# yaml-language-server: $schema=../../../specs/rnnc.schema.json\nrnnc: 1\n");
  }

  @Test
  void sameCommandGivesTheSameBytes(@TempDir Path tmp) throws IOException {
    train(tmp.resolve("a"), "styles.yaml", styleData());
    train(tmp.resolve("b"), "styles.yaml", styleData());

    try (Stream<Path> files = Files.list(tmp.resolve("a"))) {
      for (Path f : files.toList()) {
        assertThat(Files.readAllBytes(tmp.resolve("b").resolve(f.getFileName())))
            .as(f.getFileName().toString())
            .isEqualTo(Files.readAllBytes(f));
      }
    }
  }

  @Test
  void sparseZerosAndFrozenEdgesStayAsTheyWere(@TempDir Path tmp) throws Exception {
    Graph before = Compiler.load(DIR.resolve("sparse.yaml")).graph();

    CliRunner.Result r =
        train(
            tmp.resolve("out"),
            "sparse.yaml",
            "--input",
            DIR.resolve("x4.csv").toString(),
            "--target",
            DIR.resolve("y.csv").toString(),
            "--optimizer",
            "adam",
            "--lr",
            "0.05",
            "--epochs",
            "20",
            "--bptt",
            "5",
            "--clip",
            "1");

    assertThat(r.code()).as(r.err()).isZero();
    String[] rows = r.out().strip().split("\n");
    double first = Double.parseDouble(rows[1].split(",")[1]);
    double last = Double.parseDouble(rows[rows.length - 1].split(",")[1]);
    assertThat(last).isLessThan(first);
    Graph after = Compiler.load(tmp.resolve("out/sparse.yaml")).graph();
    double[] sparseBefore = before.edges().get(1).weights().toArray();
    double[] sparseAfter = after.edges().get(1).weights().toArray();
    int zeros = 0;
    for (int i = 0; i < sparseBefore.length; i++) {
      if (sparseBefore[i] == 0.0) {
        zeros++;
        assertThat(sparseAfter[i]).isZero();
      } else {
        assertThat(sparseAfter[i]).isNotEqualTo(sparseBefore[i]);
      }
    }
    assertThat(zeros).isGreaterThan(5);
    assertThat(after.edges().get(2).weights()).isEqualTo(before.edges().get(2).weights());
    assertThat(after.edges().get(0).weights()).isNotEqualTo(before.edges().get(0).weights());
  }

  @Test
  void badTargetsAreLocatedErrors(@TempDir Path tmp) throws IOException {
    Path targets = tmp.resolve("bad.csv");
    Files.writeString(targets, "c,dd\n1,2\nx,1\n");

    CliRunner.Result r =
        train(
            tmp.resolve("out"),
            "styles.yaml",
            "--input",
            "x=" + DIR.resolve("x.csv"),
            "--input",
            "words=" + DIR.resolve("w.txt"),
            "--target",
            targets.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains(targets + ":1:3: error: 'dd' is not an output column of Styles")
        .contains("did you mean 'd'?");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void targetRowsMustMatchTheSteps(@TempDir Path tmp) throws IOException {
    Path targets = tmp.resolve("short.csv");
    Files.writeString(targets, "c\n1\n");

    CliRunner.Result r =
        train(
            tmp.resolve("out"),
            "styles.yaml",
            "--input",
            "x=" + DIR.resolve("x.csv"),
            "--input",
            "words=" + DIR.resolve("w.txt"),
            "--target",
            targets.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("target has 1 rows but the inputs make 3 steps");
  }

  @Test
  void bceNeedsOutputsInTheUnitInterval(@TempDir Path tmp) {
    CliRunner.Result r =
        train(
            tmp.resolve("out"),
            "sparse.yaml",
            "--input",
            DIR.resolve("x4.csv").toString(),
            "--target",
            DIR.resolve("y.csv").toString(),
            "--loss",
            "bce");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("bce targets lie in [0, 1]");
  }

  @Test
  void usageMistakesExitTwo(@TempDir Path tmp) {
    String[] data = {
      "--input", DIR.resolve("x4.csv").toString(), "--target", DIR.resolve("y.csv").toString()
    };
    assertThat(train(tmp, "sparse.yaml", concat(data, "--bptt", "0")).err())
        .contains("--bptt must be 'full' or a number of steps >= 1");
    assertThat(train(tmp, "sparse.yaml", concat(data, "--optimizer", "rmsprop")).code())
        .isEqualTo(2);
    assertThat(train(DIR, "sparse.yaml", data).err()).contains("would overwrite the spec itself");
    CliRunner.Result twoTargets =
        train(tmp, "sparse.yaml", concat(data, "--target", DIR.resolve("y.csv").toString()));
    assertThat(twoTargets.code()).isEqualTo(2);
    assertThat(twoTargets.err()).contains("give one of each per sequence");
  }

  @Test
  void severalSequencesAndValidation(@TempDir Path tmp) {
    String x = DIR.resolve("x4.csv").toString();
    String y = DIR.resolve("y.csv").toString();

    CliRunner.Result r =
        train(
            tmp.resolve("out"),
            "sparse.yaml",
            "--input",
            x,
            "--target",
            y,
            "--input",
            x,
            "--target",
            y,
            "--validation-input",
            x,
            "--validation-target",
            y,
            "--epochs",
            "2");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("epoch,loss,validation_loss\n1,");
    assertThat(r.out().strip().split("\n")).hasSize(3);
  }

  @Test
  void trainableMustBeABoolean(@TempDir Path tmp) throws IOException {
    Path spec = tmp.resolve("bad.yaml");
    Files.writeString(
        spec,
        "rnnc: 1\nname: Bad\nneurons:\n  a: {trainable: 3}\n  b: {}\n"
            + "edges:\n  - {from: a, to: b, weight: 1, trainable: maybe}\noutputs: [b]\n");

    CliRunner.Result r = CliRunner.run("check", spec.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains("bad.yaml:4:18: error:")
        .contains("bad.yaml:7:44: error: expected true or false");
  }

  @Test
  void ridgeFitsOnlyLinearReadoutsAndTakesItsOwnOptions(@TempDir Path tmp) {
    String[] data = {
      "--input", DIR.resolve("x4.csv").toString(), "--target", DIR.resolve("y.csv").toString()
    };

    CliRunner.Result mixed =
        train(tmp, "sparse.yaml", concat(data, "--method", "ridge", "--lr", "1"));
    assertThat(mixed.code()).isEqualTo(2);
    assertThat(mixed.err()).contains("--lr is for gradient training, not --method ridge");
    assertThat(train(tmp, "sparse.yaml", concat(data, "--warmup", "3")).err())
        .contains("--warmup is for --method ridge");

    // y's incoming edge is frozen: nothing to fit but the bias, which ridge fits as the mean.
    CliRunner.Result fit =
        train(tmp.resolve("out"), "sparse.yaml", concat(data, "--method", "ridge"));
    assertThat(fit.code()).as(fit.err()).isZero();
    assertThat(fit.out()).startsWith("epoch,loss\n1,");
  }

  @Test
  void divergenceStopsAndWritesNothing(@TempDir Path tmp) {
    CliRunner.Result r =
        train(
            tmp.resolve("out"),
            "sparse.yaml",
            "--input",
            DIR.resolve("x4.csv").toString(),
            "--target",
            DIR.resolve("y.csv").toString(),
            "--lr",
            "1e300",
            "--epochs",
            "5");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("training diverged in epoch").contains("lower --lr");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void aModelWithoutInputsRunsOneStepPerTargetRow(@TempDir Path tmp) {
    // The oscillator learns to rotate by 0.3 rad per step from its initial values.
    CliRunner.Result r =
        CliRunner.run(
            "train",
            "../specs/examples/oscillator.yaml",
            "--target",
            DIR.resolve("rotation.csv").toString(),
            "--optimizer",
            "adam",
            "--epochs",
            "150",
            "-o",
            tmp.resolve("out").toString());

    assertThat(r.code()).as(r.err()).isZero();
    String[] rows = r.out().strip().split("\n");
    assertThat(Double.parseDouble(rows[rows.length - 1].split(",")[1]))
        .isLessThan(Double.parseDouble(rows[1].split(",")[1]) / 100);
    assertThat(
            CliRunner.run(
                    "train",
                    "../specs/examples/oscillator.yaml",
                    "--input",
                    DIR.resolve("x.csv").toString(),
                    "--target",
                    DIR.resolve("rotation.csv").toString(),
                    "-o",
                    tmp.resolve("other").toString())
                .err())
        .contains("has no inputs: give only --target files");
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
