package dev.rnnc.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the last generation of one spec read and wrote.
 *
 * @param inputs the spec file and every file it read (weights, vocabularies), absolute paths
 * @param outputs the generated files, relative to the output directory with {@code /} separators
 */
record SpecRecord(List<FileStamp> inputs, List<FileStamp> outputs) {

  SpecRecord {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /**
   * Whether generating the spec again would be wasted work: no input and no output changed or
   * disappeared since they were stamped.
   */
  boolean isUpToDate(Path outputDirectory) throws IOException {
    for (FileStamp in : inputs) {
      if (!in.matches(Path.of(in.path()))) {
        return false;
      }
    }
    for (FileStamp out : outputs) {
      if (!out.matches(outputDirectory.resolve(out.path()))) {
        return false;
      }
    }
    return true;
  }

  /** The output paths, relative to the output directory. */
  List<String> outputPaths() {
    return outputs.stream().map(FileStamp::path).toList();
  }
}
