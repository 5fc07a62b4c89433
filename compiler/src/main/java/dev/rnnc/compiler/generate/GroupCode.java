package dev.rnnc.compiler.generate;

import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Aggregation;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.MathMode;
import dev.rnnc.compiler.ir.Node;
import dev.rnnc.runtime.internal.Activations;
import java.util.Arrays;
import java.util.function.BiFunction;

/**
 * The code of one group: its edges' terms accumulated or combined in its array (matrix edges as
 * column loops the JIT vectorizes), then {@code act(bias + gain * agg)} over the array.
 */
final class GroupCode {

  /** Columns of a matrix added per pass over the accumulators (see {@link #matrixProduct}). */
  static final int COLUMN_BLOCK = 4;

  /** Longest {@code ActivationScratch} of tanh over a group: longer groups go in pieces. */
  private static final int TANH_SCRATCH_MAX = 1024;

  /** Smallest group whose tanh runs over its array (below, the passes cost more than they save). */
  private static final int ARRAY_TANH_MIN = 4;

  private final StepContext c;

  GroupCode(StepContext c) {
    this.c = c;
  }

  void write(Node n) {
    if (n.isCell()) {
      writeCell(n);
      return;
    }
    writeGroup(n);
    if (n.leaky()) {
      writeLeak(n);
    }
  }

  private void writeGroup(Node n) {
    String g = c.sym.nodeNames.get(n.index());
    Aggregation agg = n.aggregation();
    int[] count = new int[n.size()];
    if (agg == Aggregation.SUM || agg == Aggregation.MEAN) {
      c.begin();
      c.unit(Cost.FILL, Arrays.class, ".fill(", g, ", ", c.zero(), ");\n");
    }
    for (Edge e : c.layout.incoming(n.index())) {
      int off = e.to().offset();
      int rows = e.to().size();
      boolean allFirst = true;
      for (int i = 0; i < rows; i++) {
        allFirst &= count[off + i] == 0;
      }
      if (rows == 1) {
        elementEdge(n, e, count[off] == 0);
      } else if (agg == Aggregation.SUM || allFirst) {
        if (agg != Aggregation.SUM && agg != Aggregation.MEAN) {
          c.begin();
          c.unit(
              Cost.FILL_RANGE,
              Arrays.class,
              ".fill(",
              g,
              ", ",
              c.ix(off),
              ", ",
              c.ix(off + rows),
              ", ",
              c.zero(),
              ");\n");
        }
        // The term is the first for each element (or the aggregation is a sum): accumulate the
        // products straight into the group's array, which holds 0 there.
        matrixProduct(e, g, off);
      } else {
        c.termSize = Math.max(c.termSize, rows);
        c.begin();
        c.unit(
            Cost.FILL_RANGE,
            Arrays.class,
            ".fill(",
            Symbols.TERM,
            ", 0, ",
            rows,
            ", ",
            c.zero(),
            ");\n");
        matrixProduct(e, Symbols.TERM, 0);
        combineRuns(agg, g, off, rows, count);
      }
      for (int i = 0; i < rows; i++) {
        count[off + i]++;
      }
    }
    if (agg == Aggregation.MEAN) {
      forRuns(
          count,
          0,
          n.size(),
          (a, b, k) -> {
            if (k > 0) {
              elementwise(g, 0, a, b, Cost.UPDATE_DIVIDE, (gi, ti) -> gi + " / " + k);
            }
          });
    } else if (agg != Aggregation.SUM) {
      forRuns(
          count,
          0,
          n.size(),
          (a, b, k) -> {
            if (k == 0) {
              elementwise(g, 0, a, b, Cost.UPDATE_ZERO, (gi, ti) -> c.zero());
            }
          });
    }
    c.begin();
    String biases = c.storage.biases(n.index());
    Expr bias =
        biases == null
            ? c.constant(n.bias().get(0))
            : Expr.of(Cost.LOOP_CONSTANT, true, biases + "[" + Symbols.I + "]");
    String gi = g + "[" + Symbols.I + "]";
    Expr sum = c.affine(bias, n.gain(), Expr.of(Cost.LOOP_ELEMENT, true, gi));
    if (arrayTanh(n)) {
      // The sums first (a vectorized loop), then tanh of the whole array: the same bits as
      // element by element, most of the work in loops the JIT vectorizes.
      c.end(
          StepContext.loop(Symbols.I, 0, n.size(), gi, " = ", sum.code(), ";\n"),
          sum.cost() + Cost.LOOP);
      c.arrayTanh(Math.min(n.size(), TANH_SCRATCH_MAX));
      c.begin();
      c.unit(
          Cost.ARRAY_CALL,
          Activations.class,
          c.isFloat ? ".tanhToFloat(" : ".tanh(",
          g,
          ", 0, ",
          n.size(),
          ", ",
          Symbols.TANH_SCRATCH,
          ");\n");
      return;
    }
    Expr value = c.activate(n, sum);
    c.end(
        StepContext.loop(Symbols.I, 0, n.size(), gi, " = ", value.code(), ";\n"),
        value.cost() + Cost.LOOP);
  }

