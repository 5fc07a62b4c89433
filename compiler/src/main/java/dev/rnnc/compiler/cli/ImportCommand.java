package dev.rnnc.compiler.cli;

import dev.rnnc.compiler.onnx.ImportException;
import dev.rnnc.compiler.onnx.ImportLimits;
import dev.rnnc.compiler.onnx.OnnxImporter;
import dev.rnnc.compiler.output.GeneratedFile;
import dev.rnnc.compiler.output.OutputDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rnnc import}: turns an ONNX model of recurrent layers into a spec and weight files. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Turns an ONNX model into a spec (DIR/NAME.yaml, NAME being the model's file name without"
          + " .onnx) and its weights (.npy files beside it).",
      "Imports what torch.onnx.export writes for nn.RNN, nn.LSTM and nn.GRU (one layer after"
          + " another, one direction, batch_first or not) with nn.Linear and Tanh, Sigmoid or"
          + " ReLU after them. The spec's input is x (one step's features); it runs like the"
          + " model on a batch of one sequence, starting from a zero state.",
      "Nothing is written unless the whole model imports."
    },
    footer = {
      "",
      "Example, after torch.onnx.export(model, x, 'model.onnx') in Python:",
      "  rnnc import model.onnx -o models/",
      "  rnnc run models/model.yaml --input steps.csv"
    })
final class ImportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The ONNX model file.")
  Path model;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      required = true,
      description = "Where the spec and its weight files are written (created if missing).")
  Path outDir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Cli.requireFiles(List.of(model));
    if (outDir.toString().isEmpty()) {
      throw new UsageException("-o needs a directory name (use -o . for the current directory)");
    }
    if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
      throw new UsageException(outDir + ": not a directory");
    }
    List<GeneratedFile> files;
    try {
      files = OnnxImporter.importModel(model, ImportLimits.DEFAULT);
    } catch (ImportException e) {
      for (String problem : e.problems()) {
        err.println(model + ": error: " + problem);
      }
      if (e.hint() != null) {
        err.println("  hint: " + e.hint());
      }
      err.println("rnnc: nothing written");
      return Main.BAD_INPUT;
    }
    try {
      List<Path> written = OutputDirectory.write(outDir, files);
      for (GeneratedFile f : files) {
        Path target = outDir.resolve(f.relativePath());
        out.println((written.contains(target) ? "wrote " : "unchanged ") + target);
      }
    } catch (IOException e) {
      err.println("rnnc: cannot write to " + outDir + ": " + Cli.describe(e) + "; nothing written");
      return Main.BAD_INPUT;
    }
    return Main.OK;
  }
}
