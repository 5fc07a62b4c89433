package dev.rnnc.compiler.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** The {@code rnnc} command line. {@link #main} only exits with what {@link #run} returns. */
public final class Main {

  /** Exit code: success. */
  public static final int OK = 0;

  /** Exit code: a bad spec or bad input data. */
  public static final int BAD_INPUT = 1;

  /** Exit code: bad usage (unknown option, missing argument, missing file). */
  public static final int USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = run(args, out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs the command line with the given streams and returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new RnncCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExitCodeExceptionMapper(e -> USAGE);
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          CommandLine cmd = ex.getCommandLine();
          cmd.getErr().println("rnnc: " + ex.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(ex, cmd.getErr());
          cmd.getErr()
              .println(
                  "Try '"
                      + cmd.getCommandSpec().qualifiedName()
                      + " --help' for more information.");
          return USAGE;
        });
    cli.setExecutionExceptionHandler(
        (ex, cmd, parseResult) -> {
          if (ex instanceof UsageException u) {
            cmd.getErr().println("rnnc: " + u.getMessage());
            return USAGE;
          }
          throw ex;
        });
    int code;
    try {
      code = cli.execute(args);
    } catch (OutOfMemoryError e) {
      // Not a stack trace: say what to do (SPEC.md, Limits).
      out.flush();
      err.println(
          "rnnc: out of memory ("
              + (Runtime.getRuntime().maxMemory() >> 20)
              + " MiB of heap). Move large inline matrices into .npy files ({file: w.npy}), or"
              + " give the JVM more memory, e.g. RNNC_JAVA_OPTS=-Xmx4g ./rnnc ...");
      code = BAD_INPUT;
    }
    out.flush();
    err.flush();
    return code;
  }
}
