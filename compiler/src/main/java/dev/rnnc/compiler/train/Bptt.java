package dev.rnnc.compiler.train;

import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Aggregation;
import dev.rnnc.compiler.ir.Cell;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.Matrix;
import dev.rnnc.compiler.ir.Node;
import dev.rnnc.compiler.ir.Port;
import dev.rnnc.compiler.schedule.Schedule;
import dev.rnnc.compiler.schedule.StateLayout;
import dev.rnnc.runtime.ModelInfo.Precision;
import java.util.List;

/**
 * Backpropagation through time over the model's exact forward semantics: the reference gradient.
 *
 * <p>{@link #forward} runs a chunk of steps from a saved state with the current {@link Parameters},
 * computing exactly what the {@link dev.rnnc.compiler.interpret.Interpreter} computes (the same
 * operations in the same order, rounded to float in float models), and keeps every node's
 * pre-activation and value. {@link #backward} then runs the steps in reverse and accumulates the
 * derivative of a loss with respect to every trained entry. No gradient flows into the state the
 * chunk started from, nor into inputs, initial values, gains or delays (DESIGN §7). Derivatives of
 * the operations come from their single definitions ({@link dev.rnnc.compiler.ir.Activation},
 * {@link Aggregation}); rounding to float counts as the identity.
 *
 * <p>Not thread-safe.
 */
public final class Bptt implements Engine {

  private final Schedule schedule;
  private final Graph graph;
  private final StateLayout layout;
  private final Parameters params;
  private final boolean single;

  /** Offset of node v's elements in a step's flat value array. */
  private final int[] nodeOffset;

  private final int elements;
  private final boolean hasCells;
  private final int[] featureOffset;

  /**
   * @param schedule the model, scheduled
   * @param params its weights and biases, read at every forward pass (so updates take effect)
   */
  public Bptt(Schedule schedule, Parameters params) {
    this.schedule = schedule;
    this.graph = schedule.graph();
    this.layout = schedule.layout();
    this.params = params;
    this.single = graph.precision() == Precision.FLOAT;
    FlatLayout flat = new FlatLayout(graph);
    this.nodeOffset = flat.nodeOffset;
    this.elements = flat.elements;
    this.hasCells = graph.nodes().stream().anyMatch(Node::isCell);
    this.featureOffset = new int[graph.inputs().size()];
    for (int i = 0; i < featureOffset.length; i++) {
      featureOffset[i] = graph.featureOffset(i);
    }
  }

  /** A chunk's forward pass: what {@link #backward} needs, and the outputs. */
  public static final class Pass {
    final double[][] x;
    final double[][] pre;
    final double[][] y;
    final double[] before;

    /** What another engine keeps for its backward pass, or null. */
    final Object engineData;

    /** {@code cells[t][v]}: what cell v computed at step t (see {@link Bptt#cell}), or null. */
    final double[][][] cells;

    /** {@code outputs[t]}: the output columns of step t, as {@code step} writes them. */
    public final double[][] outputs;

    /** The state after the chunk, in the canonical layout: the next chunk starts from it. */
    public final double[] after;

    Pass(
        double[][] x,
        double[][] pre,
        double[][] y,
        double[] before,
        double[][] outputs,
        double[] after,
        Object engineData) {
      this(x, pre, y, before, outputs, after, engineData, null);
    }

    Pass(
        double[][] x,
        double[][] pre,
        double[][] y,
        double[] before,
        double[][] outputs,
        double[] after,
        Object engineData,
        double[][][] cells) {
      this.cells = cells;
      this.engineData = engineData;
      this.x = x;
      this.pre = pre;
      this.y = y;
      this.before = before;
      this.outputs = outputs;
      this.after = after;
    }

    /** The number of steps. */
    public int steps() {
      return outputs.length;
    }
  }

  /**
   * Runs {@code features.length} steps from {@code before}.
   *
   * @param features one feature vector per step (every input's features, concatenated)
   * @param before the state before the first step, in the canonical layout (see {@link
   *     StateLayout#initialState()})
   */
  @Override
  public Pass forward(double[][] features, double[] before) {
    return forward(features, before, null);
  }

