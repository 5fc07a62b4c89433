package dev.rnnc.compiler.train;

import dev.rnnc.compiler.generate.InMemoryCompiler;
import dev.rnnc.compiler.ir.Activation;
import dev.rnnc.compiler.ir.Graph;
import dev.rnnc.compiler.ir.Node;
import dev.rnnc.compiler.ir.Port;
import dev.rnnc.compiler.schedule.Schedule;
import dev.rnnc.compiler.schedule.StateLayout;
import dev.rnnc.runtime.ModelInfo.Precision;
import java.util.List;

/**
 * Training with the model's generated {@link Kernel}: copies the parameters into one flat array,
 * lays the saved state out as the rows before the chunk, and lets the kernel run the steps forward
 * and backward. Gives exactly {@link Bptt}'s bits.
 */
public final class KernelBptt implements Engine {

  private final Schedule schedule;
  private final Graph graph;
  private final StateLayout layout;
  private final Parameters params;
  private final Kernel kernel;
  private final boolean single;
  private final int[] weightOffset;
  private final int[] biasOffset;
  private final int[] nodeOffset;
  private final int parameterCount;
  private final int elements;
  private final int history;

  private record Data(double[] p, double[][] x, double[][] y, double[][] pre, int h) {}

  /**
   * Buffers reused from chunk to chunk (a pass is valid until the next forward): after the first
   * chunk of a length, training allocates nothing per step.
   */
  private double[] p;

  private double[][] x;
  private double[][] y;
  private double[][] pre;
  private double[][] gy;
  private double[] g;
  private double[][] outputs;
  private double[] after;
  private Data data;

  private void ensure(int steps, int stateSize) {
    int rows = history + steps;
    if (x == null || x.length < rows) {
      x = new double[rows][graph.featureCount()];
      y = new double[rows][elements];
      pre = new double[rows][elements];
      gy = new double[rows][elements];
      p = new double[parameterCount];
      g = new double[parameterCount];
      data = new Data(p, x, y, pre, history);
    }
    if (outputs == null || outputs.length != steps) {
      outputs = new double[steps][graph.outputCount()];
    }
    if (after == null || after.length != stateSize) {
      after = new double[stateSize];
    }
  }

  /** Generates, compiles and loads the model's kernel. */
  public static KernelBptt of(Schedule schedule, Parameters params) {
    List<Class<?>> loaded =
        InMemoryCompiler.withClassesOf(List.of(), Kernel.class, Activation.class)
            .load(List.of(KernelWriter.write(schedule)));
    try {
      Kernel kernel = (Kernel) loaded.get(0).getConstructor().newInstance();
      return new KernelBptt(schedule, params, kernel);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create the generated kernel", e);
    }
  }

  KernelBptt(Schedule schedule, Parameters params, Kernel kernel) {
    this.schedule = schedule;
    this.graph = schedule.graph();
    this.layout = schedule.layout();
    this.params = params;
    this.kernel = kernel;
    this.single = graph.precision() == Precision.FLOAT;
    FlatLayout flat = new FlatLayout(graph);
    this.weightOffset = flat.weightOffset;
    this.biasOffset = flat.biasOffset;
    this.nodeOffset = flat.nodeOffset;
    int h = 0;
    for (Node n : graph.nodes()) {
      h = Math.max(h, layout.nodeHistory(n.index()));
    }
    for (int i = 0; i < graph.inputs().size(); i++) {
      h = Math.max(h, layout.inputHistory(i));
    }
    this.parameterCount = flat.parameters;
    this.elements = flat.elements;
    this.history = h;
  }

