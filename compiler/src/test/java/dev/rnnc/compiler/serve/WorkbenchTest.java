package dev.rnnc.compiler.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.compiler.check.FileAccess;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The playground's runs stay within their limits of steps, values and time. */
class WorkbenchTest {

  private static final String SINE =
      """
      rnnc: 1
      name: Echo
      inputs: {x: {type: vector, size: 1}}
      neurons: {y: {activation: tanh}}
      edges: ["x -> y": 1.0, "y -> y": 0.5]
      outputs: [y]
      """;

  private static final Workbench WORKBENCH =
      new Workbench(Path.of("echo.yaml"), FileAccess.none("no files in this test"));

  private static String rows(int n) {
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < n; i++) {
      csv.append(i % 7).append('\n');
    }
    return csv.toString();
  }

  @Test
  void aLongRunShowsItsFirstSteps() {
    Map<String, Object> r = WORKBENCH.run(SINE, Map.of("x", rows(Workbench.MAX_STEPS + 100)), 0);
    assertThat(r.get("ok")).isEqualTo(true);
    assertThat((List<?>) r.get("rows")).hasSize(Workbench.MAX_STEPS);
    assertThat(r.get("stopped")).isEqualTo("shows the first " + Workbench.MAX_STEPS + " steps");

    Map<String, Object> all = WORKBENCH.run(SINE, Map.of("x", rows(30)), 0);
    assertThat((List<?>) all.get("rows")).hasSize(30);
    assertThat(all.get("stopped")).isNull();
  }

  @Test
  void aSlowRunStopsAtItsDeadline() {
    AtomicLong now = new AtomicLong();
    // Every reading of the clock is a second later: the run passes its deadline after ten.
    Workbench slow =
        new Workbench(
            Path.of("echo.yaml"),
            FileAccess.none("no files in this test"),
            () -> now.addAndGet(1_000_000_000L));
    Map<String, Object> r = slow.run(SINE, Map.of("x", rows(100)), 0);
    assertThat(r.get("ok")).isEqualTo(true);
    assertThat(r.get("stopped")).isEqualTo("stopped after 10 s");
    assertThat((List<?>) r.get("rows")).hasSizeBetween(8, 10);
  }

  @Test
  void wideOutputsReturnFewerSteps() {
    String wide =
        """
        rnnc: 1
        name: Wide
        groups: {h: {size: 1000, initial: 1}}
        edges: [{from: h, to: h, weights: {init: normal, seed: 1}, delay: 1}]
        outputs: [h]
        """;
    Map<String, Object> r = WORKBENCH.run(wide, Map.of(), 10_000);
    assertThat((List<?>) r.get("rows")).hasSize(Workbench.MAX_VALUES / 1000);
    assertThat(r.get("stopped")).isEqualTo("shows the first 400 steps");
  }

  @Test
  void aBigModelIsNotDrawnButSaysHow() {
    StringBuilder spec = new StringBuilder("rnnc: 1\nname: Many\nneurons:\n");
    for (int i = 0; i <= Workbench.MAX_DRAWN_NODES; i++) {
      spec.append("  n").append(i).append(":\n");
    }
    spec.append("outputs: [n0]\n");
    Map<String, Object> r = WORKBENCH.check(spec.toString());
    assertThat(r.get("ok")).isEqualTo(true);
    assertThat(r).doesNotContainKey("svg");
    assertThat((String) r.get("svg_note"))
        .isEqualTo(
            "2001 nodes are too many to draw here; rnnc graph echo.yaml -o picture.svg"
                + " draws them to a file");
  }
}
