package dev.rnnc.examples.sensorstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SensorMonitorTest {

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  @Test
  void watchesTheBundledReadingsThroughARestart() {
    assertThat(SensorMonitor.run(new String[0], out, err)).isZero();

    assertThat(err()).isEmpty();
    assertThat(out())
        .isEqualTo(
            """
            watching readings.csv (bundled): a step every 4 readings, over the last 8
            IMPACT at reading 203 (step 49): alarm 1.000, motion 1.162 g^2
            checkpoint after 502 readings (step 124, mid-window): 306 bytes
            resumed from the checkpoint in a new session
            IMPACT at reading 603 (step 149): alarm 0.998, motion 0.515 g^2
            800 readings, 199 steps, 2 impacts
            """);
  }

  @Test
  void checkpointAnywhereGivesTheSameImpacts() {
    SensorMonitor.run(new String[] {"--checkpoint-after=0"}, out, err);
    SensorMonitor.run(new String[] {"--checkpoint-after=799"}, out, err);
    SensorMonitor.run(new String[] {"--checkpoint-after=1000"}, out, err);

    assertThat(err()).isEmpty();
    assertThat(out().lines().filter(l -> l.startsWith("IMPACT")))
        .containsExactly(
            "IMPACT at reading 203 (step 49): alarm 1.000, motion 1.162 g^2",
            "IMPACT at reading 603 (step 149): alarm 0.998, motion 0.515 g^2",
            "IMPACT at reading 203 (step 49): alarm 1.000, motion 1.162 g^2",
            "IMPACT at reading 603 (step 149): alarm 0.998, motion 0.515 g^2",
            "IMPACT at reading 203 (step 49): alarm 1.000, motion 1.162 g^2",
            "IMPACT at reading 603 (step 149): alarm 0.998, motion 0.515 g^2");
    assertThat(out()).contains("checkpoint after 0 readings (step 0): ");
    assertThat(out()).contains("checkpoint after 799 readings (step 198, mid-window): ");
  }

  @Test
  void readsAFileWithoutAHeader(@TempDir Path dir) throws IOException {
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      csv.append(i == 20 ? "2.5, -1.0, 1.0" : "0.0, 0.0, 1.0").append('\n');
    }
    Path file = Files.writeString(dir.resolve("r.csv"), csv);

    assertThat(SensorMonitor.run(new String[] {file.toString()}, out, err)).isZero();

    assertThat(out())
        .contains("IMPACT at reading 23 (step 4): alarm 0.643, motion 0.227 g^2\n")
        .endsWith("40 readings, 9 steps, 1 impact\n");
  }

  @Test
  void reportsABadLineWithItsNumber(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("r.csv"), "x,y,z\n0,0,1\n0,0\n");

    assertThat(SensorMonitor.run(new String[] {file.toString()}, out, err)).isEqualTo(1);

    assertThat(err())
        .isEqualTo(file + ":3: expected a reading x,y,z (three numbers, in g), got \"0,0\"\n");
  }

  @Test
  void reportsMissingFilesAndBadUsage(@TempDir Path dir) {
    String missing = dir.resolve("none.csv").toString();

    assertThat(SensorMonitor.run(new String[] {missing}, out, err)).isEqualTo(1);
    assertThat(SensorMonitor.run(new String[] {"--checkpoint-after=x"}, out, err)).isEqualTo(2);
    assertThat(SensorMonitor.run(new String[] {"a.csv", "b.csv"}, out, err)).isEqualTo(2);

    assertThat(err())
        .isEqualTo(
            missing
                + ": no such file\n"
                + "--checkpoint-after needs a number of readings >= 0\n"
                + "usage: SensorMonitor [READINGS.csv] [--checkpoint-after=N]\n"
                + "usage: SensorMonitor [READINGS.csv] [--checkpoint-after=N]\n");
  }

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }
}
