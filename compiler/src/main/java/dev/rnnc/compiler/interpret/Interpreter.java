package dev.rnnc.compiler.interpret;

import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Aggregation;
import dev.rnnc.compiler.ir.Edge;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.Node;
import dev.rnnc.compiler.ir.Port;
import dev.rnnc.compiler.ir.Precision;
import dev.rnnc.compiler.schedule.Schedule;
import dev.rnnc.runtime.Activations;
import dev.rnnc.runtime.Evaluator;
import dev.rnnc.runtime.ModelInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference interpreter: the executable definition of the semantics (DESIGN §1). It evaluates
 * a scheduled graph one step at a time, directly from the IR, and is written to be obviously
 * right rather than fast. Generated evaluators must produce the same bits.
 *
 * <p>Not thread-safe: one instance per stream.
 */
public final class Interpreter implements Evaluator {

  private final Schedule schedule;
  private final Graph graph;
  private final ModelInfo info;
  private final boolean single;
  /** Incoming edges of every node, in edge declaration order. */
  private final List<List<Edge>> incoming;
  private final int[] nodeHistory;
  private final int[] inputHistory;
  private final int[] featureOffsets;

  /** {@code now[v]}: node v's values in the current step. */
  private final double[][] now;
  /** {@code past[v][d - 1]}: node v's values d steps ago. */
  private final double[][][] past;
  /** {@code inputPast[i][d - 1]}: input i's features d steps ago. */
  private final double[][][] inputPast;

