package dev.rnnc.examples.flinkstreams;

/**
 * One reading of one machine.
 *
 * @param machine the machine's id, the key of its stream
 * @param seq the reading's position in the machine's stream, from 0 (one a second)
 * @param temperature degrees Celsius above the machine's normal temperature
 * @param vibration vibration velocity, mm/s RMS
 */
public record Reading(String machine, long seq, double temperature, double vibration) {

  /** The model's input element: {@code [temperature, vibration]}. */
  public double[] values() {
    return new double[] {temperature, vibration};
  }
}