  /**
   * Runs {@code features.length} steps from {@code before}, teacher-forcing node values: where
   * {@code forced[t][i]} is not NaN, element i (flat, nodes in declaration order) takes that value
   * at step t once computed, so every later read sees it.
   */
  Pass forward(double[][] features, double[] before, double[][] forced) {
    int steps = features.length;
    double[][] x = new double[steps][];
    double[][] pre = new double[steps][elements];
    double[][] y = new double[steps][elements];
    double[][] outputs = new double[steps][graph.outputCount()];
    double[][][] cells = hasCells ? new double[steps][graph.nodes().size()][] : null;
    for (int t = 0; t < steps; t++) {
      if (features[t].length != graph.featureCount()) {
        throw new IllegalArgumentException(
            "expected " + graph.featureCount() + " features, got " + features[t].length);
      }
      x[t] = new double[features[t].length];
      for (int f = 0; f < x[t].length; f++) {
        x[t][f] = round(features[t][f]);
      }
      for (int v : schedule.order()) {
        Node node = graph.nodes().get(v);
        double[] b = params.bias[v];
        if (node.isCell()) {
          cells[t][v] = cell(node, t, x, y, before, cells);
          if (forced != null) {
            for (int k = 0; k < node.size(); k++) {
              if (!Double.isNaN(forced[t][nodeOffset[v] + k])) {
                y[t][nodeOffset[v] + k] = forced[t][nodeOffset[v] + k];
              }
            }
          }
          continue;
        }
        for (int k = 0; k < node.size(); k++) {
          double agg = aggregate(node, k, t, x, y, before);
          double p = round(round(b[k]) + round(round(node.gain()) * agg));
          pre[t][nodeOffset[v] + k] = p;
          double value = round(node.activation().apply(p, node.alpha()));
          if (node.leaky()) {
            double previous = previous(v, k, t, y, before);
            value =
                round(round(round(1 - node.leak()) * previous) + round(round(node.leak()) * value));
          }
          if (forced != null && !Double.isNaN(forced[t][nodeOffset[v] + k])) {
            value = forced[t][nodeOffset[v] + k];
          }
          y[t][nodeOffset[v] + k] = value;
        }
      }
      int column = 0;
      for (Port o : graph.outputs()) {
        for (int k = 0; k < o.size(); k++) {
          outputs[t][column++] = y[t][nodeOffset[o.index()] + o.offset() + k];
        }
      }
    }
    double[] after = stateAfter(x, y, before);
    for (Node n : graph.nodes()) {
      if (n.cell().hasCellState()) {
        for (int i = 0; i < n.size(); i++) {
          after[layout.cellIndex(n.index(), i)] =
              steps > 0
                  ? cells[steps - 1][n.index()][CELL_C * n.size() + i]
                  : before[layout.cellIndex(n.index(), i)];
        }
      }
    }
    return new Pass(x, pre, y, before, outputs, after, null, cells);
  }

  // An LSTM's record per step: the gates i, f, g, o, then c, tanh(c) and c(t-1) (H values each).
  private static final int CELL_C = 4;
  private static final int CELL_TANH_C = 5;
  private static final int CELL_C_BEFORE = 6;
  // A GRU's: r, z, n, then W_hn h(t-1) + b_hn, then h(t-1).
  private static final int GRU_HN = 3;
  private static final int GRU_H_BEFORE = 4;

