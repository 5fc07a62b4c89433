package dev.rnnc.compiler.train;

import java.util.Objects;

/**
 * The targets of one sequence: {@code values[t][c]} is the target of cell c at step t, or NaN where
 * there is none. Cell c covers output columns {@code column[c] .. column[c] + width[c] - 1}: one
 * column for {@link Loss#MSE} and {@link Loss#BCE}, a whole group output (whose target is a class
 * index) for {@link Loss#CROSS_ENTROPY}.
 */
public record Targets(String[] names, int[] column, int[] width, double[][] values) {

  public Targets {
    Objects.requireNonNull(values, "values");
    if (names.length != column.length || column.length != width.length) {
      throw new IllegalArgumentException("one name, column and width per cell");
    }
    for (double[] row : values) {
      if (row.length != column.length) {
        throw new IllegalArgumentException("one value per cell in each row");
      }
    }
  }

  /** The number of steps. */
  public int steps() {
    return values.length;
  }
}
