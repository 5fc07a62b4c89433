package dev.rnnc.compiler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Exit codes and messages for bad usage, which need no valid spec. */
class CliUsageTest {

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void noArgumentsPrintsUsageAndExits2() {
    Result r = run();
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Usage: rnnc").contains("check").contains("run");
  }

  @Test
  void helpOnEveryCommandExits0() {
    for (String cmd : new String[] {"check", "run", "graph"}) {
      Result r = run(cmd, "--help");
      assertThat(r.code()).as(cmd).isEqualTo(0);
      assertThat(r.out()).as(cmd).contains("Usage: rnnc " + cmd);
    }
    assertThat(run("--help").code()).isEqualTo(0);
    assertThat(run("--version").out()).startsWith("rnnc ");
  }

  @Test
  void unknownOptionExits2WithSuggestion() {
    Result r = run("check", "--jsn", "x.yaml");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option: '--jsn'").contains("--json");
  }

  @Test
  void missingSpecFileExits2() {
    Result r = run("check", "does/not/exist.yaml");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("rnnc: does/not/exist.yaml: no such file\n");
  }

  @Test
  void unknownCommandExits2() {
    Result r = run("frobnicate");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("frobnicate");
  }
}
