package dev.rnnc.examples.flinkstreams;

import java.util.Locale;

/**
 * A machine's fault, found by the model: the step at which its fault latch turned on.
 *
 * @param machine the machine
 * @param reading the reading that ended the step (seconds since the machine's stream started)
 * @param step the step's index in the machine's stream
 * @param heat how far the temperature trend is above normal at that step
 * @param shake how far the vibration trend is above normal at that step
 */
public record Alert(String machine, long reading, long step, double heat, double shake) {

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%s FAULT at reading %d (step %d): heat %.2f, shake %.2f",
        machine,
        reading,
        step,
        heat,
        shake);
  }
}
