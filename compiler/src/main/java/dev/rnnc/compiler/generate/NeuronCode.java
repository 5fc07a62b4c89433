package dev.rnnc.compiler.generate;

import dev.rnnc.compiler.ir.Aggregation;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Node;
import java.util.List;
import java.util.function.Supplier;

/**
 * The code of one neuron: {@code act(bias + gain * agg)} over its incoming edges in declaration
 * order, as one expression when it is short, else as statements on a running aggregate.
 */
final class NeuronCode {

  /** At most this many products (sum) or terms (other aggregations) make one expression. */
  private static final int SINGLE_EXPRESSION_ITEMS = 4;

  /** How a neuron's statements hold the running aggregate. */
  private enum Holder {
    /** A local of step named after the neuron (small models). */
    LOCAL,
    /** A local {@code agg} in a block of its own (the neuron fits one unit). */
    BLOCK,
    /** The {@code pending} field, one unit per statement (a neuron too large for one method). */
    FIELD
  }

  private final StepContext c;
  private final int unitBudget;

  /**
   * @param unitBudget a neuron estimated larger than this spreads over several units
   */
  NeuronCode(StepContext c, int unitBudget) {
    this.c = c;
    this.unitBudget = unitBudget;
  }

  void write(Node n) {
    List<Edge> edges = c.layout.incoming(n.index());
    boolean sum = n.aggregation() == Aggregation.SUM;
    int items = 0;
    int products = 0;
    int estimate = Cost.NEURON;
    for (Edge e : edges) {
      if (StepBuilder.inlined(e)) {
        products += e.from().size();
        items += sum ? e.from().size() : 1;
        estimate += Cost.NEURON_PRODUCT * e.from().size();
      } else {
        items++;
        estimate += Cost.NEURON_DOT;
      }
    }
    boolean single =
        sum
            ? items <= SINGLE_EXPRESSION_ITEMS
            : edges.size() <= SINGLE_EXPRESSION_ITEMS && products <= 2 * SINGLE_EXPRESSION_ITEMS;
    if (single) {
      c.begin();
      Expr agg = sum ? sumExpression(edges) : combineExpression(n.aggregation(), edges);
      Expr value = leak(n, c.activate(n, c.affine(c.constant(n.bias().get(0)), n.gain(), agg)));
      if (c.locals) {
        c.unit(
            value.cost() + Cost.STORE_LOCAL,
            c.num(),
            " ",
            c.sym.nodeNames.get(n.index()),
            " = ",
            value.code(),
            ";\n");
      } else {
        Expr target = c.neuronValue(n);
        c.unit(value.cost() + Cost.STORE_ELEMENT, target.code(), " = ", value.code(), ";\n");
      }
      return;
    }
    Holder holder = c.locals ? Holder.LOCAL : estimate <= unitBudget ? Holder.BLOCK : Holder.FIELD;
    String acc =
        switch (holder) {
          case LOCAL -> c.sym.nodeNames.get(n.index());
          case BLOCK -> Symbols.ACC;
          case FIELD -> Symbols.ACC_FIELD;
        };
    c.usesAccumulatorField |= holder == Holder.FIELD;
    String declare = holder == Holder.FIELD ? "" : c.num() + " ";
    Src.Builder body = new Src.Builder();
    int[] cost = {0};
    if (holder != Holder.FIELD) {
      c.begin();
    }
    Expr accExpr = Expr.of(Cost.LOCAL, true, acc);
    if (sum) {
      statement(
          holder,
          body,
          cost,
          () -> Expr.of(Cost.ZERO_ACC, false, declare, acc, " = ", c.zero(), ";\n"));
      for (Edge e : edges) {
        if (StepBuilder.inlined(e)) {
          for (int j = 0; j < e.from().size(); j++) {
            int col = j;
            statement(
                holder,
                body,
                cost,
                () -> {
                  Expr p = c.product(e, 0, col);
                  return Expr.of(p.cost() + Cost.ACCUMULATE, false, acc, " += ", p.code(), ";\n");
                });
          }
        } else {
          statement(
              holder,
              body,
              cost,
              () -> {
                Expr d = c.dot(accExpr, e);
                return Expr.of(d.cost() + Cost.STORE, false, acc, " = ", d.code(), ";\n");
              });
        }
      }
    } else {
      Aggregation agg = n.aggregation();
      for (int k = 0; k < edges.size(); k++) {
        Edge e = edges.get(k);
        boolean first = k == 0;
        statement(
            holder,
            body,
            cost,
            () -> {
              Expr t = c.term(e);
              if (first) {
                return agg == Aggregation.MEAN
                    ? Expr.of(
                        t.cost() + Cost.ACCUMULATE,
                        false,
                        declare,
                        acc,
                        " = ",
                        c.zero(),
                        " + ",
                        t.paren(),
                        ";\n")
                    : Expr.of(t.cost() + Cost.STORE, false, declare, acc, " = ", t.code(), ";\n");
              }
              Expr m = c.combine(agg, accExpr, t);
              return Expr.of(m.cost() + Cost.STORE, false, acc, " = ", m.code(), ";\n");
            });
      }
    }
    Aggregation agg = n.aggregation();
    int count = edges.size();
    statement(
        holder,
        body,
        cost,
        () -> {
          Expr aggregate =
              agg == Aggregation.MEAN ? Expr.of(Cost.MEAN, false, acc, " / ", count) : accExpr;
          Expr value =
              leak(n, c.activate(n, c.affine(c.constant(n.bias().get(0)), n.gain(), aggregate)));
          if (holder == Holder.LOCAL) {
            return Expr.of(value.cost() + Cost.STORE_LOCAL, false, acc, " = ", value.code(), ";\n");
          }
          Expr target = c.neuronValue(n);
          return Expr.of(
              value.cost() + Cost.STORE_ELEMENT, false, target.code(), " = ", value.code(), ";\n");
        });
    if (holder == Holder.BLOCK) {
      c.end(Src.of("{\n", body.build().indent(), "}\n"), cost[0]);
    } else if (holder == Holder.LOCAL) {
      c.end(body.build(), cost[0]);
    }
  }