  /**
   * Cell {@code node} at step t, exactly as the interpreter computes it; writes h into {@code y}
   * and returns the step's record (gates and the values the backward pass needs).
   */
  private double[] cell(
      Node node, int t, double[][] x, double[][] y, double[] before, double[][][] cells) {
    int v = node.index();
    int h = node.size();
    int rows = h * node.cell().gates();
    double[] b = params.bias[v];
    double[] gi = new double[rows];
    double[] gh = new double[rows];
    for (Edge e : schedule.incoming(v)) {
      double[] sums = graph.isCellRecurrent(e) ? gh : gi;
      for (int r = 0; r < rows; r++) {
        sums[r] = term(sums[r], e, r, t, x, y, before);
      }
    }
    boolean lstm = node.cell() == Cell.LSTM;
    double[] record = new double[(lstm ? 7 : 5) * h];
    double[] pre = new double[rows];
    for (int r = 0; r < rows; r++) {
      pre[r] = round(round(gi[r] + round(b[r])) + round(gh[r] + round(b[rows + r])));
    }
    for (int i = 0; i < h; i++) {
      double previous = previous(v, i, t, y, before);
      if (lstm) {
        double in = round(sigmoid(pre[i]));
        double forget = round(sigmoid(pre[h + i]));
        double candidate = round(tanh(pre[2 * h + i]));
        double out = round(sigmoid(pre[3 * h + i]));
        double cBefore = t > 0 ? cells[t - 1][v][CELL_C * h + i] : before[layout.cellIndex(v, i)];
        double c = round(round(forget * cBefore) + round(in * candidate));
        double tanhC = round(tanh(c));
        record[i] = in;
        record[h + i] = forget;
        record[2 * h + i] = candidate;
        record[3 * h + i] = out;
        record[CELL_C * h + i] = c;
        record[CELL_TANH_C * h + i] = tanhC;
        record[CELL_C_BEFORE * h + i] = cBefore;
        y[t][nodeOffset[v] + i] = round(out * tanhC);
      } else {
        double reset = round(sigmoid(pre[i]));
        double update = round(sigmoid(pre[h + i]));
        double hn = round(gh[2 * h + i] + round(b[rows + 2 * h + i]));
        double n =
            round(tanh(round(round(gi[2 * h + i] + round(b[2 * h + i])) + round(reset * hn))));
        record[i] = reset;
        record[h + i] = update;
        record[2 * h + i] = n;
        record[GRU_HN * h + i] = hn;
        record[GRU_H_BEFORE * h + i] = previous;
        y[t][nodeOffset[v] + i] = round(round(round(previous - n) * update) + n);
      }
    }
    return record;
  }

  /**
   * The backward pass through cell {@code node} at step t: from the derivative with respect to h
   * (and, for an LSTM, to c from step t + 1 in {@code cNext}, which this replaces with the
   * derivative with respect to c(t-1)), the derivatives of the gate sums, sent back through the
   * cell's edges and biases.
   */
  private void backCell(
      Node node, int t, Pass pass, double[][] gy, double[] cNext, Parameters gradient) {
    int v = node.index();
    int h = node.size();
    int rows = h * node.cell().gates();
    double[] record = pass.cells[t][v];
    double[] dIn = new double[rows];
    double[] dHidden = new double[rows];
    for (int i = 0; i < h; i++) {
      double g = gy[t][nodeOffset[v] + i];
      if (node.cell() == Cell.LSTM) {
        double in = record[i];
        double forget = record[h + i];
        double candidate = record[2 * h + i];
        double out = record[3 * h + i];
        double tanhC = record[CELL_TANH_C * h + i];
        double dc = cNext[i] + g * out * (1 - tanhC * tanhC);
        cNext[i] = dc * forget;
        dIn[i] = dc * candidate * in * (1 - in);
        dIn[h + i] = dc * record[CELL_C_BEFORE * h + i] * forget * (1 - forget);
        dIn[2 * h + i] = dc * in * (1 - candidate * candidate);
        dIn[3 * h + i] = g * tanhC * out * (1 - out);
        for (int q = 0; q < 4; q++) {
          dHidden[q * h + i] = dIn[q * h + i];
        }
      } else {
        double reset = record[i];
        double update = record[h + i];
        double n = record[2 * h + i];
        double hn = record[GRU_HN * h + i];
        double previous = record[GRU_H_BEFORE * h + i];
        if (t > 0) {
          gy[t - 1][nodeOffset[v] + i] += g * update;
        }
        double dn = g * (1 - update) * (1 - n * n);
        double dz = g * (previous - n) * update * (1 - update);
        double dr = dn * hn * reset * (1 - reset);
        dIn[i] = dr;
        dHidden[i] = dr;
        dIn[h + i] = dz;
        dHidden[h + i] = dz;
        dIn[2 * h + i] = dn;
        dHidden[2 * h + i] = dn * reset;
      }
    }
    for (int r = 0; r < rows; r++) {
      if (params.trainsBias(v, r)) {
        gradient.bias[v][r] += dIn[r];
      }
      if (params.trainsBias(v, rows + r)) {
        gradient.bias[v][rows + r] += dHidden[r];
      }
    }
    for (Edge e : schedule.incoming(v)) {
      double[] d = graph.isCellRecurrent(e) ? dHidden : dIn;
      for (int r = 0; r < rows; r++) {
        backTerm(d[r], e, r, t, pass, gy, gradient);
      }
    }
  }

  private static double sigmoid(double x) {
    return Activation.SIGMOID.apply(x, 0);
  }

