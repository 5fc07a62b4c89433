package dev.rnnc.compiler.weights;

import dev.rnnc.compiler.check.Suggestions;
import dev.rnnc.compiler.diag.Code;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SourcePosition;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The weight files of one spec, each read once: {@code .npy} and {@code .csv} arrays ({@link
 * ArrayFiles}) and tensors of safetensors files ({@code {file: model.safetensors, tensor: NAME}}).
 * A file named several times is reported once: a bad safetensors header at the first reference, an
 * unknown tensor name at each {@code tensor:} that names it.
 */
public final class WeightFiles {

  /** How many tensor names a hint lists when none is close to the one asked for. */
  private static final int LISTED_NAMES = 8;

  private final Diagnostics sink;
  private final Map<Path, Optional<NdArray>> arrays = new HashMap<>();
  private final Map<Path, Optional<SafetensorsFile>> tensorFiles = new HashMap<>();
  private final Map<Path, Map<String, Optional<NdArray>>> tensors = new HashMap<>();

  /** Reports problems into {@code sink}. */
  public WeightFiles(Diagnostics sink) {
    this.sink = sink;
  }

  /**
   * The array in a {@code .npy} or {@code .csv} file; problems are reported at {@code at}, the
   * position of the {@code file:} value.
   */
  public Optional<NdArray> read(Path file, SourcePosition at) {
    String name = file.toString();
    Path fileName = file.getFileName();
    if (fileName != null && fileName.toString().toLowerCase(Locale.ROOT).endsWith(".safetensors")) {
      open(file, at)
          .ifPresent(
              st ->
                  sink.error(
                      Code.MISSING_KEY,
                      at,
                      "weight file '" + name + "' is a safetensors file: say which tensor to read",
                      "write {file: "
                          + fileName
                          + ", tensor: NAME}"
                          + (st.names().isEmpty()
                              ? "; the file holds no tensors"
                              : "; " + listed(st.names()))));
      return Optional.empty();
    }
    return arrays.computeIfAbsent(file, f -> ArrayFiles.read(f, at, sink));
  }

  /**
   * One tensor of a safetensors file: problems with the file are reported at {@code fileAt}, an
   * unknown name (with the closest one the file holds) at {@code tensorAt}.
   */
  public Optional<NdArray> read(
      Path file, SourcePosition fileAt, String tensor, SourcePosition tensorAt) {
    String name = file.toString();
    Optional<ArrayFiles.Format> format =
        ArrayFiles.guarded(name, fileAt, sink, () -> ArrayFiles.format(file, name));
    if (format.isEmpty()) {
      return Optional.empty();
    }
    if (format.get() != ArrayFiles.Format.SAFETENSORS) {
      sink.error(
          Code.BAD_VALUE,
          tensorAt,
          "'tensor' names a tensor of a safetensors file, but '" + name + "' is not one",
          "a .npy or .csv file holds one array: remove 'tensor', or name a .safetensors file");
      return Optional.empty();
    }
    Optional<SafetensorsFile> opened = open(file, fileAt);
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    SafetensorsFile st = opened.get();
    Map<String, Optional<NdArray>> read = tensors.computeIfAbsent(file, f -> new HashMap<>());
    if (read.containsKey(tensor)) {
      return read.get(tensor);
    }
    Optional<SafetensorsFile.Entry> entry = st.find(tensor);
    if (entry.isEmpty()) {
      sink.error(
          Code.UNKNOWN_REFERENCE,
          tensorAt,
          "weight file '" + name + "' has no tensor '" + tensor + "'",
          unknownTensorHint(tensor, st.names()));
      return Optional.empty();
    }
    Optional<NdArray> array = ArrayFiles.guarded(name, fileAt, sink, () -> st.read(entry.get()));
    read.put(tensor, array);
    return array;
  }

  /** The header of a safetensors file, read once; a problem is reported the first time. */
  private Optional<SafetensorsFile> open(Path file, SourcePosition at) {
    String name = file.toString();
    return tensorFiles.computeIfAbsent(
        file,
        f ->
            ArrayFiles.guarded(
                name,
                at,
                sink,
                () -> {
                  ArrayFiles.checkReadable(f, name);
                  return SafetensorsFile.open(f, name);
                }));
  }

  private static String unknownTensorHint(String tensor, List<String> names) {
    Optional<String> close = Suggestions.didYouMean(tensor, names);
    if (close.isPresent()) {
      return close.get();
    }
    return names.isEmpty() ? "the file holds no tensors" : listed(names);
  }

  /** {@code it holds a, b, c and 5 more}. */
  private static String listed(List<String> names) {
    List<String> shown = names.subList(0, Math.min(LISTED_NAMES, names.size()));
    return "it holds "
        + String.join(", ", shown)
        + (names.size() > shown.size() ? " and " + (names.size() - shown.size()) + " more" : "");
  }
}
