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

  @Test
  void runningOutOfHeapIsAMessage(@TempDir Path tmp) throws Exception {
    StringBuilder rows = new StringBuilder();
    for (int r = 0; r < 400; r++) {
      rows.append(r == 0 ? "" : ",").append('[').append("0.5,".repeat(999)).append("0.5]");
    }
    Path spec = tmp.resolve("big.yaml");
    Files.writeString(
        spec,
        "rnnc: 1\nname: Big\ninputs: {x: {type: vector, size: 1000}}\n"
            + "groups: {h: {size: 400}}\nedges:\n  - {from: x, to: h, weights: ["
            + rows
            + "]}\noutputs: [h]\n");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.rnnc.compiler.cli.Main",
                "check",
                spec.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).as(output).isEqualTo(1);
    assertThat(output)
        .startsWith("rnnc: out of memory")
        .contains("RNNC_JAVA_OPTS")
        .doesNotContain("\tat ");
  }
}
