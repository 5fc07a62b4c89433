package dev.rnnc.compiler.onnx;

import dev.rnnc.compiler.check.Names;
import dev.rnnc.compiler.onnx.proto.Onnx.ModelProto;
import dev.rnnc.compiler.output.GeneratedFile;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code rnnc import}: turns an ONNX model of recurrent layers (as {@code torch.onnx.export} writes
 * {@code nn.RNN}, {@code nn.LSTM} and {@code nn.GRU} with {@code nn.Linear} heads) into a spec and
 * its float64 {@code .npy} weight files. The spec has one vector input {@code x}; its outputs are
 * the groups that compute the model's outputs; it runs like the model on a batch of one sequence.
 */
public final class OnnxImporter {

  private OnnxImporter() {}

  /**
   * The files of the imported model, to be written into one directory: {@code NAME.yaml} first
   * (NAME: the model's file name without its extension), then its weight files {@code
   * NAME_<group>_<what>.npy}. The same model always gives the same files.
   *
   * @throws ImportException if the model cannot be read or holds something rnnc cannot express
   */
  public static List<GeneratedFile> importModel(Path model, ImportLimits limits)
      throws ImportException {
    ModelProto proto = ModelReader.read(model, limits);
    String stem = stem(model);
    Path dir = model.toAbsolutePath().normalize().getParent();
    String producer = (proto.getProducerName() + " " + proto.getProducerVersion()).trim();
    String header =
        "Imported by rnnc from "
            + Nodes.printable(String.valueOf(model.getFileName()))
            + " ("
            + (producer.isEmpty() ? "" : Nodes.printable(producer) + ", ")
            + "ONNX operator set "
            + ModelReader.opset(proto)
            + ").";
    SpecBuilder spec = new SpecBuilder(className(stem), fileNamePart(stem), header);
    new GraphMapper(proto.getGraph(), ModelReader.opset(proto), new TensorReader(dir, limits), spec)
        .map();
    return spec.files(Path.of(specFileName(model)));
  }

  /** {@code DIR/<this>}: the model's file name with {@code .yaml} for its extension. */
  public static String specFileName(Path model) {
    return fileNamePart(stem(model)) + ".yaml";
  }

  /** The model's file name without its extension. */
  private static String stem(Path model) {
    String name = String.valueOf(model.getFileName());
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /** The class name: the stem in UpperCamelCase, at most 200 characters. */
  static String className(String stem) {
    String name = Names.suggestClassName(stem);
    return name.length() > 200 ? name.substring(0, 200) : name;
  }

  /** The stem with anything but ASCII letters, digits, '-' and '_' made '_' (at most 100). */
  static String fileNamePart(String stem) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < stem.length() && out.length() < 100; i++) {
      char c = stem.charAt(i);
      boolean plain = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-');
      out.append(plain && !(out.length() == 0 && c == '-') ? c : '_');
    }
    return out.length() == 0 ? "model" : out.toString();
  }
}