  /**
   * Whether group {@code n}'s tanh runs over its array ({@code Activations.tanh} or {@code
   * tanhToFloat}).
   */
  private boolean arrayTanh(Node n) {
    return !c.standalone
        && n.activation() == Activation.TANH
        && c.graph.math() != MathMode.FAST
        && n.size() >= ARRAY_TANH_MIN;
  }

  /** An edge into one element of group {@code n}. */
  private void elementEdge(Node n, Edge e, boolean first) {
    String g = c.sym.nodeNames.get(n.index());
    int k = e.to().offset();
    Aggregation agg = n.aggregation();
    if (agg == Aggregation.SUM) {
      if (StepBuilder.inlined(e)) {
        for (int j = 0; j < e.from().size(); j++) {
          c.begin();
          Expr p = c.product(e, 0, j);
          c.unit(p.cost() + Cost.ADD_ELEMENT, c.at(g, k), " += ", p.code(), ";\n");
        }
      } else {
        c.begin();
        String target = c.at(g, k);
        Expr d = c.dot(Expr.of(Cost.ELEMENT, true, target), e);
        c.unit(d.cost() + Cost.STORE_ELEMENT, target, " = ", d.code(), ";\n");
      }
      return;
    }
    c.begin();
    Expr t = c.term(e);
    Expr target = Expr.of(Cost.ELEMENT, true, c.at(g, k));
    if (agg == Aggregation.MEAN) {
      // The array was filled with 0, so this is 0 + t0 + t1 + ... in edge order.
      c.unit(t.cost() + Cost.ADD_ELEMENT, target.code(), " += ", t.paren(), ";\n");
    } else if (first) {
      c.unit(t.cost() + Cost.STORE_ELEMENT, target.code(), " = ", t.code(), ";\n");
    } else {
      Expr m = c.combine(agg, target, t);
      c.unit(m.cost() + Cost.STORE_ELEMENT, target.code(), " = ", m.code(), ";\n");
    }
  }

