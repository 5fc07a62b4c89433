package dev.rnnc.examples.flinkstreams;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * A simulated fleet: {@code machines} machines sending {@code readings} readings each, one a
 * second, interleaved as they would arrive (reading {@code i} of the fleet's stream is reading
 * {@code i / machines} of machine {@code i % machines}). Every value is a pure function of machine
 * and position, so a run is the same on any cluster at any parallelism.
 *
 * <p>A healthy machine runs at its normal temperature (±1 °C of noise) and vibrates at 2 mm/s RMS
 * (±0.6), with a rare spike of a few seconds. One machine in 25 develops a fault at a time of its
 * own in the middle of its stream: from then on it heats up by 0.05 °C and shakes 0.03 mm/s more
 * every second.
 *
 * @param machines number of machines
 * @param readings readings per machine
 */
public record Fleet(int machines, int readings) implements Serializable {

  public Fleet {
    if (machines < 1 || readings < 1) {
      throw new IllegalArgumentException(
          "a fleet needs at least one machine and one reading, got "
              + machines
              + " machines and "
              + readings
              + " readings");
    }
  }

  /** Number of readings of the whole fleet. */
  public long size() {
    return (long) machines * readings;
  }

  /** Reading {@code i} of the fleet's interleaved stream. */
  public Reading reading(long i) {
    int machine = (int) (i % machines);
    return reading(machine, i / machines);
  }

  /** Reading {@code seq} of {@code machine}. */
  public Reading reading(int machine, long seq) {
    SplittableRandom noise = new SplittableRandom(machine * 1_000_003L + seq);
    double temperature = noise.nextGaussian();
    double vibration = 2.0 + 0.6 * noise.nextGaussian();
    if (noise.nextInt(500) == 0) {
      vibration += 6.0; // a knock: a few readings of one window, then gone
      temperature += 2.0;
    }
    long onset = faultStart(machine);
    if (onset >= 0 && seq >= onset) {
      long t = seq - onset;
      temperature += 0.05 * t;
      vibration += 0.03 * t;
    }
    return new Reading(name(machine), seq, temperature, vibration);
  }

  /** The reading at which {@code machine}'s fault starts, or -1 for a healthy machine. */
  public long faultStart(int machine) {
    SplittableRandom r = new SplittableRandom(~machine * 0x9E3779B97F4A7C15L);
    if (r.nextInt(25) != 0) {
      return -1;
    }
    return readings / 4 + r.nextInt(Math.max(1, readings / 2));
  }

  /** The id of machine {@code machine}: {@code m-00042}. */
  public static String name(int machine) {
    String digits = Integer.toString(machine); // not String.format: this runs once per reading
    return "m-" + "00000".substring(Math.min(5, digits.length())) + digits;
  }
}
