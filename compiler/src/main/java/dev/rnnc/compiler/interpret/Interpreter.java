package dev.rnnc.compiler.interpret;

import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Aggregation;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.Matrix;
import dev.rnnc.compiler.ir.Node;
import dev.rnnc.compiler.ir.Port;
import dev.rnnc.compiler.schedule.Schedule;
import dev.rnnc.compiler.schedule.StateLayout;
import dev.rnnc.runtime.Evaluator;
import dev.rnnc.runtime.ModelInfo;
import dev.rnnc.runtime.ModelInfo.Precision;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference interpreter: the executable definition of the semantics (DESIGN §1). It evaluates a
 * scheduled graph one step at a time, directly from the IR, and is written to be obviously right
 * rather than fast. Generated evaluators must produce the same bits.
 *
 * <p>Not thread-safe: one instance per stream.
 */
public final class Interpreter implements Evaluator {

  private final Schedule schedule;
  private final Graph graph;
  private final ModelInfo info;
  private final boolean single;
  private final StateLayout layout;
  private final int[] featureOffsets;

  /** {@code now[v]}: node v's values in the current step. */
  private final double[][] now;

  /** Earlier steps' values, in the canonical layout ({@link StateLayout}). */
  private final double[] state;

  /** Prepares an interpreter in the initial state. */
  public Interpreter(Schedule schedule) {
    this.schedule = schedule;
    this.graph = schedule.graph();
    this.info = schedule.modelInfo();
    this.single = graph.precision() == Precision.FLOAT;
    this.layout = schedule.layout();
    this.featureOffsets = new int[graph.inputs().size()];
    for (int i = 0; i < featureOffsets.length; i++) {
      featureOffsets[i] = graph.featureOffset(i);
    }
    this.now = new double[graph.nodes().size()][];
    for (Node n : graph.nodes()) {
      now[n.index()] = new double[n.size()];
    }
    this.state = layout.initialState();
  }

