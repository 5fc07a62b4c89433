package dev.rnnc.compiler.train;

import dev.rnnc.compiler.ir.Aggregation;
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
    return new Pass(x, pre, y, before, outputs, stateAfter(x, y, before), null);
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
    for (int t = steps - 1; t >= 0; t--) {
      for (int position = order.size() - 1; position >= 0; position--) {
        int v = order.get(position);
        Node node = graph.nodes().get(v);
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
