package dev.rnnc.compiler.ir;

import java.util.Optional;

/**
 * What a group computes from its edges' terms: an ordinary group, or a PyTorch-compatible LSTM or
 * GRU cell whose edges carry {@code gates() * size} rows (DESIGN §8).
 */
public enum Cell {
  /** {@code act(bias + gain * agg)} per element. */
  NONE("none", 1, ""),
  /** PyTorch's {@code nn.LSTM}: gates i, f, g, o; the cell state c is part of the state. */
  LSTM("lstm", 4, "ifgo"),
  /** PyTorch's {@code nn.GRU}: gates r, z, n. */
  GRU("gru", 3, "rzn");

  private final String specName;
  private final int gates;
  private final String gateNames;

  Cell(String specName, int gates, String gateNames) {
    this.specName = specName;
    this.gates = gates;
    this.gateNames = gateNames;
  }

  /** The name written in specs ({@code cell: lstm}). */
  public String specName() {
    return specName;
  }

  /** Rows per element in the weights of an edge into the cell (1 for {@link #NONE}). */
  public int gates() {
    return gates;
  }

  /** The gates in weight-row order, one letter each ({@code "ifgo"}, {@code "rzn"}). */
  public String gateNames() {
    return gateNames;
  }

  /** Whether the group keeps a second vector (the LSTM's cell state) in the state. */
  public boolean hasCellState() {
    return this == LSTM;
  }

  /** The cell named {@code name} in a spec ({@code lstm}, {@code gru}); not {@code none}. */
  public static Optional<Cell> fromSpecName(String name) {
    for (Cell c : values()) {
      if (c != NONE && c.specName.equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
