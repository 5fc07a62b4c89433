package dev.rnnc.compiler.cli;

import dev.rnnc.compiler.check.Suggestions;
import dev.rnnc.runtime.InputDef;
import dev.rnnc.runtime.ModelInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.lang.model.SourceVersion;

/** {@code --input [NAME=]FILE} arguments of {@code run} and {@code train}. */
final class InputArguments {

  private InputArguments() {}

  /** An {@code --input [NAME=]FILE} argument, resolved against the model's inputs. */
  record Named(String name, String file) {}

  /**
   * Which input {@code arg} gives data to, and the file: {@code NAME=FILE} for a named input, or a
   * bare file when the model has exactly one input.
   *
   * @param option the option, for messages ({@code --input})
   * @throws UsageException if the name is not an input (with a suggestion), or the model has
   *     several inputs and none is named
   */
  static Named named(String arg, ModelInfo info, String option) {
    List<InputDef> defs = info.inputs();
    List<String> names = defs.stream().map(InputDef::name).toList();
    int eq = arg.indexOf('=');
    if (eq > 0 && names.contains(arg.substring(0, eq))) {
      return new Named(arg.substring(0, eq), arg.substring(eq + 1));
    }
    if (eq > 0 && SourceVersion.isIdentifier(arg.substring(0, eq)) && !Files.exists(Path.of(arg))) {
      String unknown = arg.substring(0, eq);
      throw new UsageException(
          "model "
              + info.name()
              + " has no input '"
              + unknown
              + "'"
              + Suggestions.didYouMean(unknown, names).map(h -> "; " + h).orElse("")
              + " (its inputs: "
              + String.join(", ", names)
              + ")");
    }
    if (defs.size() == 1) {
      return new Named(names.get(0), arg);
    }
    throw new UsageException(
        "model "
            + info.name()
            + " has several inputs ("
            + String.join(", ", names)
            + "): name each one, e.g. "
            + option
            + " "
            + names.get(0)
            + "=FILE");
  }
}
