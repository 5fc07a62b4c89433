package dev.rnnc.compiler.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.generate.GenerateOptions;
import dev.rnnc.compiler.onnx.proto.Onnx.GraphProto;
import dev.rnnc.compiler.onnx.proto.Onnx.ModelProto;
import dev.rnnc.compiler.onnx.proto.Onnx.NodeProto;
import dev.rnnc.compiler.onnx.proto.Onnx.TensorProto;
import dev.rnnc.compiler.onnx.proto.Onnx.ValueInfoProto;
import dev.rnnc.compiler.output.GeneratedFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Models exported by {@code torch.onnx.export} import into specs that run like PyTorch (float64,
 * 1e-12) and like ONNX Runtime on the same file (float32, 1e-5); LSTM and GRU layers import with
 * their gates in PyTorch's order. (That LSTM and GRU specs also run like both is {@link
 * ImportedCellsRunLikeOnnxRuntimeTest}.)
 */
class OnnxImporterTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {"rnn_linear", "rnn_relu_batch_first", "rnn_gemm", "rnn_mlp", "rnn_unfolded"})
  void rnnModelsRunLikePyTorchAndOnnxRuntime(String name) throws Exception {
    Model model = Compiler.load(OnnxCases.importInto(name, dir));
    double[][] input = OnnxCases.input(name);

    double[][] interpreted = OnnxCases.run(Compiler.interpreter(model), input);
    double[][] generated =
        OnnxCases.run(Compiler.evaluator(model, GenerateOptions.defaults()), input);

    assertThat(OnnxCases.maxDifference(interpreted, OnnxCases.expected(name)))
        .isLessThanOrEqualTo(1e-12);
    assertThat(OnnxCases.maxDifference(generated, interpreted)).isZero();
    assertThat(OnnxCases.maxDifference(interpreted, OnnxCases.onnxRuntime(name)))
        .isLessThanOrEqualTo(1e-5);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "rnn_linear",
        "rnn_relu_batch_first",
        "rnn_gemm",
        "rnn_mlp",
        "rnn_unfolded",
        "lstm_linear",
        "lstm_batch_first",
        "lstm_unfolded",
        "gru_linear",
        "gru_batch_first"
      })
  void theFixturesAgree(String name) throws Exception {
    // What the comparisons rest on: ONNX Runtime in float32 and PyTorch in float64 agree.
    assertThat(OnnxCases.maxDifference(OnnxCases.onnxRuntime(name), OnnxCases.expected(name)))
        .isLessThanOrEqualTo(1e-5);
  }

  @Test
  void rnnSpecText() throws Exception {
    Path spec = OnnxCases.importInto("rnn_linear", dir);

    assertThat(spec.getFileName()).hasToString("rnn_linear.yaml");
    assertThat(Files.readString(spec))
        .isEqualTo(
            """
            # Imported by rnnc from rnn_linear.onnx (pytorch 1.13.0, ONNX operator set 14).
            rnnc: 1
            name: RnnLinear
            inputs:
              x: {type: vector, size: 3}
            groups:
              # from ONNX /rnn/RNN (RNN): bias = Wb + Rb
              h: {size: 5, activation: tanh, bias: {file: rnn_linear_h_b.npy}}
              # from ONNX /head/MatMul (MatMul), /head/Add (Add)
              y: {size: 2, bias: {file: rnn_linear_y_b.npy}}
            edges:
              - {from: x, to: h, weights: {file: rnn_linear_h_w_ih.npy}}
              - {from: h, to: h, weights: {file: rnn_linear_h_w_hh.npy}, delay: 1}
              - {from: h, to: y, weights: {file: rnn_linear_y_w.npy}}
            outputs: [y]
            """);
    // The RNN's one bias is PyTorch's two added in double (exact for floats).
    double[] bih = OnnxCases.npy(OnnxCases.file("rnn_linear", "bias_ih_l0.npy")).data();
    double[] bhh = OnnxCases.npy(OnnxCases.file("rnn_linear", "bias_hh_l0.npy")).data();
    double[] b = OnnxCases.npy(dir.resolve("rnn_linear_h_b.npy")).data();
    for (int i = 0; i < b.length; i++) {
      assertThat(b[i]).isEqualTo(bih[i] + bhh[i]);
    }
    assertThat(OnnxCases.npy(dir.resolve("rnn_linear_h_w_ih.npy")))
        .isEqualTo(OnnxCases.npy(OnnxCases.file("rnn_linear", "weight_ih_l0.npy")));
    assertThat(OnnxCases.npy(dir.resolve("rnn_linear_h_w_hh.npy")))
        .isEqualTo(OnnxCases.npy(OnnxCases.file("rnn_linear", "weight_hh_l0.npy")));
  }

  @Test
  void lstmSpecText() throws Exception {
    Path spec = OnnxCases.importInto("lstm_linear", dir);

    assertThat(Files.readString(spec))
        .isEqualTo(
            """
            # Imported by rnnc from lstm_linear.onnx (pytorch 1.13.0, ONNX operator set 14).
            rnnc: 1
            name: LstmLinear
            inputs:
              x: {type: vector, size: 3}
            groups:
              # from ONNX /rnn/LSTM (LSTM): gates i, o, f, c reordered to i, f, g, o
              h: {cell: lstm, size: 5, bias: {file: lstm_linear_h_b_ih.npy}, \
            recurrent_bias: {file: lstm_linear_h_b_hh.npy}}
              # from ONNX /head/MatMul (MatMul), /head/Add (Add)
              y: {size: 2, bias: {file: lstm_linear_y_b.npy}}
            edges:
              - {from: x, to: h, weights: {file: lstm_linear_h_w_ih.npy}}
              - {from: h, to: h, weights: {file: lstm_linear_h_w_hh.npy}}
              - {from: h, to: y, weights: {file: lstm_linear_y_w.npy}}
            outputs: [y]
            """);
  }

  @Test
  void gruSpecText() throws Exception {
    Path spec = OnnxCases.importInto("gru_batch_first", dir);

    assertThat(Files.readString(spec))
        .isEqualTo(
            """
            # Imported by rnnc from gru_batch_first.onnx (pytorch 1.13.0, ONNX operator set 14).
            rnnc: 1
            name: GruBatchFirst
            inputs:
              x: {type: vector, size: 3}
            groups:
              # from ONNX /rnn/GRU (GRU): gates z, r, h reordered to r, z, n
              h: {cell: gru, size: 4, bias: {file: gru_batch_first_h_b_ih.npy}, \
            recurrent_bias: {file: gru_batch_first_h_b_hh.npy}}
              # from ONNX /head/MatMul (MatMul), /head/Add (Add)
              y: {size: 2, bias: {file: gru_batch_first_y_b.npy}}
            edges:
              - {from: x, to: h, weights: {file: gru_batch_first_h_w_ih.npy}}
              - {from: h, to: h, weights: {file: gru_batch_first_h_w_hh.npy}}
              - {from: h, to: y, weights: {file: gru_batch_first_y_w.npy}}
            outputs: [y]
            """);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "lstm_linear",
        "lstm_batch_first",
        "lstm_unfolded",
        "gru_linear",
        "gru_batch_first"
      })
  void cellWeightsAreInPyTorchsGateOrder(String name) throws Exception {
    OnnxCases.importInto(name, dir);

    for (String[] pair :
        List.of(
            new String[] {"h_w_ih", "weight_ih_l0"},
            new String[] {"h_w_hh", "weight_hh_l0"},
            new String[] {"h_b_ih", "bias_ih_l0"},
            new String[] {"h_b_hh", "bias_hh_l0"})) {
      assertThat(OnnxCases.npy(dir.resolve(name + "_" + pair[0] + ".npy")))
          .as(pair[0])
          .isEqualTo(OnnxCases.npy(OnnxCases.file(name, pair[1] + ".npy")));
    }
  }

  @Test
  void theSameModelGivesTheSameBytes() throws Exception {
    List<GeneratedFile> first =
        OnnxImporter.importModel(OnnxCases.model("rnn_mlp"), ImportLimits.DEFAULT);
    List<GeneratedFile> second =
        OnnxImporter.importModel(OnnxCases.model("rnn_mlp"), ImportLimits.DEFAULT);

    assertThat(second).hasSameSizeAs(first);
    for (int i = 0; i < first.size(); i++) {
      assertThat(second.get(i).relativePath()).isEqualTo(first.get(i).relativePath());
      assertThat(second.get(i).bytes()).isEqualTo(first.get(i).bytes());
    }
    assertThat(first)
        .extracting(f -> f.relativePath().toString())
        .containsExactly(
            "rnn_mlp.yaml",
            "rnn_mlp_h_b.npy",
            "rnn_mlp_fc_b.npy",
            "rnn_mlp_y_b.npy",
            "rnn_mlp_h_w_ih.npy",
            "rnn_mlp_h_w_hh.npy",
            "rnn_mlp_fc_w.npy",
            "rnn_mlp_y_w.npy");
    assertThat(new String(first.get(0).bytes(), StandardCharsets.UTF_8))
        .contains("fc: {size: 4, activation: relu")
        .contains("y: {size: 3, activation: sigmoid");
  }

  @Test
  void aSequenceOfVectorsUnsqueezedToABatchOfOneImports() throws Exception {
    // rnn_linear with input x: [steps, 3], made [steps, 1, 3] by an Unsqueeze before the RNN.
    ModelProto m = ModelProto.parseFrom(Files.readAllBytes(OnnxCases.model("rnn_linear")));
    GraphProto.Builder g = m.getGraph().toBuilder();
    ValueInfoProto.Builder x = g.getInput(0).toBuilder();
    x.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().removeDim(1);
    g.setInput(0, x);
    g.addInitializer(
        TensorProto.newBuilder()
            .setName("axis1")
            .setDataType(TensorProto.DataType.INT64_VALUE)
            .addDims(1)
            .addInt64Data(1));
    g.addNode(
        0,
        NodeProto.newBuilder()
            .setName("u")
            .setOpType("Unsqueeze")
            .addInput("x")
            .addInput("axis1")
            .addOutput("x3"));
    for (int i = 0; i < g.getNodeCount(); i++) {
      if (g.getNode(i).getOpType().equals("RNN")) {
        g.setNode(i, g.getNode(i).toBuilder().setInput(0, "x3"));
      }
    }
    Path model =
        Files.write(
            dir.resolve("rnn_linear.onnx"), m.toBuilder().setGraph(g).build().toByteArray());

    List<GeneratedFile> variant = OnnxImporter.importModel(model, ImportLimits.DEFAULT);
    List<GeneratedFile> original =
        OnnxImporter.importModel(OnnxCases.model("rnn_linear"), ImportLimits.DEFAULT);

    assertThat(variant).hasSameSizeAs(original);
    for (int i = 0; i < original.size(); i++) {
      assertThat(variant.get(i).bytes()).isEqualTo(original.get(i).bytes());
    }
  }

  @Test
  void classAndFileNamesComeFromTheModelsFileName() {
    assertThat(OnnxImporter.className("rnn_linear")).isEqualTo("RnnLinear");
    assertThat(OnnxImporter.className("my-model.v2")).isEqualTo("MyModelV2");
    assertThat(OnnxImporter.className("2layers")).isEqualTo("Model2layers");
    assertThat(OnnxImporter.className("ü")).isEqualTo("Model");
    assertThat(OnnxImporter.specFileName(Path.of("dir/my model.onnx"))).isEqualTo("my_model.yaml");
    assertThat(OnnxImporter.specFileName(Path.of("lstm"))).isEqualTo("lstm.yaml");
    assertThat(OnnxImporter.fileNamePart("-x")).isEqualTo("_x");
  }
}
