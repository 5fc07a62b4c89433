package dev.rnnc.compiler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code rnnc serve}: what it prints, how it stops, and its usage errors. */
@Timeout(60)
class ServeCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private CommandLine command(CountDownLatch stop) {
    CommandLine cli = new CommandLine(new ServeCommand(stop));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          if (ex instanceof UsageException u) {
            cmd.getErr().println("rnnc: " + u.getMessage());
            return Main.USAGE;
          }
          throw ex;
        });
    return cli;
  }

  private String printed() {
    synchronized (out.getBuffer()) {
      return out.toString();
    }
  }

  @Test
  void printsItsAddressServesTheSpecAndStops() throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> code =
          thread.submit(() -> command(stop).execute("../specs/examples/elman.yaml", "--port", "0"));
      Pattern url = Pattern.compile("rnnc playground: (http://127\\.0\\.0\\.1:[0-9]+/)");
      Matcher m = url.matcher("");
      for (int i = 0; i < 200 && !(m = url.matcher(printed())).find(); i++) {
        Thread.sleep(50);
      }
      assertThat(m.find(0)).as(printed() + err).isTrue();
      assertThat(printed())
          .contains("editing ../specs/examples/elman.yaml; reading files below ")
          .contains("stop with Ctrl-C");
      HttpResponse<String> spec =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(m.group(1) + "api/spec")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(spec.body()).contains("\"file\":\"elman.yaml\"");

      stop.countDown();
      assertThat(code.get(10, TimeUnit.SECONDS)).isEqualTo(Main.OK);
      assertThat(err.toString()).isEmpty();
    } finally {
      thread.shutdownNow();
    }
  }

  @Test
  void aTakenPortIsReportedWithWhatToDo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      int code = command(new CountDownLatch(0)).execute("--port", Integer.toString(port));
      assertThat(code).isEqualTo(Main.USAGE);
      assertThat(err.toString())
          .startsWith("rnnc: cannot listen on 127.0.0.1:" + port + " (")
          .contains("choose another port with --port N (0 picks a free one)");
    }
  }

  @Test
  void usageMistakesExitTwo() {
    assertThat(command(new CountDownLatch(0)).execute("--port", "70000")).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("--port must be between 0 and 65535, not 70000");
    Path missing = Path.of("no/such/spec.yaml");
    assertThat(command(new CountDownLatch(0)).execute(missing.toString())).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains(missing + ": no such file");
  }

  @Test
  void anotherHostIsAWarning() throws Exception {
    // 0.0.0.0 listens everywhere: the page says it has no password.
    int code =
        command(new CountDownLatch(0))
            .execute("--host", "0.0.0.0", "--port", "0", "../specs/examples/elman.yaml");
    assertThat(code).isEqualTo(Main.OK);
    assertThat(err.toString())
        .contains("warning: listening on 0.0.0.0, which other machines may reach");
  }

  @Test
  void helpSaysWhatItDoes() {
    StringWriter help = new StringWriter();
    assertThat(
            Main.run(new String[] {"serve", "--help"}, new PrintWriter(help), new PrintWriter(err)))
        .isEqualTo(Main.OK);
    assertThat(help.toString())
        .contains("Usage: rnnc serve [-hV] [--host=H] [--port=N] [SPEC]")
        .contains("127.0.0.1")
        .contains("reads no file but")
        .contains("default: 8765");
    StringWriter top = new StringWriter();
    Main.run(new String[] {"--help"}, new PrintWriter(top), new PrintWriter(err));
    assertThat(top.toString()).contains("serve");
  }
}
