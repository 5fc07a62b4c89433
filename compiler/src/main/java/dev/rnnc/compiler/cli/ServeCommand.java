package dev.rnnc.compiler.cli;

import dev.rnnc.compiler.serve.Playground;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rnnc serve}: the local playground page for a spec. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves a local web page to edit a spec and see, as you type, its diagnostics at their"
          + " lines, its network (backward edges marked), its order, backward edges and state"
          + " size, and its outputs over data you paste, plotted; the generated Java downloads"
          + " from there.",
      "It listens on 127.0.0.1 unless --host says otherwise, and reads no file but SPEC and the"
          + " weight and vocabulary files below SPEC's folder (without SPEC it edits an example"
          + " and reads no file). Nothing is written: download the spec to keep your edits.",
      "It runs until stopped with Ctrl-C."
    })
final class ServeCommand implements Callable<Integer> {

  /** The default port; when it is taken, the next few are tried. */
  static final int DEFAULT_PORT = 8765;

  private static final int PORTS_TRIED = 10;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SPEC",
      description = "The spec to edit (.yaml); without it, an example.")
  Path specFile;

  @Option(
      names = "--port",
      paramLabel = "N",
      description =
          "The port to listen on (default: "
              + DEFAULT_PORT
              + "; if it is taken, the first free one of the next "
              + (PORTS_TRIED - 1)
              + "; 0 picks any free port).")
  Integer port;

  @Option(
      names = "--host",
      paramLabel = "H",
      defaultValue = "127.0.0.1",
      description =
          "The address to listen on (default: ${DEFAULT-VALUE}, this machine only). Another"
              + " address lets other machines use the page, which has no password.")
  String host;

  /** Counted down to stop serving; the command line never does, so it serves until killed. */
  private final CountDownLatch stop;

  ServeCommand() {
    this(new CountDownLatch(1));
  }

  /** A command that serves until {@code stop} is counted down (for tests). */
  ServeCommand(CountDownLatch stop) {
    this.stop = stop;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (specFile != null) {
      Cli.requireFiles(List.of(specFile));
    }
    if (port != null && (port < 0 || port > 65535)) {
      throw new UsageException("--port must be between 0 and 65535, not " + port);
    }
    Playground playground = start(err);
    if (playground == null) {
      return Main.USAGE;
    }
    try (playground) {
      out.println("rnnc playground: " + playground.url());
      if (specFile != null) {
        Path folder = specFile.toAbsolutePath().normalize().getParent();
        out.println("  editing " + specFile + "; reading files below " + folder);
      } else {
        out.println("  editing an example; give a spec (rnnc serve SPEC) to edit yours");
      }
      out.println("  stop with Ctrl-C");
      out.flush();
      if (!playground.loopback()) {
        err.println(
            "rnnc: warning: listening on "
                + host
                + ", which other machines may reach; the page has no password");
        err.flush();
      }
      Thread hook = new Thread(stop::countDown, "rnnc-serve-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        stop.await();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // the JVM is already shutting down: the hook has run
        }
      }
    }
    return Main.OK;
  }

  /** Starts the server on the port asked for, or the first free one near the default. */
  private Playground start(PrintWriter err) {
    int first = port == null ? DEFAULT_PORT : port;
    int tries = port == null ? PORTS_TRIED : 1;
    for (int p = first; p < first + tries; p++) {
      try {
        return Playground.start(new Playground.Options(host, p, specFile));
      } catch (BindException e) {
        if (p == first + tries - 1) {
          err.println(
              "rnnc: cannot listen on "
                  + host
                  + ":"
                  + (tries == 1 ? Integer.toString(first) : first + "-" + p)
                  + " ("
                  + Cli.describe(e)
                  + "); choose another port with --port N (0 picks a free one)");
        }
      } catch (IOException e) {
        err.println("rnnc: cannot listen on " + host + ":" + p + ": " + Cli.describe(e));
        return null;
      }
    }
    return null;
  }
}
