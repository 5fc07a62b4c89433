package dev.rnnc.compiler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Exit codes and messages for bad usage, which need no valid spec. */
class CliUsageTest {

  @Test
  void noArgumentsPrintsUsageAndExits2() {
    CliRunner.Result r = CliRunner.run();
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Usage: rnnc").contains("check").contains("run");
  }

  @Test
  void helpOnEveryCommandExits0() {
    for (String cmd : new String[] {"check", "run", "graph", "import"}) {
      CliRunner.Result r = CliRunner.run(cmd, "--help");
      assertThat(r.code()).as(cmd).isEqualTo(0);
      assertThat(r.out()).as(cmd).contains("Usage: rnnc " + cmd);
    }
    assertThat(CliRunner.run("--help").code()).isEqualTo(0);
    assertThat(CliRunner.run("--version").out()).startsWith("rnnc ");
  }

  @Test
  void unknownOptionExits2WithSuggestion() {
    CliRunner.Result r = CliRunner.run("check", "--jsn", "x.yaml");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option: '--jsn'").contains("--json");
  }

  @Test
  void missingSpecFileExits2() {
    CliRunner.Result r = CliRunner.run("check", "does/not/exist.yaml");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("rnnc: does/not/exist.yaml: no such file\n");
  }

  @Test
  void unknownCommandExits2() {
    CliRunner.Result r = CliRunner.run("frobnicate");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("frobnicate");
  }

  @Test
  void runReadsInputsThatAreNotRegularFiles() {
    // A device here; --input <(command) gives a pipe, which is read the same way.
    CliRunner.Result r =
        CliRunner.run("run", "../specs/examples/elman.yaml", "--input", "/dev/null", "--interpret");
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).isEqualTo("step,y,h[0],h[1],h[2]\n");
    CliRunner.Result dir =
        CliRunner.run("run", "../specs/examples/elman.yaml", "--input", "../specs");
    assertThat(dir.code()).isEqualTo(2);
    assertThat(dir.err()).isEqualTo("rnnc: ../specs: is a directory\n");
  }

  @Test
  void readmeMistakesExampleReportsBothErrors() {
    CliRunner.Result r = CliRunner.run("check", "../specs/examples/mistakes/broken.yaml");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains("broken.yaml:8:23: error: unknown activation 'sigmoidd'")
        .contains("broken.yaml:11:12: error: unknown neuron, group or input 'praize'")
        .endsWith("2 errors\n");
  }

  @Test
  void anUnknownInputNameIsNamed() {
    CliRunner.Result r =
        CliRunner.run(
            "run", "../specs/examples/elman.yaml", "--input", "X=../specs/examples/sine.csv");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("rnnc: model SmallElman has no input 'X'; did you mean 'x'? (its inputs: x)\n");
  }
}
