package dev.rnnc.compiler.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spec too large for the heap gets a message and exit 1, not a stack trace. */
class OutOfMemoryTest {

  /** Reading takes about 100 bytes a value: a million inline values fit in 256 MB of heap. */
  @Test
  void aMillionValuesFitInAQuarterGigabyte(@TempDir Path tmp) throws Exception {
    Path spec = matrixSpec(tmp, 1000, 1000);

    Result r = check(spec, "-Xmx256m");

    assertThat(r.code()).as(r.output()).isZero();
    assertThat(r.output()).contains("state size");
  }

  @Test
  void runningOutOfHeapIsAMessage(@TempDir Path tmp) throws Exception {
    Path spec = matrixSpec(tmp, 400, 1000);

    Result r = check(spec, "-Xmx24m");

    assertThat(r.code()).as(r.output()).isEqualTo(1);
    assertThat(r.output())
        .startsWith("rnnc: out of memory")
        .contains("RNNC_JAVA_OPTS")
        .doesNotContain("\tat ");
  }

  private record Result(int code, String output) {}

  private static Path matrixSpec(Path dir, int rows, int cols) throws Exception {
    StringBuilder m = new StringBuilder();
    for (int r = 0; r < rows; r++) {
      m.append(r == 0 ? "" : ",").append('[').append("0.5,".repeat(cols - 1)).append("0.5]");
    }
    Path spec = dir.resolve("m" + rows + "x" + cols + ".yaml");
    Files.writeString(
        spec,
        "rnnc: 1\nname: Big\ninputs: {x: {type: vector, size: "
            + cols
            + "}}\ngroups: {h: {size: "
            + rows
            + "}}\nedges:\n  - {from: x, to: h, weights: ["
            + m
            + "]}\noutputs: [h]\n");
    return spec;
  }

  private static Result check(Path spec, String heap) throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap,
                "-cp",
                System.getProperty("java.class.path"),
                "dev.rnnc.compiler.cli.Main",
                "check",
                spec.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), output);
  }
}
