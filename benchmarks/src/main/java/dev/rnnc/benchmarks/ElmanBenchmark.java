package dev.rnnc.benchmarks;

import ai.onnxruntime.OrtException;
import dev.rnnc.compiler.Model;
import dev.rnnc.compiler.diag.Diagnostics;
import dev.rnnc.compiler.diag.SourcePosition;
import dev.rnnc.compiler.weights.ArrayFiles;
import dev.rnnc.runtime.Evaluator;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * One Elman layer ({@code torch.nn.RNN}, tanh, input 32, H hidden units, batch 1), the same weights
 * everywhere: generated code (double, float, and {@code math: fast}), the reference interpreter, a
 * hand-written Java loop, EJML and ONNX Runtime (float32). {@code *Step} methods advance a stream
 * by one step per call; {@code *Sequence} methods run a whole sequence of {@value #LENGTH} steps
 * from the initial state, and report time per step ({@code OperationsPerInvocation}). Each
 * competitor is checked against a float64 NumPy reference at setup.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ElmanBenchmark {

  /** Steps of one sequence. */
  public static final int LENGTH = 1000;

  /** The network size and the input sequence every competitor reads. */
  @State(Scope.Thread)
  public static class Net {

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
      xf = inputs(42);
      xs = widened(xf);
      out = new double[hidden];
      outf = new float[hidden];
    }

    /** The next input of the stream (cycling through the sequence). */
    int next() {
      int s = t;
      t = s + 1 == LENGTH ? 0 : s + 1;
      return s;
    }

    Model load(String precision, String math) {
      return Workloads.load(files.elmanSpec(hidden, precision, math));
    }

    /** Fails unless {@code step} reproduces the NumPy reference state after five steps. */
    void check(String who, double tolerance, CheckStep step) {
      checkAgainst(files.elmanCheck(hidden), hidden, who, tolerance, step);
    }

    /**
     * The evaluator {@code make} builds for the model of that precision and math mode, checked
     * against NumPy and reset to its initial state.
     */
    Evaluator checked(
        String who,
        double tolerance,
        String precision,
        String math,
        Function<Model, Evaluator> make) {
      Evaluator evaluator = make.apply(load(precision, math));
      check(who, tolerance, evaluator::step);
      evaluator.reset();
      return evaluator;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      files.close();
    }
  }

  /**
   * Fails unless {@code step}, from its initial state, reproduces the float64 reference state in
   * {@code expectedFile} (hidden values) after five steps of {@link Workloads#checkInput}.
   */
  static void checkAgainst(
      Path expectedFile, int hidden, String who, double tolerance, CheckStep step) {
    double[] expected =
        ArrayFiles.read(expectedFile, SourcePosition.startOf(Path.of("check")), new Diagnostics())
            .orElseThrow()
            .data();
    double[] x = new double[Workloads.ELMAN_INPUT];
    double[] h = new double[hidden];
    try {
      for (int s = 0; s < 5; s++) {
        for (int j = 0; j < x.length; j++) {
          x[j] = Workloads.checkInput(s, j);
        }
        step.step(x, h);
      }
    } catch (Exception e) {
      throw new IllegalStateException(who + " failed", e);
    }
    for (int i = 0; i < hidden; i++) {
      if (!(Math.abs(h[i] - expected[i]) <= tolerance)) {
        throw new IllegalStateException(
            who + " disagrees with NumPy at h[" + i + "]: " + h[i] + " vs " + expected[i]);
      }
    }
  }

  /**
   * A sequence of {@link #LENGTH} inputs of {@link Workloads#ELMAN_INPUT} values in [-1, 1), as
   * floats, so that every competitor (double or float) reads the same numbers.
   */
  static float[][] inputs(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] xf = new float[LENGTH][Workloads.ELMAN_INPUT];
    for (float[] row : xf) {
      for (int j = 0; j < row.length; j++) {
        row[j] = (float) (2 * random.nextDouble() - 1);
      }
    }
    return xf;
  }

  /** The same values as doubles. */
  static double[][] widened(float[][] xf) {
    double[][] xs = new double[xf.length][];
    for (int s = 0; s < xf.length; s++) {
      xs[s] = new double[xf[s].length];
      for (int j = 0; j < xf[s].length; j++) {
        xs[s][j] = xf[s][j];
      }
    }
    return xs;
  }

  /** A step of a competitor, for the setup check. */
  interface CheckStep {
    void step(double[] x, double[] h) throws Exception;
  }

  /** Generated code, {@code precision: double}, exact (the default). */
  @State(Scope.Thread)
  public static class Generated {
    Evaluator evaluator;

    @Setup(Level.Trial)
    public void setup(Net net) {
      evaluator = net.checked("generated", 1e-12, "double", "exact", Workloads::generated);
    }
  }

  /** Generated code, {@code precision: float}, exact. */
  @State(Scope.Thread)
  public static class GeneratedFloat {
    Evaluator evaluator;

    @Setup(Level.Trial)
    public void setup(Net net) {
      evaluator = net.checked("generated float", 1e-4, "float", "exact", Workloads::generated);
    }
  }

  /** Generated code, {@code precision: double}, {@code math: fast}. */
  @State(Scope.Thread)
  public static class GeneratedFast {
    Evaluator evaluator;

    @Setup(Level.Trial)
    public void setup(Net net) {
      evaluator = net.checked("generated fast", 1e-6, "double", "fast", Workloads::generated);
    }
  }

  /** Generated code, {@code precision: float}, {@code math: fast}. */
  @State(Scope.Thread)
  public static class GeneratedFloatFast {
    Evaluator evaluator;

    @Setup(Level.Trial)
    public void setup(Net net) {
      evaluator = net.checked("generated float fast", 1e-4, "float", "fast", Workloads::generated);
    }
  }

  /** The reference interpreter, {@code precision: double}. */
  @State(Scope.Thread)
  public static class Interpreted {
    Evaluator evaluator;

    @Setup(Level.Trial)
    public void setup(Net net) {
      evaluator = net.checked("interpreter", 1e-12, "double", "exact", Workloads::interpreter);
    }
  }

  /** The hand-written loop. */
  @State(Scope.Thread)
  public static class Naive {
    NaiveElman net;

    @Setup(Level.Trial)
    public void setup(Net n) {
      net = new NaiveElman(n.load("double", "exact"));
      n.check("naive", 1e-12, net::step);
      net.reset();
    }
  }

  /** EJML. */
  @State(Scope.Thread)
  public static class Ejml {
    EjmlElman net;

    @Setup(Level.Trial)
    public void setup(Net n) {
      net = new EjmlElman(n.load("double", "exact"));
      n.check("EJML", 1e-12, net::step);
      net.reset();
    }
  }

  /** ONNX Runtime, float32. */
  @State(Scope.Thread)
  public static class Onnx {
    OnnxElman net;

    @Setup(Level.Trial)
    public void setup(Net n) throws OrtException {
      n.load("double", "exact");
      net = new OnnxElman(n.files.elmanOnnx(n.hidden), n.hidden, Workloads.ELMAN_INPUT, LENGTH);
      n.check("ONNX Runtime", 1e-4, net.asCheckStep(Workloads.ELMAN_INPUT));
      net.reset();
      net.setSequence(n.xf);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
      net.close();
    }
  }

  // ---------------------------------------------------------------- one step of a stream

  @Benchmark
  public double generatedStep(Net net, Generated g) {
    g.evaluator.step(net.xs[net.next()], net.out);
    return net.out[0];
  }

  @Benchmark
  public double generatedFloatStep(Net net, GeneratedFloat g) {
    g.evaluator.step(net.xs[net.next()], net.out);
    return net.out[0];
  }

  @Benchmark
  public double generatedFastStep(Net net, GeneratedFast g) {
    g.evaluator.step(net.xs[net.next()], net.out);
    return net.out[0];
  }

  @Benchmark
  public double generatedFloatFastStep(Net net, GeneratedFloatFast g) {
    g.evaluator.step(net.xs[net.next()], net.out);
    return net.out[0];
  }

  @Benchmark
  public double interpreterStep(Net net, Interpreted i) {
    i.evaluator.step(net.xs[net.next()], net.out);
    return net.out[0];
  }

  @Benchmark
  public double naiveStep(Net net, Naive n) {
    n.net.step(net.xs[net.next()], net.out);
    return net.out[0];
  }

  @Benchmark
  public double ejmlStep(Net net, Ejml e) {
    e.net.step(net.xs[net.next()], net.out);
    return net.out[0];
  }

  @Benchmark
  public float onnxStep(Net net, Onnx o) throws OrtException {
    o.net.step(net.xf[net.next()], net.outf);
    return net.outf[0];
  }

  // ---------------------------------------------------------------- whole sequences

  @Benchmark
  @OperationsPerInvocation(LENGTH)
  public double generatedSequence(Net net, Generated g) {
    return sequence(net, g.evaluator);
  }

  @Benchmark
  @OperationsPerInvocation(LENGTH)
  public double generatedFloatSequence(Net net, GeneratedFloat g) {
    return sequence(net, g.evaluator);
  }

  @Benchmark
  @OperationsPerInvocation(LENGTH)
  public double generatedFastSequence(Net net, GeneratedFast g) {
    return sequence(net, g.evaluator);
  }

  @Benchmark
  @OperationsPerInvocation(LENGTH)
  public double generatedFloatFastSequence(Net net, GeneratedFloatFast g) {
    return sequence(net, g.evaluator);
  }

  @Benchmark
  @OperationsPerInvocation(LENGTH)
  public double interpreterSequence(Net net, Interpreted i) {
    return sequence(net, i.evaluator);
  }

  @Benchmark
  @OperationsPerInvocation(LENGTH)
  public double naiveSequence(Net net, Naive n) {
    n.net.reset();
    double[][] xs = net.xs;
    double[] out = net.out;
    for (int s = 0; s < LENGTH; s++) {
      n.net.step(xs[s], out);
    }
    return out[0];
  }

  @Benchmark
  @OperationsPerInvocation(LENGTH)
  public double ejmlSequence(Net net, Ejml e) {
    e.net.reset();
    double[][] xs = net.xs;
    double[] out = net.out;
    for (int s = 0; s < LENGTH; s++) {
      e.net.step(xs[s], out);
    }
    return out[0];
  }

  @Benchmark
  @OperationsPerInvocation(LENGTH)
  public float onnxSequence(Onnx o) throws OrtException {
    o.net.sequence();
    return o.net.sequenceOutput(LENGTH - 1, 0);
  }

  private static double sequence(Net net, Evaluator evaluator) {
    evaluator.reset();
    double[][] xs = net.xs;
    double[] out = net.out;
    for (int s = 0; s < LENGTH; s++) {
      evaluator.step(xs[s], out);
    }
    return out[0];
  }
}
