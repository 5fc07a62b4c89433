package dev.rnnc.benchmarks;

import ai.onnxruntime.OrtException;
import dev.rnnc.runtime.Evaluator;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * LSTM and GRU layers ({@code torch.nn.LSTM}/{@code nn.GRU} exported by {@code
 * onnx/export_cells.py}, input 32) as {@code cell:} groups: generated code in double and float
 * against ONNX Runtime (float32, one thread, pinned tensors) and a hand-written Java loop, per step
 * of a stream and per step of a 1000-step sequence. Every competitor is checked against a NumPy
 * reference at setup.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CellBenchmark {

  /** Steps of one sequence. */
  public static final int LENGTH = 1000;

  /** The layer and the input sequence every competitor reads. */
  @State(Scope.Thread)
  public static class Layer {

    @Param({"lstm", "gru"})
    public String kind;

    @Param({"16", "64", "256"})
    public int hidden;

    Workloads files;
    double[][] xs;
    float[][] xf;
    double[] out;
    float[] outf;
    int t;

    @Setup(Level.Trial)
    public void setup() {
      files = Workloads.create();
      xf = ElmanBenchmark.inputs(43);
      xs = ElmanBenchmark.widened(xf);
      out = new double[hidden];
      outf = new float[hidden];
    }

    int next() {
      int s = t;
      t = s + 1 == LENGTH ? 0 : s + 1;
      return s;
    }

    Path spec(String precision) {
      return spec(precision, "exact");
    }

    Path spec(String precision, String math) {
      return files.cellSpec(kind, hidden, precision, math);
    }

    /** Fails unless {@code step} reproduces NumPy's h after five steps of the check input. */
    void check(String who, double tolerance, ElmanBenchmark.CheckStep step) {
      ElmanBenchmark.checkAgainst(files.cellCheck(kind, hidden), hidden, who, tolerance, step);
    }

    Evaluator generated(String precision, String math, double tolerance) {
      Evaluator e = Workloads.generated(Workloads.load(spec(precision, math)));
      check("generated " + precision + " " + math, tolerance, e::step);
      e.reset();
      return e;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      files.close();
    }
  }

  /** Generated code, double. */
  @State(Scope.Thread)
  public static class Generated {
    Evaluator evaluator;

    @Setup(Level.Trial)
    public void setup(Layer layer) {
      evaluator = layer.generated("double", "exact", 1e-12);
    }
  }

  /** Generated code, float. */
  @State(Scope.Thread)
  public static class GeneratedFloat {
    Evaluator evaluator;

    @Setup(Level.Trial)
    public void setup(Layer layer) {
      evaluator = layer.generated("float", "exact", 1e-4);
    }
  }

  /** Generated code, double, {@code math: fast}. */
  @State(Scope.Thread)
  public static class GeneratedFast {
    Evaluator evaluator;

    @Setup(Level.Trial)
    public void setup(Layer layer) {
      evaluator = layer.generated("double", "fast", 1e-6);
    }
  }

  /** Generated code, float, {@code math: fast}. */
  @State(Scope.Thread)
  public static class GeneratedFloatFast {
    Evaluator evaluator;

    @Setup(Level.Trial)
    public void setup(Layer layer) {
      evaluator = layer.generated("float", "fast", 1e-4);
    }
  }

  /** The hand-written loop, double. */
  @State(Scope.Thread)
  public static class Naive {
    NaiveCell net;

    @Setup(Level.Trial)
    public void setup(Layer layer) {
      net = new NaiveCell(Workloads.load(layer.spec("double")));
      layer.check("naive", 1e-12, net::step);
      net.reset();
    }
  }

  /** ONNX Runtime, float32. */
  @State(Scope.Thread)
  public static class Onnx {
    OnnxElman net;

    @Setup(Level.Trial)
    public void setup(Layer layer) throws OrtException {
      layer.spec("double");
      net =
          new OnnxElman(
              layer.files.cellOnnx(layer.kind, layer.hidden),
              layer.hidden,
              Workloads.ELMAN_INPUT,
              LENGTH,
              layer.kind.equals("lstm"));
      layer.check("ONNX Runtime", 1e-4, net.asCheckStep(Workloads.ELMAN_INPUT));
      net.reset();
      net.setSequence(layer.xf);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
      net.close();
    }
  }

  @Benchmark
  public double generatedStep(Layer layer, Generated g) {
    g.evaluator.step(layer.xs[layer.next()], layer.out);
    return layer.out[0];
  }

  @Benchmark
  public double generatedFloatStep(Layer layer, GeneratedFloat g) {
    g.evaluator.step(layer.xs[layer.next()], layer.out);
    return layer.out[0];
  }

  @Benchmark
  public double generatedFastStep(Layer layer, GeneratedFast g) {
    g.evaluator.step(layer.xs[layer.next()], layer.out);
    return layer.out[0];
  }

  @Benchmark
  public double generatedFloatFastStep(Layer layer, GeneratedFloatFast g) {
    g.evaluator.step(layer.xs[layer.next()], layer.out);
    return layer.out[0];
  }

  @Benchmark
  public double naiveStep(Layer layer, Naive n) {
    n.net.step(layer.xs[layer.next()], layer.out);
    return layer.out[0];
  }

  @Benchmark
  public float onnxStep(Layer layer, Onnx o) throws OrtException {
    o.net.step(layer.xf[layer.next()], layer.outf);
    return layer.outf[0];
  }

  @Benchmark
  @OperationsPerInvocation(LENGTH)
  public double generatedSequence(Layer layer, Generated g) {
    return sequence(layer, g.evaluator);
  }

  @Benchmark
  @OperationsPerInvocation(LENGTH)
  public double generatedFloatSequence(Layer layer, GeneratedFloat g) {
    return sequence(layer, g.evaluator);
  }

  @Benchmark
  @OperationsPerInvocation(LENGTH)
  public double generatedFastSequence(Layer layer, GeneratedFast g) {
    return sequence(layer, g.evaluator);
  }

  @Benchmark
  @OperationsPerInvocation(LENGTH)
  public double generatedFloatFastSequence(Layer layer, GeneratedFloatFast g) {
    return sequence(layer, g.evaluator);
  }

  @Benchmark
  @OperationsPerInvocation(LENGTH)
  public double naiveSequence(Layer layer, Naive n) {
    n.net.reset();
    for (int s = 0; s < LENGTH; s++) {
      n.net.step(layer.xs[s], layer.out);
    }
    return layer.out[0];
  }

  @Benchmark
  @OperationsPerInvocation(LENGTH)
  public float onnxSequence(Onnx o) throws OrtException {
    o.net.sequence();
    return o.net.sequenceOutput(LENGTH - 1, 0);
  }

  private static double sequence(Layer layer, Evaluator evaluator) {
    evaluator.reset();
    for (int s = 0; s < LENGTH; s++) {
      evaluator.step(layer.xs[s], layer.out);
    }
    return layer.out[0];
  }
}