  /**
   * Adds the products of matrix edge {@code e} (rows > 1) to {@code target[base + i]}, column by
   * column, so that each row's accumulator receives its products in increasing column order while
   * the inner loop runs over one contiguous column (the edge's column array). Columns are taken
   * {@value #COLUMN_BLOCK} at a time, {@code t[i] = t[i] + c0[i] * y0 + c1[i] * y1 + ...}: the same
   * additions in the same order as one column at a time (Java evaluates {@code +} left to right),
   * with a quarter of the loads and stores of the accumulators. C2 vectorizes the loop.
   */
  private void matrixProduct(Edge e, String target, int base) {
    if (e.weights().isSparse()) {
      sparseProduct(e, target, base);
      return;
    }
    int rows = e.weights().rows();
    int cols = e.from().size();
    String m = c.storage.columns(e.index());
    String ti = c.element(target, base, Symbols.I);
    int full = cols - cols % COLUMN_BLOCK;
    if (full > 0) {
      c.begin();
      StepContext.Source s = c.source(e.from(), c.delay(e));
      String cast = s.feature() ? "(float) " : "";
      Src.Builder head = new Src.Builder();
      for (int k = 0; k < COLUMN_BLOCK; k++) {
        String j = k == 0 ? Symbols.J : Symbols.J + " + " + k;
        head.add(
            c.num(),
            " ",
            Symbols.Y_BLOCK.get(k),
            " = ",
            cast,
            c.element(s.array(), s.base(), j),
            ";\n");
      }
      for (int k = 0; k < COLUMN_BLOCK; k++) {
        String j = k == 0 ? Symbols.J : Symbols.J + " + " + k;
        head.add(c.num(), "[] ", Symbols.C_BLOCK.get(k), " = ", m, "[", j, "];\n");
      }
      c.end(
          Src.of(
              "for (int ",
              Symbols.J,
              " = 0; ",
              Symbols.J,
              " < ",
              full,
              "; ",
              Symbols.J,
              " += ",
              COLUMN_BLOCK,
              ") {\n",
              Src.of(head.build(), columnLoop(ti, rows, COLUMN_BLOCK)).indent(),
              "}\n"),
          2 * Cost.LOOP + Cost.COLUMN * COLUMN_BLOCK);
    }
    if (full < cols) {
      c.begin();
      Src.Builder head = new Src.Builder();
      int cost = Cost.LOOP;
      for (int k = 0; k < cols - full; k++) {
        Expr y = c.read(e.from(), full + k, c.delay(e));
        head.add(c.num(), " ", Symbols.Y_BLOCK.get(k), " = ", y.code(), ";\n");
        head.add(c.num(), "[] ", Symbols.C_BLOCK.get(k), " = ", m, "[", full + k, "];\n");
        cost += y.cost() + Cost.COLUMN;
      }
      c.end(
          Src.of("{\n", Src.of(head.build(), columnLoop(ti, rows, cols - full)).indent(), "}\n"),
          cost);
    }
  }

