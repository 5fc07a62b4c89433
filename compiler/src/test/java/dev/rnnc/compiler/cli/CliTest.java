package dev.rnnc.compiler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** End-to-end runs of {@code check} and {@code run} on specs written to a temporary directory. */
class CliTest {

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  private static final String ECHO =
      """
      rnnc: 1
      name: Echo
      inputs:
        x: {type: vector, size: 2}
      neurons:
        y: {activation: identity}
      edges:
        - {from: "x[0]", to: y, weight: 1.0}
        - {from: "x[1]", to: y, weight: 10.0}
        - {from: y, to: y, weight: 0.5}
      outputs: [y]
      """;

  @Test
  void checkPrintsOrderBackwardEdgesAndStateSize() throws IOException {
    Path spec = write("echo.yaml", ECHO);
    CliRunner.Result r = CliRunner.run("check", spec.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains(spec + ": ok")
        .contains("order:      y  (minimal number of backward edges, proven)")
        .contains("backward:   1 edge reads the previous step")
        .contains("y -> y   (10:5)")
        .contains("state size: 1");
  }

  @Test
  void checkJsonHasTheContractFields() throws IOException {
    Path spec = write("echo.yaml", ECHO);
    CliRunner.Result r = CliRunner.run("check", "--json", spec.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .startsWith("{\"spec\":\"" + spec + "\",\"ok\":true,\"name\":\"Echo\"")
        .contains("\"order\":[\"y\"]")
        .contains("\"backward\":[[\"y\",\"y\"]]")
        .contains("\"state_size\":1")
        .contains("\"order_optimal\":true");
  }

  @Test
  void badSpecExits1WithEveryProblemAsFileLineColumn() throws IOException {
    Path good = write("echo.yaml", ECHO);
    Path bad =
        write(
            "bad.yaml",
            ECHO.replace("to: y, weight: 10.0", "to: z, weight: 10.0")
                .replace("activation: identity", "activation: tanhh"));
    CliRunner.Result r = CliRunner.run("check", good.toString(), bad.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains(good + ": ok");
    assertThat(r.err())
        .contains(bad + ":6:19: error: ")
        .contains(bad + ":9:24: error: ")
        .contains("hint: did you mean 'tanh'?")
        .contains("2 errors")
        .doesNotContain("Exception");
    CliRunner.Result json = CliRunner.run("check", "--json", bad.toString());
    assertThat(json.out())
        .contains("\"ok\":false")
        .contains("\"line\":9")
        .contains("\"column\":24");
  }

  @Test
  void runPrintsCsvWithRoundTrippableNumbers() throws IOException {
    Path spec = write("echo.yaml", ECHO);
    Path in = write("in.csv", "x[0],x[1]\n1,0.1\n2,0\n");
    CliRunner.Result r =
        CliRunner.run("run", spec.toString(), "--input", in.toString(), "--interpret");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    // y0 = 1 + 10*0.1 = 2.0, y1 = 2 + 0 + 0.5*2 = 3.0
    assertThat(r.out()).isEqualTo("step,y\n0,2.0\n1,3.0\n");
  }

  @Test
  void runReadsStandardInput() throws IOException {
    Path spec = write("echo.yaml", ECHO);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    RunCommand run =
        new RunCommand()
            .withStdin(new ByteArrayInputStream("1,0\n".getBytes(StandardCharsets.UTF_8)));
    CommandLine cmd = new CommandLine(run);
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int code = cmd.execute(spec.toString(), "--input", "-", "--interpret");
    assertThat(code).isZero();
    assertThat(out.toString()).isEqualTo("step,y\n0,1.0\n");
  }

  @Test
  void badInputDataIsReportedAsFileLineColumn() throws IOException {
    Path spec = write("echo.yaml", ECHO);
    Path in = write("in.csv", "1,2\n3\n4,x\n");
    CliRunner.Result r =
        CliRunner.run("run", spec.toString(), "--input", in.toString(), "--interpret");
    assertThat(r.code()).isEqualTo(1);
    // Rows stream out as steps end; the first bad element stops the steps, and every problem
    // in the rest of the input is still reported.
    assertThat(r.out()).isEqualTo("step,y\n0,21.0\n");
    assertThat(r.err())
        .contains(in + ":2:1: error: expected 2 values, found 1")
        .contains(in + ":3:3: error: not a number: 'x'");
  }

  @Test
  void runPrintsEachRowBeforeReadingTheNextElement() throws IOException {
    Path spec = write("echo.yaml", ECHO);
    StringWriter out = new StringWriter();
    boolean[] rowSeenBeforeSecondLine = {false};
    java.io.InputStream stdin =
        new java.io.InputStream() {
          private final byte[] first = "1,0\n".getBytes(StandardCharsets.UTF_8);
          private final byte[] second = "2,0\n".getBytes(StandardCharsets.UTF_8);
          private int at;

          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (at == 0) {
              System.arraycopy(first, 0, b, off, first.length);
              at = 1;
              return first.length;
            }
            if (at == 1) {
              // A user typing one line at a time sees its row before typing the next.
              rowSeenBeforeSecondLine[0] = out.toString().contains("0,1.0");
              System.arraycopy(second, 0, b, off, second.length);
              at = 2;
              return second.length;
            }
            return -1;
          }
        };
    CommandLine cmd = new CommandLine(new RunCommand().withStdin(stdin));
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(new StringWriter()));
    int code = cmd.execute(spec.toString(), "--input", "-", "--interpret");
    assertThat(code).isZero();
    assertThat(out.toString()).isEqualTo("step,y\n0,1.0\n1,2.5\n");
    assertThat(rowSeenBeforeSecondLine[0]).isTrue();
  }

  @Test
  void multipleInputsNeedNamesAndEqualLengths() throws IOException {
    Path spec =
        write(
            "two.yaml",
            """
        rnnc: 1
        name: Two
        inputs:
          a: {type: vector, size: 1}
          words: {type: tokens, vocabulary: [good, bad]}
        neurons: {y: null}
        edges:
          - {from: a, to: y, weight: 1.0}
          - {from: "words[good]", to: y, weight: 10.0}
        outputs: [y]
        """);
    Path a = write("a.csv", "1\n2\n3\n");
    Path text = write("t.txt", "good bad good");
    Path shortText = write("s.txt", "good");
    CliRunner.Result ok =
        CliRunner.run(
            "run", spec.toString(), "--input", "a=" + a, "--input", "words=" + text, "--interpret");
    assertThat(ok.err()).isEmpty();
    assertThat(ok.out()).isEqualTo("step,y\n0,11.0\n1,2.0\n2,13.0\n");
    CliRunner.Result unnamed =
        CliRunner.run("run", spec.toString(), "--input", a.toString(), "--interpret");
    assertThat(unnamed.code()).isEqualTo(2);
    assertThat(unnamed.err()).contains("has several inputs (a, words)");
    CliRunner.Result missing =
        CliRunner.run("run", spec.toString(), "--input", "a=" + a, "--interpret");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("input 'words' has no data");
    CliRunner.Result mismatch =
        CliRunner.run(
            "run",
            spec.toString(),
            "--input",
            "a=" + a,
            "--input",
            "words=" + shortText,
            "--interpret");
    assertThat(mismatch.code()).isEqualTo(1);
    assertThat(mismatch.err()).contains("inputs must have the same number of elements, got a: 3");
    CliRunner.Result text2 =
        CliRunner.run(
            "run", spec.toString(), "--input", "a=" + a, "--text", "bad bad good", "--interpret");
    assertThat(text2.out()).isEqualTo("step,y\n0,1.0\n1,2.0\n2,13.0\n");
  }

  @Test
  void autonomousModelsNeedSteps() throws IOException {
    Path spec =
        write(
            "osc.yaml",
            """
        rnnc: 1
        name: Osc
        neurons: {c: {initial: 1.0}}
        edges: ["c -> c": 0.5]
        outputs: [c]
        """);
    assertThat(CliRunner.run("run", spec.toString(), "--interpret").err()).contains("--steps N");
    CliRunner.Result r = CliRunner.run("run", spec.toString(), "--steps", "3", "--interpret");
    assertThat(r.out()).isEqualTo("step,c\n0,0.5\n1,0.25\n2,0.125\n");
  }
}