  /** Prepares an interpreter in the initial state. */
  public Interpreter(Schedule schedule) {
    this.schedule = schedule;
    this.graph = schedule.graph();
    this.info = schedule.modelInfo();
    this.single = graph.precision() == Precision.FLOAT;
    this.incoming = new ArrayList<>();
    for (int v = 0; v < graph.nodes().size(); v++) {
      incoming.add(new ArrayList<>());
    }
    for (Edge e : graph.edges()) {
      incoming.get(e.to().index()).add(e);
    }
    this.nodeHistory = schedule.nodeHistory();
    this.inputHistory = schedule.inputHistory();
    this.featureOffsets = new int[graph.inputs().size()];
    for (int i = 0; i < featureOffsets.length; i++) {
      featureOffsets[i] = graph.featureOffset(i);
    }
    this.now = new double[graph.nodes().size()][];
    this.past = new double[graph.nodes().size()][][];
    for (Node n : graph.nodes()) {
      now[n.index()] = new double[n.size()];
      past[n.index()] = new double[nodeHistory[n.index()]][n.size()];
    }
    this.inputPast = new double[graph.inputs().size()][][];
    for (int i = 0; i < inputPast.length; i++) {
      inputPast[i] = new double[inputHistory[i]][graph.inputs().get(i).featureCount()];
    }
    reset();
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
    for (Node n : graph.nodes()) {
      for (double[] block : past[n.index()]) {
        for (int k = 0; k < n.size(); k++) {
          block[k] = round(n.initial()[k]);
        }
      }
    }
    for (double[][] blocks : inputPast) {
      for (double[] block : blocks) {
        java.util.Arrays.fill(block, 0.0);
      }
    }
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
      for (int k = 0; k < node.size(); k++) {
        double agg = aggregate(node, k, x);
        double pre = round(round(node.bias()[k]) + round(round(node.gain()) * agg));
        now[v][k] = round(activate(node, pre));
      }
    }
    int column = 0;
    for (Port p : graph.outputs()) {
      for (int k = 0; k < p.size(); k++) {
        outputs[column++] = now[p.index()][p.offset() + k];
      }
    }
    for (int v = 0; v < past.length; v++) {
      shift(past[v], now[v]);
    }
    for (int i = 0; i < inputPast.length; i++) {
      int offset = featureOffsets[i];
      double[] current = new double[graph.inputs().get(i).featureCount()];
      System.arraycopy(x, offset, current, 0, current.length);
      shift(inputPast[i], current);
    }
  }

  /** Pushes {@code newest} in front of the history blocks, dropping the oldest. */
  private static void shift(double[][] blocks, double[] newest) {
    for (int d = blocks.length - 1; d > 0; d--) {
      System.arraycopy(blocks[d - 1], 0, blocks[d], 0, newest.length);
    }
    if (blocks.length > 0) {
      System.arraycopy(newest, 0, blocks[0], 0, newest.length);
    }
  }

  /** Aggregates the terms of element {@code k} of {@code node}. */
  private double aggregate(Node node, int k, double[] x) {
    if (node.aggregation() == Aggregation.SUM) {
      double acc = 0.0;
      for (Edge e : incoming.get(node.index())) {
        int row = k - e.to().offset();
        if (row < 0 || row >= e.to().size()) {
          continue;
        }
        for (int j = 0; j < e.from().size(); j++) {
          acc = round(acc + round(round(e.weights().get(row, j)) * read(e, j, x)));
        }
      }
      return acc;
    }
    List<Double> terms = new ArrayList<>();
    for (Edge e : incoming.get(node.index())) {
      int row = k - e.to().offset();
      if (row < 0 || row >= e.to().size()) {
        continue;
      }
      double t = 0.0;
      for (int j = 0; j < e.from().size(); j++) {
        t = round(t + round(round(e.weights().get(row, j)) * read(e, j, x)));
      }
      terms.add(t);
    }
    if (terms.isEmpty()) {
      return 0.0;
    }
    double m = terms.get(0);
    switch (node.aggregation()) {
      case PRODUCT -> {
        for (int i = 1; i < terms.size(); i++) {
          m = round(m * terms.get(i));
        }
      }
      case MAX -> {
        for (int i = 1; i < terms.size(); i++) {
          m = Math.max(m, terms.get(i));
        }
      }
      case MIN -> {
        for (int i = 1; i < terms.size(); i++) {
          m = Math.min(m, terms.get(i));
        }
      }
      case MEAN -> {
        double sum = 0.0;
        for (double t : terms) {
          sum = round(sum + t);
        }
        m = round(sum / terms.size());
      }
      case MAXABS -> {
        for (int i = 1; i < terms.size(); i++) {
          if (Math.abs(terms.get(i)) > Math.abs(m)) {
            m = terms.get(i);
          }
        }
      }
      case SUM -> throw new AssertionError("handled above");
    }
    return m;
  }

  /** The value edge {@code e} reads from element {@code j} of its source, at its delay. */
  private double read(Edge e, int j, double[] x) {
    Port from = e.from();
    int d = schedule.effectiveDelay(e.index());
    int element = from.offset() + j;
    if (from.isNode()) {
      return d == 0 ? now[from.index()][element] : past[from.index()][d - 1][element];
    }
    return d == 0
        ? x[featureOffsets[from.index()] + element]
        : inputPast[from.index()][d - 1][element];
  }

  private static double activate(Node node, double x) {
    Activation a = node.activation();
    return switch (a) {
      case IDENTITY -> Activations.identity(x);
      case TANH -> Activations.tanh(x);
      case SIGMOID -> Activations.sigmoid(x);
      case RELU -> Activations.relu(x);
      case LEAKY_RELU -> Activations.leakyRelu(x, node.alpha());
      case ELU -> Activations.elu(x, node.alpha());
      case SOFTPLUS -> Activations.softplus(x);
      case SIN -> Activations.sin(x);
      case GAUSS -> Activations.gauss(x);
      case STEP -> Activations.step(x);
      case ABS -> Activations.abs(x);
      case SQUARE -> Activations.square(x);
      case CLAMP -> Activations.clamp(x);
      case EXP -> Activations.exp(x);
    };
  }

  /** Rounds to the model's precision: identity for double, to the nearest float for float. */
  private double round(double value) {
    return single ? (double) (float) value : value;
  }

  @Override
  public double[] saveState() {
    double[] state = new double[schedule.stateSize()];
    int at = 0;
    for (Node n : graph.nodes()) {
      for (double[] block : past[n.index()]) {
        System.arraycopy(block, 0, state, at, block.length);
        at += block.length;
      }
    }
    for (double[][] blocks : inputPast) {
      for (double[] block : blocks) {
        System.arraycopy(block, 0, state, at, block.length);
        at += block.length;
      }
    }
    return state;
  }

  @Override
  public void loadState(double[] state) {
    if (state.length != schedule.stateSize()) {
      throw new IllegalArgumentException(
          "state has " + state.length + " values, this model's has " + schedule.stateSize());
    }
    int at = 0;
    for (Node n : graph.nodes()) {
      for (double[] block : past[n.index()]) {
        System.arraycopy(state, at, block, 0, block.length);
        at += block.length;
      }
    }
    for (double[][] blocks : inputPast) {
      for (double[] block : blocks) {
        System.arraycopy(state, at, block, 0, block.length);
        at += block.length;
      }
    }
  }

}