  /** {@code (1 - a) * y(t-1) + a * value} for a leaky neuron; {@code value} otherwise. */
  private Expr leak(Node n, Expr value) {
    if (!n.leaky()) {
      return value;
    }
    Expr keep = c.constant(1 - n.leak());
    Expr rate = c.constant(n.leak());
    String previous = c.at(Symbols.STATE, c.layout.state.nodeIndex(n.index(), 1, 0));
    return Expr.of(
        keep.cost() + rate.cost() + value.cost() + Cost.ELEMENT + 3 * Cost.OPERATOR,
        false,
        keep.code(),
        " * ",
        previous,
        " + ",
        rate.code(),
        " * ",
        value.paren());
  }

  /** Adds one statement: to the neuron's unit, or (FIELD) as a unit of its own. */
  private void statement(Holder holder, Src.Builder body, int[] cost, Supplier<Expr> make) {
    if (holder == Holder.FIELD) {
      c.begin();
      Expr s = make.get();
      c.end(s.code(), s.cost());
      return;
    }
    Expr s = make.get();
    body.add(s.code());
    cost[0] += s.cost();
  }

  /** 0 + every product of every edge, as one expression. */
  private Expr sumExpression(List<Edge> edges) {
    Expr acc = Expr.of(Cost.LITERAL, true, c.zero());
    for (Edge e : edges) {
      if (StepBuilder.inlined(e)) {
        for (int j = 0; j < e.from().size(); j++) {
          Expr p = c.product(e, 0, j);
          acc = Expr.of(acc.cost() + p.cost() + Cost.OPERATOR, false, acc.code(), " + ", p.code());
        }
      } else {
        acc = c.dot(acc, e);
      }
    }
    return acc;
  }

  /** The combined terms of every edge, as one expression (0 when there are none). */
  private Expr combineExpression(Aggregation agg, List<Edge> edges) {
    if (edges.isEmpty()) {
      return Expr.of(Cost.LITERAL, true, c.zero());
    }
    if (agg == Aggregation.MEAN) {
      Src.Builder b = new Src.Builder().add("(", c.zero());
      int cost = Cost.MEAN;
      for (Edge e : edges) {
        Expr t = c.term(e);
        b.add(" + ", t.paren());
        cost += t.cost() + Cost.OPERATOR;
      }
      return new Expr(b.add(") / ", edges.size()).build(), cost, false);
    }
    Expr m = c.term(edges.get(0));
    for (Edge e : edges.subList(1, edges.size())) {
      m = c.combine(agg, m, c.term(e));
    }
    return m;
  }
}
