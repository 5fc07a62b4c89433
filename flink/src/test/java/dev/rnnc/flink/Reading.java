package dev.rnnc.flink;

/**
 * One reading of one sensor: the records of the tests' keyed streams.
 *
 * @param sensor the key
 * @param seq the reading's position in its sensor's stream, from 0
 * @param xyz the three values
 */
public record Reading(String sensor, long seq, double[] xyz) {}
