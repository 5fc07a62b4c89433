package dev.rnnc.compiler.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.ByteString;
import dev.rnnc.compiler.onnx.proto.Onnx.AttributeProto;
import dev.rnnc.compiler.onnx.proto.Onnx.GraphProto;
import dev.rnnc.compiler.onnx.proto.Onnx.ModelProto;
import dev.rnnc.compiler.onnx.proto.Onnx.NodeProto;
import dev.rnnc.compiler.onnx.proto.Onnx.OperatorSetIdProto;
import dev.rnnc.compiler.onnx.proto.Onnx.StringStringEntryProto;
import dev.rnnc.compiler.onnx.proto.Onnx.TensorProto;
import dev.rnnc.compiler.onnx.proto.Onnx.ValueInfoProto;
import dev.rnnc.compiler.output.GeneratedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models that rnnc cannot import, from damaged files to operators it has no equivalent for: each is
 * refused with a message that names what is wrong (the node and operator, the tensor, the limit)
 * and costs no more than the limits allow.
 */
class HostileModelsTest {

  @TempDir Path dir;

  private static ModelProto fixture(String name) throws IOException {
    return ModelProto.parseFrom(Files.readAllBytes(OnnxCases.model(name)));
  }

  private Path save(ModelProto model) throws IOException {
    return Files.write(dir.resolve("model.onnx"), model.toByteArray());
  }

  /** {@code name} with its graph changed by {@code change}. */
  private Path changed(String name, UnaryOperator<GraphProto.Builder> change) throws IOException {
    ModelProto m = fixture(name);
    return save(m.toBuilder().setGraph(change.apply(m.getGraph().toBuilder())).build());
  }

  private static ImportException reject(Path model, ImportLimits limits) {
    try {
      OnnxImporter.importModel(model, limits);
    } catch (ImportException e) {
      return e;
    }
    throw new AssertionError("imported: " + model);
  }

  private static ImportException reject(Path model) {
    return reject(model, ImportLimits.DEFAULT);
  }

  private static int index(GraphProto.Builder g, String op) {
    for (int i = 0; i < g.getNodeCount(); i++) {
      if (g.getNode(i).getOpType().equals(op)) {
        return i;
      }
    }
    throw new AssertionError("no " + op + " node");
  }

  private static TensorProto.Builder floats(String name, long[] dims, float... values) {
    TensorProto.Builder t =
        TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
    for (long d : dims) {
      t.addDims(d);
    }
    for (float v : values) {
      t.addFloatData(v);
    }
    return t;
  }

  // ---- damaged and oversized files -------------------------------------------------------------

  @Test
  void truncatedFile() throws IOException {
    byte[] bytes = Files.readAllBytes(OnnxCases.model("rnn_linear"));
    Path cut = Files.write(dir.resolve("cut.onnx"), Arrays.copyOf(bytes, bytes.length / 2));

    ImportException e = reject(cut);

    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("not an ONNX model: the file is not a valid protocol buffer (");
    assertThat(e.hint()).contains("torch.onnx.export");
  }

  @Test
  void emptyAndTextFiles() throws IOException {
    assertThat(reject(Files.write(dir.resolve("empty.onnx"), new byte[0])).problems())
        .containsExactly("not an ONNX model: it has no graph");
    assertThat(reject(Files.writeString(dir.resolve("text.onnx"), "hello, world\n")).problems())
        .singleElement()
        .asString()
        .startsWith("not an ONNX model");
  }

  @Test
  void fileOverTheSizeLimit() {
    ImportLimits small = new ImportLimits(100, 100, 100, 8, 1000, 1000);

    assertThat(reject(OnnxCases.model("rnn_linear"), small).problems())
        .singleElement()
        .asString()
        .matches("the model file has \\d+ bytes; the limit is 100 .*");
  }