  @Override
  public Bptt.Pass forward(double[][] features, double[] before) {
    int steps = features.length;
    int h = history;
    ensure(steps, before.length);
    for (int e = 0; e < weightOffset.length; e++) {
      double[] w = params.weights(e);
      System.arraycopy(w, 0, p, weightOffset[e], w.length);
    }
    for (Node n : graph.nodes()) {
      System.arraycopy(params.bias(n.index()), 0, p, biasOffset[n.index()], n.size());
    }
    for (Node n : graph.nodes()) {
      int v = n.index();
      for (int d = 1; d <= layout.nodeHistory(v); d++) {
        for (int k = 0; k < n.size(); k++) {
          y[h - d][nodeOffset[v] + k] = before[layout.nodeIndex(v, d, k)];
        }
      }
    }
    for (int i = 0; i < graph.inputs().size(); i++) {
      int width = graph.inputs().get(i).featureCount();
      int offset = graph.featureOffset(i);
      for (int d = 1; d <= layout.inputHistory(i); d++) {
        for (int k = 0; k < width; k++) {
          x[h - d][offset + k] = before[layout.inputIndex(i, d, k)];
        }
      }
    }
    for (int t = 0; t < steps; t++) {
      if (features[t].length != graph.featureCount()) {
        throw new IllegalArgumentException(
            "expected " + graph.featureCount() + " features, got " + features[t].length);
      }
      double[] row = x[h + t];
      for (int f = 0; f < row.length; f++) {
        row[f] = single ? (double) (float) features[t][f] : features[t][f];
      }
    }
    kernel.forward(p, x, y, pre, h, steps);
    for (int t = 0; t < steps; t++) {
      int column = 0;
      for (Port o : graph.outputs()) {
        for (int k = 0; k < o.size(); k++) {
          outputs[t][column++] = y[h + t][nodeOffset[o.index()] + o.offset() + k];
        }
      }
    }
    // "before" may be the previous pass's "after": it has been read in full by now.
    for (Node n : graph.nodes()) {
      int v = n.index();
      for (int d = 1; d <= layout.nodeHistory(v); d++) {
        for (int k = 0; k < n.size(); k++) {
          after[layout.nodeIndex(v, d, k)] = y[h + steps - d][nodeOffset[v] + k];
        }
      }
    }
    for (int i = 0; i < graph.inputs().size(); i++) {
      int width = graph.inputs().get(i).featureCount();
      int offset = graph.featureOffset(i);
      for (int d = 1; d <= layout.inputHistory(i); d++) {
        for (int k = 0; k < width; k++) {
          after[layout.inputIndex(i, d, k)] = x[h + steps - d][offset + k];
        }
      }
    }
    return new Bptt.Pass(null, null, null, before, outputs, after, data);
  }

  /**
   * {@code pass} as the reference engine keeps one: arrays of its own, one row per step, still
   * valid after the next forward pass (for {@link Bptt#read}).
   */
  Bptt.Pass materialize(Bptt.Pass pass) {
    Data d = (Data) pass.engineData;
    int steps = pass.steps();
    double[][] xs = new double[steps][];
    double[][] ys = new double[steps][];
    double[][] pres = new double[steps][];
    double[][] outs = new double[steps][];
    for (int t = 0; t < steps; t++) {
      xs[t] = d.x()[d.h() + t].clone();
      ys[t] = d.y()[d.h() + t].clone();
      pres[t] = d.pre()[d.h() + t].clone();
      outs[t] = pass.outputs[t].clone();
    }
    return new Bptt.Pass(xs, pres, ys, pass.before, outs, pass.after.clone(), null);
  }

  @Override
  public void backward(Bptt.Pass pass, double[][] dOutputs, Parameters gradient) {
    if (pass.engineData != data) {
      throw new IllegalStateException("a kernel pass is only valid until the next forward");
    }
    int h = history;
    int steps = pass.steps();
    for (int r = 0; r < h + steps; r++) {
      java.util.Arrays.fill(gy[r], 0.0);
    }
    for (int t = 0; t < steps; t++) {
      int column = 0;
      for (Port o : graph.outputs()) {
        for (int k = 0; k < o.size(); k++) {
          gy[h + t][nodeOffset[o.index()] + o.offset() + k] += dOutputs[t][column++];
        }
      }
    }
    java.util.Arrays.fill(g, 0.0);
    kernel.backward(p, x, y, pre, gy, g, h, steps);
    // Arrays in parameter order: every edge's weights, then every node's bias.
    for (int k = 0; k < gradient.arrays(); k++) {
      double[] into = gradient.array(k);
      boolean[] frozen = gradient.frozen(k);
      int offset = k < weightOffset.length ? weightOffset[k] : biasOffset[k - weightOffset.length];
      for (int i = 0; i < into.length; i++) {
        if (frozen == null || !frozen[i]) {
          into[i] += g[offset + i];
        }
      }
    }
  }
}
