package dev.rnnc.examples.sensorstream;

/** Parses one line of a readings CSV: {@code x,y,z} in g; the first line may be a header. */
final class Readings {

  private Readings() {}

  /**
   * The reading on {@code line}, or null if it is the header (a first line that is not numbers).
   *
   * @param lineNumber 1-based, for the header rule and messages
   * @throws IllegalArgumentException if the line is not three finite numbers; the message starts
   *     with the line number: {@code "7: ..."}
   */
  static double[] parse(String line, long lineNumber) {
    String[] cells = line.strip().split("\\s*,\\s*", -1);
    double[] xyz = new double[3];
    try {
      if (cells.length != 3) {
        throw new NumberFormatException();
      }
      for (int i = 0; i < 3; i++) {
        xyz[i] = Double.parseDouble(cells[i]);
        if (!Double.isFinite(xyz[i])) {
          throw new NumberFormatException();
        }
      }
    } catch (NumberFormatException e) {
      if (lineNumber == 1 && cells.length == 3) {
        return null;
      }
      throw new IllegalArgumentException(
          lineNumber + ": expected a reading x,y,z (three numbers, in g), got \"" + line + "\"");
    }
    return xyz;
  }
}
