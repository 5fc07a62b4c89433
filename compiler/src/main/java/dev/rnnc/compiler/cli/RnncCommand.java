package dev.rnnc.compiler.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level command: lists the subcommands. */
@Command(
    name = "rnnc",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Compiles recurrent neural networks written as YAML specs into Java evaluators.",
    subcommands = {
      CheckCommand.class,
      CompileCommand.class,
      RunCommand.class,
      GraphCommand.class,
      TrainCommand.class,
      ImportCommand.class,
      ServeCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 ok, 1 bad spec or bad input data, 2 bad usage.",
      "Run 'rnnc COMMAND --help' for a command's options."
    })
final class RnncCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Main.USAGE;
  }
}
