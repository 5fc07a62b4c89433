package dev.rnnc.compiler.generate;

import dev.rnnc.compiler.ir.Node;
import dev.rnnc.compiler.ir.Port;
import dev.rnnc.compiler.schedule.StateLayout;

/**
 * The end of {@code step}: the outputs are written, then every history in the state is shifted by
 * one block and the newest values are copied into block 0 (see {@link StateLayout}).
 */
final class StateCode {

  /** Histories of one element up to this long are shifted element by element. */
  private static final int ELEMENTWISE_SHIFT_MAX = 4;

  private final StepContext c;

  StateCode(StepContext c) {
    this.c = c;
  }

  void writeOutputs() {
    int column = 0;
    for (Port p : c.graph.outputs()) {
      Node n = c.graph.nodes().get(p.index());
      String g = c.sym.nodeNames.get(n.index());
      c.begin();
      if (!n.group()) {
        Expr v = c.neuronValue(n);
        c.unit(v.cost() + Cost.STORE_OUTPUT, c.at(Symbols.OUTPUTS, column), " = ", v.code(), ";\n");
      } else if (p.size() == 1) {
        c.unit(Cost.COPY, c.at(Symbols.OUTPUTS, column), " = ", c.at(g, p.offset()), ";\n");
      } else if (!c.isFloat) {
        c.unit(
            Cost.COPY,
            System.class,
            ".arraycopy(",
            g,
            ", ",
            c.ix(p.offset()),
            ", ",
            Symbols.OUTPUTS,
            ", ",
            c.ix(column),
            ", ",
            p.size(),
            ");\n");
      } else {
        c.end(
            StepContext.loop(
                Symbols.I,
                0,
                p.size(),
                c.element(Symbols.OUTPUTS, column, Symbols.I),
                " = ",
                c.element(g, p.offset(), Symbols.I),
                ";\n"),
            Cost.LOOP);
      }
      column += p.size();
    }
  }

  void updateState() {
    StateLayout state = c.layout.state;
    for (Node n : c.graph.nodes()) {
      int h = state.nodeHistory(n.index());
      if (h == 0) {
        continue;
      }
      int base = state.nodeBase(n.index());
      shift(base, n.size(), h);
      c.begin();
      if (!n.group()) {
        Expr v = c.neuronValue(n);
        c.unit(v.cost() + Cost.STORE_ELEMENT, c.at(Symbols.STATE, base), " = ", v.code(), ";\n");
      } else {
        c.unit(
            Cost.COPY,
            System.class,
            ".arraycopy(",
            c.sym.nodeNames.get(n.index()),
            ", 0, ",
            Symbols.STATE,
            ", ",
            c.ix(base),
            ", ",
            n.size(),
            ");\n");
      }
    }
    for (int in = 0; in < c.graph.inputs().size(); in++) {
      int h = state.inputHistory(in);
      if (h == 0) {
        continue;
      }
      int size = c.graph.inputs().get(in).featureCount();
      int base = state.inputBase(in);
      int features = c.layout.featureOffset[in];
      shift(base, size, h);
      c.begin();
      if (size == 1) {
        c.unit(
            Cost.COPY,
            c.at(Symbols.STATE, base),
            " = ",
            c.isFloat ? "(float) " : "",
            c.at(Symbols.FEATURES, features),
            ";\n");
      } else if (!c.isFloat) {
        c.unit(
            Cost.COPY,
            System.class,
            ".arraycopy(",
            Symbols.FEATURES,
            ", ",
            c.ix(features),
            ", ",
            Symbols.STATE,
            ", ",
            c.ix(base),
            ", ",
            size,
            ");\n");
      } else {
        c.end(
            StepContext.loop(
                Symbols.I,
                0,
                size,
                c.element(Symbols.STATE, base, Symbols.I),
                " = (float) ",
                c.element(Symbols.FEATURES, features, Symbols.I),
                ";\n"),
            Cost.LOOP);
      }
    }
  }

  /** Moves blocks y(t-1) .. y(t-h+1) one block back, making room for the newest values. */
  private void shift(int base, int size, int h) {
    if (h == 1) {
      return;
    }
    if (size == 1 && h <= ELEMENTWISE_SHIFT_MAX) {
      for (int k = h - 1; k >= 1; k--) {
        c.begin();
        c.unit(
            Cost.SHIFT,
            c.at(Symbols.STATE, base + k),
            " = ",
            c.at(Symbols.STATE, base + k - 1),
            ";\n");
      }
      return;
    }
    c.begin();
    c.unit(
        Cost.SHIFT,
        System.class,
        ".arraycopy(",
        Symbols.STATE,
        ", ",
        c.ix(base),
        ", ",
        Symbols.STATE,
        ", ",
        c.ix(base + size),
        ", ",
        (h - 1) * size,
        ");\n");
  }
}