  /** The schedule being interpreted. */
  public Schedule schedule() {
    return schedule;
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  @Override
  public void reset() {
    System.arraycopy(layout.initialState(), 0, state, 0, state.length);
  }

  @Override
  public void step(double[] features, double[] outputs) {
    if (features.length != graph.featureCount()) {
      throw new IllegalArgumentException(
          "expected " + graph.featureCount() + " features, got " + features.length);
    }
    if (outputs.length != graph.outputCount()) {
      throw new IllegalArgumentException(
          "expected room for " + graph.outputCount() + " outputs, got " + outputs.length);
    }
    double[] x = new double[features.length];
    for (int f = 0; f < x.length; f++) {
      x[f] = round(features[f]);
    }
    for (int v : schedule.order()) {
      Node node = graph.nodes().get(v);
      if (node.isCell()) {
        cell(node, x);
        continue;
      }
      for (int k = 0; k < node.size(); k++) {
        double agg = aggregate(node, k, x);
        double pre = round(round(node.bias().get(k)) + round(round(node.gain()) * agg));
        double value = round(activate(node, pre));
        if (node.leaky()) {
          double previous = state[layout.nodeIndex(v, 1, k)];
          value =
              round(round(round(1 - node.leak()) * previous) + round(round(node.leak()) * value));
        }
        now[v][k] = value;
      }
    }
    int column = 0;
    for (Port p : graph.outputs()) {
      for (int k = 0; k < p.size(); k++) {
        outputs[column++] = now[p.index()][p.offset() + k];
      }
    }
    for (Node n : graph.nodes()) {
      int v = n.index();
      push(layout.nodeHistory(v), layout.nodeBase(v), now[v], 0, n.size());
    }
    for (int i = 0; i < featureOffsets.length; i++) {
      push(
          layout.inputHistory(i),
          layout.inputBase(i),
          x,
          featureOffsets[i],
          graph.inputs().get(i).featureCount());
    }
  }

  /**
   * Pushes {@code size} values of {@code newest} from {@code offset} in front of the {@code
   * history} blocks at {@code base}, dropping the oldest block.
   */
  private void push(int history, int base, double[] newest, int offset, int size) {
    if (history == 0) {
      return;
    }
    System.arraycopy(state, base, state, base + size, (history - 1) * size);
    System.arraycopy(newest, offset, state, base, size);
  }

  /**
   * An LSTM or GRU cell (DESIGN §8), as PyTorch computes it: the gate sums of the recurrent edge
   * ({@code gh}, PyTorch's {@code W_hh h}) apart from those of every other edge ({@code gi}), each
   * one accumulator per gate row in edge order, then per element the gate formulas.
   */
  private void cell(Node node, double[] x) {
    int v = node.index();
    int h = node.size();
    double[] gi = new double[h * node.cell().gates()];
    double[] gh = new double[gi.length];
    for (Edge e : schedule.incoming(v)) {
      double[] sums = graph.isCellRecurrent(e) ? gh : gi;
      for (int r = 0; r < sums.length; r++) {
        sums[r] = rowSum(sums[r], e, r, x);
      }
    }
    double[] pre = new double[gi.length];
    for (int r = 0; r < pre.length; r++) {
      pre[r] =
          round(
              round(gi[r] + round(node.bias().get(r)))
                  + round(gh[r] + round(node.recurrentBias().get(r))));
    }
    for (int i = 0; i < h; i++) {
      double previous = state[layout.nodeIndex(v, 1, i)];
      switch (node.cell()) {
        case LSTM -> {
          double in = round(sigmoid(pre[i]));
          double forget = round(sigmoid(pre[h + i]));
          double candidate = round(tanh(pre[2 * h + i]));
          double out = round(sigmoid(pre[3 * h + i]));
          int ci = layout.cellIndex(v, i);
          double c = round(round(forget * state[ci]) + round(in * candidate));
          state[ci] = c;
          now[v][i] = round(out * round(tanh(c)));
        }
        case GRU -> {
          double reset = round(sigmoid(pre[i]));
          double update = round(sigmoid(pre[h + i]));
          double hn = round(gh[2 * h + i] + round(node.recurrentBias().get(2 * h + i)));
          double n =
              round(
                  tanh(
                      round(
                          round(gi[2 * h + i] + round(node.bias().get(2 * h + i)))
                              + round(reset * hn))));
          now[v][i] = round(round(round(previous - n) * update) + n);
        }
        default -> throw new IllegalStateException("not a cell: " + node.cell());
      }
    }
  }

  private static double sigmoid(double x) {
    return Activation.SIGMOID.apply(x, 0);
  }

  private static double tanh(double x) {
    return Activation.TANH.apply(x, 0);
  }

  /** {@code acc} plus edge {@code e}'s products for weight row {@code row}, terms in order. */
  private double rowSum(double acc, Edge e, int row, double[] x) {
    Matrix w = e.weights();
    for (int k = w.rowStart(row); k < w.rowEnd(row); k++) {
      acc = round(acc + round(round(w.storedValue(k)) * read(e, w.storedColumn(k), x)));
    }
    return acc;
  }

  /** Aggregates the terms of element {@code k} of {@code node}. */
  private double aggregate(Node node, int k, double[] x) {
    if (node.aggregation() == Aggregation.SUM) {
      double acc = 0.0;
      for (Edge e : schedule.incoming(node.index())) {
        int row = k - e.to().offset();
        if (row < 0 || row >= e.to().size()) {
          continue;
        }
        acc = rowSum(acc, e, row, x);
      }
      return acc;
    }
    List<Double> terms = new ArrayList<>();
    for (Edge e : schedule.incoming(node.index())) {
      int row = k - e.to().offset();
      if (row < 0 || row >= e.to().size()) {
        continue;
      }
      terms.add(rowSum(0.0, e, row, x));
    }
    if (terms.isEmpty()) {
      return 0.0;
    }
    Aggregation agg = node.aggregation();
    double m = agg.startsAtZero() ? round(0.0 + terms.get(0)) : terms.get(0);
    for (int i = 1; i < terms.size(); i++) {
      m = round(agg.combine(m, terms.get(i)));
    }
    m = round(agg.finish(m, terms.size()));
    return m;
  }

  /** The value edge {@code e} reads from element {@code j} of its source, at its delay. */
  private double read(Edge e, int j, double[] x) {
    Port from = e.from();
    int d = schedule.effectiveDelay(e.index());
    int element = from.offset() + j;
    if (from.isNode()) {
      return d == 0
          ? now[from.index()][element]
          : state[layout.nodeIndex(from.index(), d, element)];
    }
    return d == 0
        ? x[featureOffsets[from.index()] + element]
        : state[layout.inputIndex(from.index(), d, element)];
  }

  private static double activate(Node node, double x) {
    return node.activation().apply(x, node.alpha());
  }

  /** Rounds to the model's precision: identity for double, to the nearest float for float. */
  private double round(double value) {
    return single ? (double) (float) value : value;
  }

  @Override
  public double[] saveState() {
    return state.clone();
  }

  @Override
  public void loadState(double[] saved) {
    if (saved.length != state.length) {
      throw new IllegalArgumentException(
          "state has " + saved.length + " values, this model's has " + state.length);
    }
    System.arraycopy(saved, 0, state, 0, state.length);
  }
}