  /**
   * Adds the terms of sparse edge {@code e} to {@code target[base + i]}: row by row, each row's
   * stored entries in increasing column (a diagonal edge: one term per row, in a loop the JIT
   * vectorizes). The cost is in proportion to the stored entries, not to rows x columns.
   */
  private void sparseProduct(Edge e, String target, int base) {
    int rows = e.weights().rows();
    String values = c.storage.sparseValues(e.index());
    if (e.from().size() == 1) {
      // One column (a neuron or one element as the source): every stored entry reads it.
      Expr y = c.read(e.from(), 0, c.delay(e));
      String starts = c.storage.sparseRows(e.index());
      String ti = c.element(target, base, Symbols.I);
      c.begin();
      c.end(
          Src.of(
              "{\n",
              Src.of(
                      c.num(),
                      " ",
                      Symbols.Y,
                      " = ",
                      y.code(),
                      ";\n",
                      StepContext.loop(
                          Symbols.I,
                          0,
                          rows,
                          "for (int ",
                          Symbols.K,
                          " = ",
                          starts,
                          "[",
                          Symbols.I,
                          "]; ",
                          Symbols.K,
                          " < ",
                          starts,
                          "[",
                          Symbols.I,
                          " + 1]; ",
                          Symbols.K,
                          "++) {\n",
                          Src.of(
                                  ti, " = ", ti, " + ", values, "[", Symbols.K, "] * ", Symbols.Y,
                                  ";\n")
                              .indent(),
                          "}\n"))
                  .indent(),
              "}\n"),
          y.cost() + 2 * Cost.LOOP + Cost.COLUMN);
      return;
    }
    StepContext.Source s = c.source(e.from(), c.delay(e));
    String cast = s.feature() ? "(" + c.num() + ") " : "";
    String ti = c.element(target, base, Symbols.I);
    c.begin();
    if (e.weights().isDiagonal()) {
      c.end(
          StepContext.loop(
              Symbols.I,
              0,
              rows,
              ti,
              " = ",
              ti,
              " + ",
              values,
              "[",
              Symbols.I,
              "] * ",
              cast,
              c.element(s.array(), s.base(), Symbols.I),
              ";\n"),
          Cost.LOOP + Cost.COLUMN);
      return;
    }
    String columns = c.storage.sparseColumns(e.index());
    String starts = c.storage.sparseRows(e.index());
    // Four rows at a time, each with its own accumulator: the rows' chains of additions run side
    // by side (each row still adds its terms in increasing column), then each row's remaining
    // terms, then the rows left over one by one.
    String q = Symbols.K;
    String i = Symbols.I;
    java.util.function.Function<String, String> term =
        k ->
            values
                + "["
                + k
                + "] * "
                + cast
                + c.element(s.array(), s.base(), columns + "[" + k + "]");
    Src.Builder b = new Src.Builder();
    b.add("int ", i, " = 0;\n");
    b.add("for (; ", i, " + 4 <= ", rows, "; ", i, " += 4) {\n");
    Src.Builder block = new Src.Builder();
    for (int r = 0; r < 4; r++) {
      String at = r == 0 ? i : i + " + " + r;
      block.add("int ", START.get(r), " = ", starts, "[", at, "];\n");
      block.add("int ", END.get(r), " = ", starts, "[", i, " + ", r + 1, "];\n");
      block.add(c.num(), " ", Symbols.Y_BLOCK.get(r), " = ", c.element(target, base, at), ";\n");
    }
    block.add(
        "int ",
        Symbols.J,
        " = Math.min(Math.min(",
        END.get(0),
        " - ",
        START.get(0),
        ", ",
        END.get(1),
        " - ",
        START.get(1),
        "), Math.min(",
        END.get(2),
        " - ",
        START.get(2),
        ", ",
        END.get(3),
        " - ",
        START.get(3),
        "));\n");
    Src.Builder together = new Src.Builder();
    for (int r = 0; r < 4; r++) {
      String y = Symbols.Y_BLOCK.get(r);
      together.add(y, " = ", y, " + ", term.apply(START.get(r) + " + " + q), ";\n");
    }
    block.add(
        "for (int ",
        q,
        " = 0; ",
        q,
        " < ",
        Symbols.J,
        "; ",
        q,
        "++) {\n",
        together.build().indent(),
        "}\n");
    for (int r = 0; r < 4; r++) {
      String y = Symbols.Y_BLOCK.get(r);
      block.add(
          "for (int ",
          q,
          " = ",
          START.get(r),
          " + ",
          Symbols.J,
          "; ",
          q,
          " < ",
          END.get(r),
          "; ",
          q,
          "++) {\n",
          Src.of(y, " = ", y, " + ", term.apply(q), ";\n").indent(),
          "}\n");
      block.add(c.element(target, base, r == 0 ? i : i + " + " + r), " = ", y, ";\n");
    }
    b.add(block.build().indent(), "}\n");
    Src single =
        Src.of(
            c.num(),
            " ",
            Symbols.ROW_SUM,
            " = ",
            ti,
            ";\n",
            "for (int ",
            q,
            " = ",
            starts,
            "[",
            i,
            "]; ",
            q,
            " < ",
            starts,
            "[",
            i,
            " + 1]; ",
            q,
            "++) {\n",
            Src.of(Symbols.ROW_SUM, " = ", Symbols.ROW_SUM, " + ", term.apply(q), ";\n").indent(),
            "}\n",
            ti,
            " = ",
            Symbols.ROW_SUM,
            ";\n");
    b.add("for (; ", i, " < ", rows, "; ", i, "++) {\n", single.indent(), "}\n");
    c.end(Src.of("{\n", b.build().indent(), "}\n"), 6 * Cost.LOOP + 4 * Cost.COLUMN);
  }

  /** Locals of the four-row sparse loop: each row's first and end index into the values. */
  private static final java.util.List<String> START = Symbols.C_BLOCK;

  private static final java.util.List<String> END = Symbols.SPARSE_END;

