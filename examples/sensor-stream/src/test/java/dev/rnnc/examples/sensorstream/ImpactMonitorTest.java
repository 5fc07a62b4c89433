package dev.rnnc.examples.sensorstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rnnc.examples.sensorstream.ImpactMonitor.Step;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ImpactMonitorTest {

  private static List<double[]> readings;

  @BeforeAll
  static void readBundledReadings() throws IOException {
    readings = new ArrayList<>();
    List<String> lines = resourceLines("readings.csv");
    for (int i = 0; i < lines.size(); i++) {
      double[] xyz = Readings.parse(lines.get(i), i + 1);
      if (xyz != null) {
        readings.add(xyz);
      }
    }
    assertThat(readings).hasSize(800);
  }

  /**
   * A stream checkpointed after any number of readings (at a step, in the middle of a window,
   * before the first step, at the very end) and resumed from the checkpoint's bytes in a new
   * session with a new evaluator gives exactly the steps of the stream that was never interrupted,
   * and ends in exactly the same state.
   */
  @Test
  void resumedStreamEqualsTheUninterruptedOneBitForBit() {
    ImpactMonitor uninterrupted = new ImpactMonitor();
    List<Step> expected = push(uninterrupted, 0, readings.size());
    byte[] expectedEnd = uninterrupted.checkpoint();

    ImpactMonitor walker = new ImpactMonitor();
    for (int cut = 0; cut <= readings.size(); cut++) {
      if (cut > 0) {
        walker.push(readings.get(cut - 1));
      }
      ImpactMonitor resumed = ImpactMonitor.resume(walker.checkpoint());
      List<Step> rest = push(resumed, cut, readings.size());

      int from = cut;
      List<Step> expectedRest = expected.stream().filter(s -> s.reading() >= from).toList();
      assertThat(bits(rest)).as("resumed after %d readings", cut).isEqualTo(bits(expectedRest));
      assertThat(resumed.checkpoint()).as("state after resuming at %d", cut).isEqualTo(expectedEnd);
    }
  }

  /**
   * Every output of every step equals, bit for bit, what the reference interpreter printed: {@code
   * ./rnnc run src/main/rnnc/impact_detector.yaml --interpret --input
   * src/main/resources/dev/rnnc/examples/sensorstream/readings.csv}.
   */
  @Test
  void generatedEvaluatorMatchesTheInterpreterBitForBit() throws IOException {
    List<String> lines = resourceLines("readings.interpreted.csv");
    assertThat(lines.get(0)).isEqualTo("step,onset,alarm,motion");

    List<Step> steps = push(new ImpactMonitor(), 0, readings.size());

    assertThat(steps).hasSize(lines.size() - 1);
    for (Step s : steps) {
      double[] row =
          Arrays.stream(lines.get((int) s.index() + 1).split(","))
              .mapToDouble(Double::parseDouble)
              .toArray();
      assertThat(row[0]).isEqualTo(s.index());
      assertThat(outputBits(s))
          .as("step %d", s.index())
          .containsExactly(
              Double.doubleToRawLongBits(row[1]),
              Double.doubleToRawLongBits(row[2]),
              Double.doubleToRawLongBits(row[3]));
    }
  }

  @Test
  void detectsTheKnockAndTheFallButNotTheSlowTilt() {
    List<Step> steps = push(new ImpactMonitor(), 0, readings.size());

    assertThat(steps).hasSize(199);
    assertThat(steps.stream().filter(Step::impact).map(Step::reading)).containsExactly(203L, 603L);
    // The tilt (8 s to 11 s, readings 400 to 550) moves the window means slowly: no alarm.
    assertThat(steps.stream().filter(s -> s.reading() >= 400 && s.reading() < 560))
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.alarm()).isLessThan(0.05));
    // The alarm fades within a few steps of an impact.
    assertThat(steps.get(49 + 5).alarm()).isLessThan(0.05);
    // During the first two windows the delayed inputs read 0, which would look like a jolt;
    // the ready neuron keeps them quiet.
    assertThat(steps.get(0).motion()).isZero();
    assertThat(steps.get(1).motion()).isZero();
  }

  @Test
  void stepsEndEveryFourthReadingAfterTheFirstEight() {
    ImpactMonitor monitor = new ImpactMonitor();
    List<Long> ends = new ArrayList<>();
    for (double[] xyz : readings.subList(0, 20)) {
      monitor.push(xyz).ifPresent(s -> ends.add(s.reading()));
    }

    assertThat(ends).containsExactly(7L, 11L, 15L, 19L);
    assertThat(monitor.midWindow()).isFalse();
    monitor.push(readings.get(20));
    assertThat(monitor.midWindow()).isTrue();
    assertThat(new ImpactMonitor().midWindow()).isFalse();
  }

  private static List<Step> push(ImpactMonitor monitor, int from, int to) {
    List<Step> steps = new ArrayList<>();
    for (double[] xyz : readings.subList(from, to)) {
      monitor.push(xyz).ifPresent(steps::add);
    }
    return steps;
  }

  private static long[] outputBits(Step s) {
    return new long[] {
      Double.doubleToRawLongBits(s.onset()),
      Double.doubleToRawLongBits(s.alarm()),
      Double.doubleToRawLongBits(s.motion())
    };
  }

  /** Every field of every step, the doubles as raw bits, one after the other. */
  private static long[] bits(List<Step> steps) {
    long[] bits = new long[steps.size() * 5];
    int i = 0;
    for (Step s : steps) {
      bits[i++] = s.index();
      bits[i++] = s.reading();
      bits[i++] = Double.doubleToRawLongBits(s.onset());
      bits[i++] = Double.doubleToRawLongBits(s.alarm());
      bits[i++] = Double.doubleToRawLongBits(s.motion());
    }
    return bits;
  }

  static List<String> resourceLines(String name) throws IOException {
    try (InputStream in = ImpactMonitorTest.class.getResourceAsStream(name)) {
      assertThat(in).as("resource %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }
}
