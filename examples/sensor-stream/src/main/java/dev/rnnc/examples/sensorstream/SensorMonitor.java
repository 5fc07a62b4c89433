package dev.rnnc.examples.sensorstream;

import dev.rnnc.examples.sensorstream.ImpactMonitor.Step;
import dev.rnnc.runtime.Window;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads accelerometer readings line by line, as if they arrived live, pushes each into an {@link
 * ImpactMonitor} and prints every impact. After {@code --checkpoint-after} readings it checkpoints
 * the monitor to bytes, drops it, and carries on with a new monitor resumed from those bytes, the
 * way a service would after a restart.
 *
 * <p>Usage: {@code SensorMonitor [READINGS.csv] [--checkpoint-after=N]}. Without a file it reads
 * the bundled {@code readings.csv} (16 s at 50 Hz: a knock at 4 s, a slow tilt at 8 s, a fall at 12
 * s). The CSV has one reading {@code x,y,z} (in g) per line and an optional header.
 */
public final class SensorMonitor {

  private static final String SAMPLE = "readings.csv";
  private static final long DEFAULT_CHECKPOINT = 502;
  private static final String USAGE = "usage: SensorMonitor [READINGS.csv] [--checkpoint-after=N]";

  private SensorMonitor() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line; returns the exit code: 0 ok, 1 bad or unreadable data, 2 usage. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    String file = null;
    long checkpointAfter = DEFAULT_CHECKPOINT;
    for (String arg : args) {
      if (arg.startsWith("--checkpoint-after=")) {
        try {
          checkpointAfter = Long.parseLong(arg.substring("--checkpoint-after=".length()));
        } catch (NumberFormatException e) {
          checkpointAfter = -1;
        }
        if (checkpointAfter < 0) {
          err.println("--checkpoint-after needs a number of readings >= 0");
          err.println(USAGE);
          return 2;
        }
      } else if (file == null && !arg.startsWith("-")) {
        file = arg;
      } else {
        err.println(USAGE);
        return 2;
      }
    }
    String name = file == null ? SAMPLE + " (bundled)" : file;
    try (BufferedReader lines = open(file)) {
      watch(name, lines, checkpointAfter, out);
      return 0;
    } catch (NoSuchFileException e) {
      err.println(file + ": no such file");
    } catch (IOException e) {
      err.println(name + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      err.println(name + ":" + e.getMessage());
    }
    return 1;
  }

  private static BufferedReader open(String file) throws IOException {
    if (file != null) {
      return Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
    }
    InputStream in = SensorMonitor.class.getResourceAsStream(SAMPLE);
    if (in == null) {
      throw new IllegalStateException("resource " + SAMPLE + " is missing from the classpath");
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  /**
   * Streams the readings through a monitor, printing impacts and the checkpoint.
   *
   * @throws IllegalArgumentException for a bad line, with the message {@code LINE: problem}
   */
  private static void watch(
      String name, BufferedReader lines, long checkpointAfter, PrintStream out) throws IOException {
    ImpactMonitor monitor = new ImpactMonitor();
    Window window = monitor.window();
    out.printf(
        Locale.ROOT,
        "watching %s: a step every %d readings, over the last %d%n",
        name,
        window.stride(),
        window.size());
    int impacts = 0;
    long lineNumber = 0;
    String line;
    while ((line = lines.readLine()) != null) {
      lineNumber++;
      double[] xyz = Readings.parse(line, lineNumber);
      if (xyz == null) {
        continue; // the header
      }
      if (monitor.readings() == checkpointAfter) {
        byte[] checkpoint = monitor.checkpoint();
        out.printf(
            Locale.ROOT,
            "checkpoint after %d readings (step %d%s): %d bytes%n",
            monitor.readings(),
            monitor.steps(),
            monitor.midWindow() ? ", mid-window" : "",
            checkpoint.length);
        monitor = ImpactMonitor.resume(checkpoint);
        out.printf(Locale.ROOT, "resumed from the checkpoint in a new session%n");
      }
      Optional<Step> step = monitor.push(xyz);
      if (step.isPresent() && step.get().impact()) {
        Step s = step.get();
        impacts++;
        out.printf(
            Locale.ROOT,
            "IMPACT at reading %d (step %d): alarm %.3f, motion %.3f g^2%n",
            s.reading(),
            s.index(),
            s.alarm(),
            s.motion());
      }
    }
    out.printf(
        Locale.ROOT,
        "%d readings, %d steps, %d %s%n",
        monitor.readings(),
        monitor.steps(),
        impacts,
        impacts == 1 ? "impact" : "impacts");
  }
}
