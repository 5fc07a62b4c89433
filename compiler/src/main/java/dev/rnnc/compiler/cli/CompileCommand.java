package dev.rnnc.compiler.cli;

import dev.rnnc.compiler.Compiler;
import dev.rnnc.compiler.check.Names;
import dev.rnnc.compiler.diag.DiagnosticRenderer;
import dev.rnnc.compiler.generate.GenerateOptions;
import dev.rnnc.compiler.output.ClassClaims;
import dev.rnnc.compiler.output.GeneratedFile;
import dev.rnnc.compiler.output.OutputDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnnc compile}: generates one Java evaluator class per spec. */
@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    description = {
      "Generates a Java evaluator class for each spec, below DIR in its package's directories.",
      "Nothing is written unless every spec compiles: a failed compile leaves DIR as it was."
    })
final class CompileCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin SpecFiles specs;

  @Option(
      names = {"-d", "--directory"},
      paramLabel = "DIR",
      required = true,
      description = "Output source root (created if missing).")
  Path directory;

  @Option(
      names = "--package",
      paramLabel = "P",
      description = "Java package for the generated classes, instead of each spec's package:.")
  String javaPackage;

  @Option(
      names = "--standalone",
      description = "Generate code that depends on nothing, not even rnnc-runtime.")
  boolean standalone;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Path> files = specs.existing();
    if (directory.toString().isEmpty()) {
      throw new UsageException("-d needs a directory name (use -d . for the current directory)");
    }
    if (javaPackage != null && !javaPackage.isEmpty()) {
      Names.packageProblem(javaPackage)
          .ifPresent(
              problem -> {
                throw new UsageException(
                    "--package '"
                        + javaPackage
                        + "' "
                        + problem
                        + ": it is not a valid Java package name here");
              });
    }
    if (Files.exists(directory) && !Files.isDirectory(directory)) {
      throw new UsageException(directory + ": not a directory");
    }
    Compiler.Generation generation =
        Compiler.generateAll(
            files,
            file -> new GenerateOptions(javaPackage, standalone, file.toString()),
            new ClassClaims("--package", javaPackage));
    if (!generation.ok()) {
      err.print(new DiagnosticRenderer().render(generation.problems()));
      err.println("rnnc: nothing written");
      return Main.BAD_INPUT;
    }
    try {
      List<Path> written = OutputDirectory.write(directory, generation.files());
      for (GeneratedFile f : generation.files()) {
        Path target = directory.resolve(f.relativePath());
        out.println((written.contains(target) ? "wrote " : "unchanged ") + target);
      }
    } catch (IOException e) {
      String file =
          e instanceof FileSystemException f && f.getFile() != null ? f.getFile() + ": " : "";
      err.println(
          "rnnc: cannot write to "
              + directory
              + ": "
              + file
              + Cli.describe(e)
              + "; nothing written");
      return Main.BAD_INPUT;
    }
    return Main.OK;
  }
}