  private static double tanh(double x) {
    return Activation.TANH.apply(x, 0);
  }

  /** Node v's element k at step t - 1 of the chunk (from the state before it, at t = 0). */
  private double previous(int v, int k, int t, double[][] y, double[] before) {
    return t > 0 ? y[t - 1][nodeOffset[v] + k] : before[layout.nodeIndex(v, 1, k)];
  }

  private double[] stateAfter(double[][] x, double[][] y, double[] before) {
    int steps = y.length;
    double[] after = new double[before.length];
    for (Node n : graph.nodes()) {
      int v = n.index();
      for (int d = 1; d <= layout.nodeHistory(v); d++) {
        for (int k = 0; k < n.size(); k++) {
          after[layout.nodeIndex(v, d, k)] =
              steps - d >= 0
                  ? y[steps - d][nodeOffset[v] + k]
                  : before[layout.nodeIndex(v, d - steps, k)];
        }
      }
    }
    for (int i = 0; i < featureOffset.length; i++) {
      int width = graph.inputs().get(i).featureCount();
      for (int d = 1; d <= layout.inputHistory(i); d++) {
        for (int k = 0; k < width; k++) {
          after[layout.inputIndex(i, d, k)] =
              steps - d >= 0
                  ? x[steps - d][featureOffset[i] + k]
                  : before[layout.inputIndex(i, d - steps, k)];
        }
      }
    }
    return after;
  }

  private double aggregate(Node node, int k, int t, double[][] x, double[][] y, double[] before) {
    List<Edge> incoming = schedule.incoming(node.index());
    if (node.aggregation() == Aggregation.SUM) {
      double acc = 0.0;
      for (Edge e : incoming) {
        int row = k - e.to().offset();
        if (row >= 0 && row < e.to().size()) {
          acc = term(acc, e, row, t, x, y, before);
        }
      }
      return acc;
    }
    double[] terms = terms(node, k, t, x, y, before);
    if (terms.length == 0) {
      return 0.0;
    }
    Aggregation agg = node.aggregation();
    double m = agg.startsAtZero() ? round(0.0 + terms[0]) : terms[0];
    for (int i = 1; i < terms.length; i++) {
      m = round(agg.combine(m, terms[i]));
    }
    return round(agg.finish(m, terms.length));
  }

  /** Each incoming edge's own sum for element k, in edge order (for aggregations but sum). */
  private double[] terms(Node node, int k, int t, double[][] x, double[][] y, double[] before) {
    List<Edge> incoming = schedule.incoming(node.index());
    double[] terms = new double[incoming.size()];
    int n = 0;
    for (Edge e : incoming) {
      int row = k - e.to().offset();
      if (row >= 0 && row < e.to().size()) {
        terms[n++] = term(0.0, e, row, t, x, y, before);
      }
    }
    return n == terms.length ? terms : java.util.Arrays.copyOf(terms, n);
  }

  /** {@code acc} plus edge e's products for target row {@code row}, in increasing column. */
  private double term(
      double acc, Edge e, int row, int t, double[][] x, double[][] y, double[] before) {
    double[] w = params.weights[e.index()];
    int cols = e.from().size();
    Matrix m = e.weights();
    for (int k = m.rowStart(row); k < m.rowEnd(row); k++) {
      int j = m.storedColumn(k);
      acc = round(acc + round(round(w[row * cols + j]) * read(e, j, t, x, y, before)));
    }
    return acc;
  }

  /** Offset of node v's elements in a step's flat values (for forcing). */
  int nodeOffset(int v) {
    return nodeOffset[v];
  }

  /** The number of node elements in all (the width of a step's flat values). */
  int elements() {
    return elements;
  }

  /** What edge e read from element j of its source at step t of a pass. */
  double read(Pass pass, Edge e, int j, int t) {
    return read(e, j, t, pass.x, pass.y, pass.before);
  }

  /** What edge e reads from element j of its source at step t of the chunk. */
  private double read(Edge e, int j, int t, double[][] x, double[][] y, double[] before) {
    Port from = e.from();
    int d = schedule.effectiveDelay(e.index());
    int element = from.offset() + j;
    int s = t - d;
    if (from.isNode()) {
      return s >= 0
          ? y[s][nodeOffset[from.index()] + element]
          : before[layout.nodeIndex(from.index(), d - t, element)];
    }
    return s >= 0
        ? x[s][featureOffset[from.index()] + element]
        : before[layout.inputIndex(from.index(), d - t, element)];
  }