  /**
   * A leaky node's values: {@code y = (1 - a) * y(t-1) + a * y} over the array just computed, with
   * y(t-1) from the state (DESIGN §8).
   */
  private void writeLeak(Node n) {
    String g = c.sym.nodeNames.get(n.index());
    Expr keep = c.constant(1 - n.leak());
    Expr rate = c.constant(n.leak());
    String gi = g + "[" + Symbols.I + "]";
    String previous =
        c.element(Symbols.STATE, c.layout.state.nodeIndex(n.index(), 1, 0), Symbols.I);
    c.begin();
    c.end(
        StepContext.loop(
            Symbols.I,
            0,
            n.size(),
            gi,
            " = ",
            keep.code(),
            " * ",
            previous,
            " + ",
            rate.code(),
            " * ",
            gi,
            ";\n"),
        Cost.LOOP + keep.cost() + rate.cost() + 3 * Cost.LOOP_ELEMENT);
  }

  /**
   * An LSTM or GRU cell, as {@link dev.rnnc.compiler.interpret.Interpreter} defines it: the gate
   * sums of the recurrent edge and of every other edge in two arrays (column loops), then the gate
   * formulas in PyTorch's order of operations, gate by gate over arrays so that tanh runs in bulk
   * ({@code Activations.tanh} over an array gives the same bits as element by element). The
   * input-sum array then holds the gates, and the recurrent-sum array tanh(c) of an LSTM.
   */
  private void writeCell(Node n) {
    int v = n.index();
    String g = c.sym.nodeNames.get(v);
    String in = c.storage.inputSums(v);
    String hidden = c.storage.recurrentSums(v);
    for (String sums : new String[] {in, hidden}) {
      c.begin();
      c.unit(Cost.FILL, Arrays.class, ".fill(", sums, ", ", c.zero(), ");\n");
    }
    for (Edge e : c.layout.incoming(v)) {
      matrixProduct(e, c.graph.isCellRecurrent(e) ? hidden : in, 0);
    }
    int h = n.size();
    String bi = c.storage.biases(v);
    String bh = c.storage.recurrentBiases(v);
    String ii = in + "[" + Symbols.I + "]";
    String hi = hidden + "[" + Symbols.I + "]";
    String both =
        "(" + ii + " + " + bi + "[" + Symbols.I + "]) + (" + hi + " + " + bh + "[" + Symbols.I
            + "])";
    String previous = c.element(Symbols.STATE, c.layout.state.nodeIndex(v, 1, 0), Symbols.I);
    if (n.cell() == dev.rnnc.compiler.ir.Cell.LSTM) {
      // a = (gi + b_ih) + (gh + b_hh) for all four gates, then i, f, o = sigmoid, g = tanh.
      loop(0, 4 * h, ii, both);
      gate(Activation.SIGMOID, in, 0, 2 * h);
      gate(Activation.TANH, in, 2 * h, 3 * h);
      gate(Activation.SIGMOID, in, 3 * h, 4 * h);
      // c = f * c(t-1) + i * g, kept in the state and in the recurrent array for tanh(c).
      String cell = c.element(Symbols.STATE, c.layout.state.cellIndex(v, 0), Symbols.I);
      String f = c.element(in, h, Symbols.I);
      String gg = c.element(in, 2 * h, Symbols.I);
      loop(0, h, cell, f + " * " + cell + " + " + ii + " * " + gg);
      loop(0, h, hi, cell);
      gate(Activation.TANH, hidden, 0, h);
      loop(0, h, g + "[" + Symbols.I + "]", c.element(in, 3 * h, Symbols.I) + " * " + hi);
      return;
    }
    // r, z = sigmoid((gi + b_ih) + (gh + b_hh)); n = tanh((gi_n + b_in) + r * (gh_n + b_hn));
    // h = (h(t-1) - n) * z + n, as PyTorch writes (1 - z) * n + z * h(t-1).
    loop(0, 2 * h, ii, both);
    gate(Activation.SIGMOID, in, 0, 2 * h);
    String n2 = c.element(in, 2 * h, Symbols.I);
    loop(
        0,
        h,
        n2,
        "("
            + n2
            + " + "
            + c.element(bi, 2 * h, Symbols.I)
            + ") + "
            + ii
            + " * ("
            + c.element(hidden, 2 * h, Symbols.I)
            + " + "
            + c.element(bh, 2 * h, Symbols.I)
            + ")");
    gate(Activation.TANH, in, 2 * h, 3 * h);
    loop(
        0,
        h,
        g + "[" + Symbols.I + "]",
        "(" + previous + " - " + n2 + ") * " + c.element(in, h, Symbols.I) + " + " + n2);
  }