  @Test
  void hugeDimensionsAreRefusedBeforeAnythingIsAllocated() throws IOException {
    Path model =
        changed(
            "rnn_linear",
            g -> g.addInitializer(floats("huge", new long[] {1L << 20, 1L << 20, 1L << 20})));

    assertThat(reject(model).problems())
        .containsExactly(
            "initializer 'huge' has shape [1048576, 1048576, 1048576], more than 33554432 values");
  }

  @Test
  void negativeDimensionsTooManyDimensionsAndMismatchedData() throws IOException {
    assertThat(
            reject(changed("rnn_linear", g -> g.addInitializer(floats("n", new long[] {-3}))))
                .problems())
        .containsExactly("initializer 'n' has a negative dimension (-3)");
    assertThat(
            reject(
                    changed(
                        "rnn_linear",
                        g ->
                            g.addInitializer(
                                floats("r", new long[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, 1))))
                .problems())
        .containsExactly("initializer 'r' has 9 dimensions; the limit is 8");
    assertThat(
            reject(changed("rnn_linear", g -> g.addInitializer(floats("d", new long[] {3}, 1, 2))))
                .problems())
        .containsExactly("initializer 'd' has 2 values; its shape [3] needs 3");
    TensorProto.Builder raw =
        TensorProto.newBuilder()
            .setName("raw")
            .setDataType(TensorProto.DataType.FLOAT_VALUE)
            .addDims(2)
            .setRawData(ByteString.copyFrom(new byte[7]));
    assertThat(reject(changed("rnn_linear", g -> g.addInitializer(raw))).problems())
        .containsExactly("initializer 'raw' has 7 bytes of data; its shape and type need 8");
  }

  @Test
  void tooManyTensorsNodesOrValues() {
    assertThat(
            reject(OnnxCases.model("rnn_linear"), new ImportLimits(1 << 20, 3, 100, 8, 1000, 1000))
                .problems())
        .singleElement()
        .asString()
        .matches("the graph has \\d+ tensors; the limit is 3");
    assertThat(
            reject(OnnxCases.model("rnn_linear"), new ImportLimits(1 << 20, 100, 5, 8, 1000, 1000))
                .problems())
        .containsExactly("the graph has 14 nodes; the limit is 5");
    assertThat(
            reject(OnnxCases.model("rnn_linear"), new ImportLimits(1 << 20, 100, 100, 8, 1000, 20))
                .problems())
        .containsExactly("the model's tensors hold more than 20 values in all");
  }

  @Test
  void stringTensorsAreRefused() throws IOException {
    TensorProto.Builder s =
        TensorProto.newBuilder()
            .setName("s")
            .setDataType(TensorProto.DataType.STRING_VALUE)
            .addStringData(ByteString.copyFromUtf8("x"));

    ImportException e = reject(changed("rnn_linear", g -> g.addInitializer(s)));

    assertThat(e.problems()).containsExactly("initializer 's' has data type STRING");
  }

  // ---- external data
  // -----------------------------------------------------------------------------

  /** rnn_linear with the head's bias moved to an external file at {@code location}. */
  private Path withExternalBias(String location, long offset, long length) throws IOException {
    return changed(
        "rnn_linear",
        g -> {
          for (int i = 0; i < g.getInitializerCount(); i++) {
            if (g.getInitializer(i).getName().equals("head.bias")) {
              TensorProto.Builder t =
                  g.getInitializer(i).toBuilder().clearRawData().clearFloatData();
              t.setDataLocation(TensorProto.DataLocation.EXTERNAL)
                  .addExternalData(entry("location", location))
                  .addExternalData(entry("offset", Long.toString(offset)));
              if (length >= 0) {
                t.addExternalData(entry("length", Long.toString(length)));
              }
              g.setInitializer(i, t);
            }
          }
          return g;
        });
  }

  private static StringStringEntryProto entry(String key, String value) {
    return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
  }

  private static byte[] headBias() throws IOException {
    for (TensorProto t : fixture("rnn_linear").getGraph().getInitializerList()) {
      if (t.getName().equals("head.bias")) {
        return t.getRawData().toByteArray();
      }
    }
    throw new AssertionError("no head.bias");
  }

  @Test
  void externalDataInsideTheModelsFolderIsRead() throws Exception {
    byte[] bias = headBias();
    byte[] padded = new byte[16 + bias.length];
    System.arraycopy(bias, 0, padded, 16, bias.length);
    Files.write(dir.resolve("weights.bin"), padded);

    List<GeneratedFile> external =
        OnnxImporter.importModel(
            withExternalBias("weights.bin", 16, bias.length), ImportLimits.DEFAULT);
    List<GeneratedFile> inline =
        OnnxImporter.importModel(OnnxCases.model("rnn_linear"), ImportLimits.DEFAULT);

    for (int i = 1; i < inline.size(); i++) {
      assertThat(external.get(i).bytes()).isEqualTo(inline.get(i).bytes());
    }
  }

  @Test
  void externalDataOutsideTheModelsFolderIsRefused() throws IOException {
    Files.write(dir.getParent().resolve("outside-" + dir.getFileName() + ".bin"), headBias());

    ImportException up =
        reject(withExternalBias("../outside-" + dir.getFileName() + ".bin", 0, -1));
    ImportException absolute = reject(withExternalBias("/etc/passwd", 0, -1));

    assertThat(up.problems())
        .containsExactly(
            "initializer 'head.bias' is stored in '../outside-"
                + dir.getFileName()
                + ".bin', outside the model's folder");
    assertThat(up.hint()).startsWith("external data is read only from files in the model's folder");
    assertThat(absolute.problems())
        .containsExactly(
            "initializer 'head.bias' is stored in '/etc/passwd', outside the model's folder");
    Files.delete(dir.getParent().resolve("outside-" + dir.getFileName() + ".bin"));
  }

  @Test
  void aLinkToOutsideTheFolderIsRefused() throws IOException {
    Path target = Files.write(Files.createTempFile("rnnc-outside", ".bin"), headBias());
    try {
      try {
        Files.createSymbolicLink(dir.resolve("link.bin"), target);
      } catch (UnsupportedOperationException | IOException e) {
        assumeTrue(false, "no symbolic links here");
      }

      assertThat(reject(withExternalBias("link.bin", 0, -1)).problems())
          .containsExactly(
              "initializer 'head.bias' is stored in 'link.bin', a link to outside the model's folder");
    } finally {
      Files.delete(target);
    }
  }

  @Test
  void externalDataMustBeThereAndOfTheRightSize() throws IOException {
    Files.write(dir.resolve("short.bin"), new byte[4]);

    assertThat(reject(withExternalBias("missing.bin", 0, -1)).problems())
        .containsExactly(
            "initializer 'head.bias' is stored in 'missing.bin', which is missing or not a regular file");
    assertThat(reject(withExternalBias("short.bin", 0, -1)).problems())
        .containsExactly(
            "initializer 'head.bias' has 4 bytes of external data; its shape and type need 8");
    assertThat(reject(withExternalBias("short.bin", 2, 8)).problems())
        .containsExactly(
            "initializer 'head.bias' is stored at bytes [2, 10) of 'short.bin', which has 4 bytes");
    assertThat(reject(withExternalBias("short.bin", -1, -1)).problems())
        .containsExactly(
            "initializer 'head.bias' has external data offset '-1', not a non-negative integer");
  }

  // ---- what rnnc has no equivalent for
  // ---------------------------------------------------------------

  @Test
  void unsupportedOperatorsAreNamedWithWhatIsSupported() {
    ImportException e = reject(OnnxCases.model("unsupported_layer_norm"));

    assertThat(e.problems())
        .containsExactly(
            "node '/norm/LayerNormalization' (LayerNormalization) is an operator that rnnc does"
                + " not import");
    assertThat(e.hint())
        .startsWith("rnnc imports RNN, LSTM and GRU layers (one direction), MatMul with Add, Gemm,")
        .contains("Tanh, Sigmoid and Relu")
        .contains("ConstantOfShape");
  }

  @Test
  void everyUnsupportedNodeIsReported() throws IOException {
    Path model =
        changed(
            "rnn_linear",
            g -> {
              g.setNode(
                  index(g, "MatMul"), g.getNode(index(g, "MatMul")).toBuilder().setOpType("Conv"));
              g.setNode(
                  index(g, "Add"),
                  g.getNode(index(g, "Add")).toBuilder().setName("").setDomain("com.acme"));
              return g;
            });

    assertThat(reject(model).problems())
        .containsExactly(
            "node '/head/MatMul' (Conv) is an operator that rnnc does not import",
            "the Add node making 'y' is from the operator domain 'com.acme', which rnnc does not"
                + " import");
  }

  @Test
  void bidirectionalLayers() {
    ImportException e = reject(OnnxCases.model("unsupported_bidirectional"));

    assertThat(e.problems())
        .containsExactly(
            "node '/rnn/LSTM' (LSTM) runs over the sequence in both directions (direction ="
                + " bidirectional)");
    assertThat(e.hint()).contains("bidirectional=False");
  }

  /** {@code name} with an attribute of its recurrent node replaced (or added). */
  private Path withAttribute(String name, String op, AttributeProto attribute) throws IOException {
    return changed(
        name,
        g -> {
          NodeProto.Builder n = g.getNode(index(g, op)).toBuilder();
          for (int i = 0; i < n.getAttributeCount(); i++) {
            if (n.getAttribute(i).getName().equals(attribute.getName())) {
              n.removeAttribute(i);
            }
          }
          return g.setNode(index(g, op), n.addAttribute(attribute));
        });
  }

  private static AttributeProto intAttribute(String name, long value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }

  @Test
  void gruWithTheResetGateBeforeTheRecurrentWeights() throws IOException {
    ImportException e =
        reject(withAttribute("gru_linear", "GRU", intAttribute("linear_before_reset", 0)));

    assertThat(e.problems())
        .containsExactly(
            "node '/rnn/GRU' (GRU) has linear_before_reset = 0: its reset gate multiplies the"
                + " previous state before the recurrent weights");
    assertThat(e.hint()).contains("linear_before_reset = 1");
  }

  @Test
  void attributesThatChangeTheLayer() throws IOException {
    AttributeProto clip =
        AttributeProto.newBuilder()
            .setName("clip")
            .setType(AttributeProto.AttributeType.FLOAT)
            .setF(3)
            .build();
    AttributeProto sigmoid =
        AttributeProto.newBuilder()
            .setName("activations")
            .setType(AttributeProto.AttributeType.STRINGS)
            .addStrings(ByteString.copyFromUtf8("Sigmoid"))
            .build();
    AttributeProto odd = intAttribute("frobnicate", 1);

    assertThat(reject(withAttribute("rnn_linear", "RNN", clip)).problems())
        .containsExactly("node '/rnn/RNN' (RNN) has attribute 'clip'");
    assertThat(reject(withAttribute("rnn_linear", "RNN", sigmoid)).problems())
        .containsExactly("node '/rnn/RNN' (RNN) has activations [Sigmoid]");
    assertThat(
            reject(withAttribute("lstm_linear", "LSTM", intAttribute("input_forget", 1)))
                .problems())
        .containsExactly(
            "node '/rnn/LSTM' (LSTM) couples the input and forget gates (input_forget = 1)");
    assertThat(reject(withAttribute("rnn_linear", "MatMul", odd)).hint())
        .isEqualTo("rnnc imports this operator without attributes");
    assertThat(reject(withAttribute("gru_linear", "GRU", odd)).hint())
        .isEqualTo(
            "rnnc imports this operator with the attributes activation_alpha, activation_beta,"
                + " activations, clip, direction, hidden_size, layout, linear_before_reset");
    assertThat(reject(withAttribute("rnn_linear", "MatMul", odd)).problems())
        .containsExactly(
            "node '/head/MatMul' (MatMul) has attribute 'frobnicate', which rnnc does not import");
  }

  @Test
  void aNonZeroInitialState() throws IOException {
    Path model =
        changed(
            "rnn_linear",
            g -> {
              int i = index(g, "ConstantOfShape");
              AttributeProto one =
                  AttributeProto.newBuilder()
                      .setName("value")
                      .setType(AttributeProto.AttributeType.TENSOR)
                      .setT(floats("", new long[] {1}, 1))
                      .build();
              return g.setNode(i, g.getNode(i).toBuilder().clearAttribute().addAttribute(one));
            });

    ImportException e = reject(model);

    assertThat(e.problems())
        .containsExactly("node '/rnn/RNN' (RNN) has initial_h that is not zero");
    assertThat(e.hint()).startsWith("rnnc starts every sequence from a zero state");
  }

  @Test
  void theStateAfterTheLastStepAsAnOutput() throws IOException {
    Path model =
        changed(
            "rnn_linear",
            g ->
                g.addOutput(
                    ValueInfoProto.newBuilder().setName(g.getNode(index(g, "RNN")).getOutput(1))));

    ImportException e = reject(model);

    assertThat(e.problems())
        .containsExactly(
            "output Y_h of node '/rnn/RNN' (RNN), the state after the last step, is used: it is"
                + " the graph's output '/rnn/RNN_output_1'");
    assertThat(e.hint()).contains("an output at every step");
  }

  @Test
  void twoInputs() throws IOException {
    Path model = changed("rnn_linear", g -> g.addInput(g.getInput(0).toBuilder().setName("h0")));

    assertThat(reject(model).problems()).containsExactly("the graph has 2 inputs ('x', 'h0')");
  }

  @Test
  void aBatchOfSeveralSequences() throws IOException {
    ModelProto m = fixture("rnn_relu_batch_first");
    GraphProto.Builder g = m.getGraph().toBuilder();
    ValueInfoProto.Builder x = g.getInput(0).toBuilder();
    x.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().getDimBuilder(0).setDimValue(2);
    g.setInput(0, x);

    ImportException e = reject(save(m.toBuilder().setGraph(g).build()));

    assertThat(e.problems()).containsExactly("the graph's input has a batch of 2 sequences");
  }

  @Test
  void nodesOutOfOrder() throws IOException {
    Path model =
        changed(
            "rnn_linear",
            g -> {
              NodeProto add = g.getNode(index(g, "Add"));
              g.removeNode(index(g, "Add"));
              g.addNode(0, add);
              return g;
            });

    ImportException e = reject(model);

    assertThat(e.problems())
        .containsExactly(
            "node '/head/Add' (Add) reads '/head/MatMul_output_0', which no earlier node makes");
    assertThat(e.hint()).contains("topological order");
  }

  @Test
  void anOperatorSetRnncDoesNotKnow() throws IOException {
    ModelProto m = fixture("rnn_linear");
    ModelProto newer =
        m.toBuilder()
            .setOpsetImport(0, OperatorSetIdProto.newBuilder().setDomain("").setVersion(99))
            .build();

    assertThat(reject(save(newer)).problems())
        .containsExactly("the model uses ONNX operator set 99; rnnc imports versions 9 to 23");
  }

  @Test
  void noRecurrentLayer() throws IOException {
    // x -> MatMul -> Add: a model of steps that do not depend on each other.
    Path model =
        changed(
            "rnn_linear",
            g -> {
              GraphProto.Builder out = g.clone().clearNode();
              out.addNode(g.getNode(index(g, "MatMul")).toBuilder().setInput(0, "x"));
              out.addNode(g.getNode(index(g, "Add")));
              for (int i = 0; i < out.getInitializerCount(); i++) {
                if (out.getInitializer(i).getName().equals("onnx::MatMul_41")) {
                  out.setInitializer(
                      i, floats("onnx::MatMul_41", new long[] {3, 2}, 1, 2, 3, 4, 5, 6));
                }
              }
              return out;
            });

    assertThat(reject(model).problems())
        .singleElement()
        .asString()
        .endsWith("is not a sequence read by a recurrent layer");
  }
}
