package dev.rnnc.compiler.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.rnnc.compiler.onnx.proto.Onnx.GraphProto;
import dev.rnnc.compiler.onnx.proto.Onnx.ModelProto;
import dev.rnnc.compiler.onnx.proto.Onnx.NodeProto;
import dev.rnnc.compiler.onnx.proto.Onnx.OperatorSetIdProto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads an ONNX model file within the import limits, before anything in it is interpreted. */
final class ModelReader {

  /** The standard operator sets whose operators rnnc knows. */
  static final int MIN_OPSET = 9;

  static final int MAX_OPSET = 23;

  private static final String SAVE_HINT =
      "export the model with torch.onnx.export, or save it with onnx.save";

  private ModelReader() {}

  /** The parsed model, with its opset version checked. */
  static ModelProto read(Path file, ImportLimits limits) throws ImportException {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new ImportException("cannot read the model: " + e.getMessage(), null);
    }
    if (size > limits.maxFileBytes()) {
      throw new ImportException(
          "the model file has "
              + size
              + " bytes; the limit is "
              + limits.maxFileBytes()
              + " (larger weights belong in external data files beside it)",
          null);
    }
    ModelProto model;
    try (InputStream in = Files.newInputStream(file)) {
      CodedInputStream coded = CodedInputStream.newInstance(in);
      coded.setSizeLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()));
      model = ModelProto.parseFrom(coded);
    } catch (InvalidProtocolBufferException e) {
      throw new ImportException(
          "not an ONNX model: the file is not a valid protocol buffer (" + e.getMessage() + ")",
          SAVE_HINT);
    } catch (IOException e) {
      throw new ImportException("cannot read the model: " + e.getMessage(), null);
    }
    if (!model.hasGraph() || model.getOpsetImportCount() == 0 || model.getIrVersion() <= 0) {
      throw new ImportException(
          "not an ONNX model: it has no "
              + (!model.hasGraph()
                  ? "graph"
                  : model.getOpsetImportCount() == 0 ? "operator set" : "IR version"),
          SAVE_HINT);
    }
    checkCounts(model.getGraph(), limits);
    long opset = opset(model);
    if (opset < MIN_OPSET || opset > MAX_OPSET) {
      throw new ImportException(
          "the model uses ONNX operator set "
              + opset
              + "; rnnc imports versions "
              + MIN_OPSET
              + " to "
              + MAX_OPSET,
          "export with torch.onnx.export(..., opset_version=17)");
    }
    return model;
  }

  /** The version of the standard operator set ({@code ""} or {@code ai.onnx}), or -1. */
  static long opset(ModelProto model) {
    for (OperatorSetIdProto o : model.getOpsetImportList()) {
      if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
        return o.getVersion();
      }
    }
    return -1;
  }

  private static void checkCounts(GraphProto graph, ImportLimits limits) throws ImportException {
    if (graph.getNodeCount() > limits.maxNodes()) {
      throw new ImportException(
          "the graph has " + graph.getNodeCount() + " nodes; the limit is " + limits.maxNodes(),
          null);
    }
    long tensors = graph.getInitializerCount() + graph.getSparseInitializerCount();
    for (NodeProto n : graph.getNodeList()) {
      tensors += n.getAttributeList().stream().filter(a -> a.hasT()).count();
    }
    if (tensors > limits.maxTensors()) {
      throw new ImportException(
          "the graph has " + tensors + " tensors; the limit is " + limits.maxTensors(), null);
    }
  }
}
