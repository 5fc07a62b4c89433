package dev.rnnc.flink;

import dev.rnnc.runtime.Session;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The tests' keyed streams: {@code sensors} sensors with {@code perSensor} readings each,
 * interleaved (reading {@code i} of the whole stream is reading {@code i / sensors} of sensor
 * {@code i % sensors}), every value a pure function of sensor and position, so that a test can
 * compute what a single {@link Session} makes of any sensor's stream.
 */
record Readings(int sensors, int perSensor) implements Serializable {

  /** Number of readings in all. */
  long count() {
    return (long) sensors * perSensor;
  }

  /** Reading {@code i} of the interleaved stream. */
  Reading reading(long i) {
    int sensor = (int) (i % sensors);
    long seq = i / sensors;
    return new Reading(name(sensor), seq, xyz(sensor, seq));
  }

  static String name(int sensor) {
    return String.format(Locale.ROOT, "sensor-%05d", sensor);
  }

  /** A slow oscillation of a phase and period of the sensor's own, plus seeded noise. */
  static double[] xyz(int sensor, long seq) {
    SplittableRandom noise = new SplittableRandom(sensor * 1_000_003L + seq);
    double phase = sensor * 0.61 + seq * (0.15 + 0.01 * (sensor % 7));
    return new double[] {
      Math.sin(phase) + 0.1 * noise.nextGaussian(),
      Math.cos(phase) + 0.1 * noise.nextGaussian(),
      1.0 + 0.2 * noise.nextGaussian()
    };
  }

  /** Every step one {@link Session} of {@code model} makes of the sensor's whole stream. */
  List<KeyedStep<String>> expected(int sensor, EvaluatorFactory model) {
    Session session = new Session(model.create());
    List<KeyedStep<String>> steps = new ArrayList<>();
    for (long seq = 0; seq < perSensor; seq++) {
      double[] out = session.pushVector(xyz(sensor, seq));
      if (out != null) {
        steps.add(new KeyedStep<>(name(sensor), session.steps() - 1, session.elements() - 1, out));
      }
    }
    return steps;
  }
}
