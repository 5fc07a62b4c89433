package dev.rnnc.compiler.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process for tests and captures what it prints. */
public final class CliRunner {

  private CliRunner() {}

  /** Exit code, standard output and standard error of one run. */
  public record Result(int code, String out, String err) {}

  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }
}