  /** {@code for (i in [from, to)) target = value;} as one unit. */
  private void loop(int from, int to, String target, Object value) {
    c.begin();
    c.end(StepContext.loop(Symbols.I, from, to, target, " = ", value, ";\n"), Cost.LOOP + 40);
  }

  /**
   * {@code a[i] = act(a[i])} for i in [from, to): tanh over the array in bulk where the runtime has
   * it (exact mode, with the runtime), otherwise element by element.
   */
  private void gate(Activation act, String array, int from, int to) {
    if (act == Activation.TANH && !c.standalone && c.graph.math() != MathMode.FAST) {
      c.arrayTanh(Math.min(to - from, TANH_SCRATCH_MAX));
      c.begin();
      c.unit(
          Cost.ARRAY_CALL,
          Activations.class,
          c.isFloat ? ".tanhToFloat(" : ".tanh(",
          array,
          ", ",
          c.ix(from),
          ", ",
          c.ix(to),
          ", ",
          Symbols.TANH_SCRATCH,
          ");\n");
      return;
    }
    String ai = array + "[" + Symbols.I + "]";
    Expr value = c.activate(act, 0, Expr.of(Cost.LOOP_ELEMENT, true, ai));
    loop(from, to, ai, value.code());
  }

  /** {@code for (i < rows) t[i] = t[i] + c0[i] * y0 + ...} over {@code count} columns. */
  private static Src columnLoop(String ti, int rows, int count) {
    Src.Builder sum = new Src.Builder().add(ti, " = ", ti);
    for (int k = 0; k < count; k++) {
      sum.add(" + ", Symbols.C_BLOCK.get(k), "[", Symbols.I, "] * ", Symbols.Y_BLOCK.get(k));
    }
    return StepContext.loop(Symbols.I, 0, rows, sum.build(), ";\n");
  }

  /** Combines the edge terms in {@code term[0..rows)} into {@code g[off..off+rows)}. */
  private void combineRuns(Aggregation agg, String g, int off, int rows, int[] count) {
    int[] firstness = new int[rows];
    for (int i = 0; i < rows; i++) {
      firstness[i] = agg != Aggregation.MEAN && count[off + i] == 0 ? 1 : 0;
    }
    forRuns(
        firstness,
        0,
        rows,
        (a, b, first) ->
            elementwise(
                g,
                off,
                a,
                b,
                Cost.LOOP,
                (gi, ti) ->
                    first == 1
                        ? Src.of(ti)
                        : c.combine(
                                agg,
                                Expr.of(Cost.ELEMENT, true, gi),
                                Expr.of(Cost.LOOP_ELEMENT, true, ti))
                            .code()));
  }

  /**
   * {@code g[base + i] = value(g[base + i], term[i])} for i in [a, b): a loop, or one statement for
   * one element.
   */
  private void elementwise(
      String g, int base, int a, int b, int cost, BiFunction<String, String, Object> value) {
    c.begin();
    if (b - a == 1) {
      String gi = c.at(g, base + a);
      String ti = c.at(Symbols.TERM, a);
      c.unit(cost, gi, " = ", value.apply(gi, ti), ";\n");
      return;
    }
    String gi = c.element(g, base, Symbols.I);
    String ti = Symbols.TERM + "[" + Symbols.I + "]";
    c.end(
        StepContext.loop(Symbols.I, a, b, gi, " = ", value.apply(gi, ti), ";\n"), cost + Cost.LOOP);
  }

  private interface RunAction {
    void run(int from, int to, int key);
  }

  /** Calls {@code action} for each maximal run of equal {@code keys} in [from, to). */
  private static void forRuns(int[] keys, int from, int to, RunAction action) {
    int start = from;
    for (int i = from + 1; i <= to; i++) {
      if (i == to || keys[i] != keys[start]) {
        action.run(start, i, keys[start]);
        start = i;
      }
    }
  }
}