  /**
   * Adds the derivative of a loss to {@code gradient}, given its derivative with respect to every
   * output column of every step of the pass.
   *
   * @param pass a forward pass made with the current parameters
   * @param dOutputs {@code dOutputs[t][c]}: the loss's derivative with respect to column c of step
   *     t
   * @param gradient where to add, shaped like the parameters; only trained entries are written
   */
  @Override
  public void backward(Pass pass, double[][] dOutputs, Parameters gradient) {
    int steps = pass.steps();
    double[][] gy = new double[steps][elements];
    for (int t = 0; t < steps; t++) {
      int column = 0;
      for (Port o : graph.outputs()) {
        for (int k = 0; k < o.size(); k++) {
          gy[t][nodeOffset[o.index()] + o.offset() + k] += dOutputs[t][column++];
        }
      }
    }
    List<Integer> order = schedule.order();
    double[] partials = new double[graph.edges().size()];
    // (a node's terms are at most its incoming edges, so this holds any node's partials)
    double[][] cNext = new double[graph.nodes().size()][];
    for (Node n : graph.nodes()) {
      cNext[n.index()] = n.cell().hasCellState() ? new double[n.size()] : null;
    }
    for (int t = steps - 1; t >= 0; t--) {
      for (int position = order.size() - 1; position >= 0; position--) {
        int v = order.get(position);
        Node node = graph.nodes().get(v);
        if (node.isCell()) {
          backCell(node, t, pass, gy, cNext[v], gradient);
          continue;
        }
        for (int k = 0; k < node.size(); k++) {
          double g = gy[t][nodeOffset[v] + k];
          if (g == 0.0) {
            continue;
          }
          double p = pass.pre[t][nodeOffset[v] + k];
          double gPre;
          if (node.leaky()) {
            // y = (1 - a) y(t-1) + a act(p): the previous value gets (1 - a) g, p gets a g act'.
            if (t > 0) {
              gy[t - 1][nodeOffset[v] + k] += g * (1 - node.leak());
            }
            gPre = g * node.leak() * node.activation().derivative(p, node.alpha());
          } else {
            gPre = g * node.activation().derivative(p, pass.y[t][nodeOffset[v] + k], node.alpha());
          }
          if (params.trainsBias(v, k)) {
            gradient.bias[v][k] += gPre;
          }
          double gAgg = gPre * node.gain();
          if (node.aggregation() == Aggregation.SUM) {
            for (Edge e : schedule.incoming(v)) {
              int row = k - e.to().offset();
              if (row >= 0 && row < e.to().size()) {
                backTerm(gAgg, e, row, t, pass, gy, gradient);
              }
            }
          } else {
            double[] terms = terms(node, k, t, pass.x, pass.y, pass.before);
            node.aggregation().partials(terms, partials);
            int i = 0;
            for (Edge e : schedule.incoming(v)) {
              int row = k - e.to().offset();
              if (row >= 0 && row < e.to().size()) {
                backTerm(gAgg * partials[i++], e, row, t, pass, gy, gradient);
              }
            }
          }
        }
      }
    }
  }

  /** Sends {@code g}, the derivative with respect to edge e's term for row {@code row}, back. */
  private void backTerm(
      double g, Edge e, int row, int t, Pass pass, double[][] gy, Parameters gradient) {
    if (g == 0.0) {
      return;
    }
    int ei = e.index();
    double[] w = params.weights[ei];
    int cols = e.from().size();
    Port from = e.from();
    int d = schedule.effectiveDelay(ei);
    int s = t - d;
    boolean trains = params.trainsEdge(ei);
    Matrix m = e.weights();
    for (int k = m.rowStart(row); k < m.rowEnd(row); k++) {
      int j = m.storedColumn(k);
      int i = row * cols + j;
      if (trains && params.trainsWeight(ei, i)) {
        gradient.weights[ei][i] += g * read(e, j, t, pass.x, pass.y, pass.before);
      }
      if (from.isNode() && s >= 0) {
        gy[s][nodeOffset[from.index()] + from.offset() + j] += g * w[i];
      }
    }
  }

  private double round(double value) {
    return single ? (double) (float) value : value;
  }
}
