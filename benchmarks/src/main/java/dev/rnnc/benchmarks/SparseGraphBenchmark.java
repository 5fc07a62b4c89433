package dev.rnnc.benchmarks;

import dev.rnnc.compiler.Model;
import dev.rnnc.runtime.Evaluator;
import java.util.SplittableRandom;
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

/**
 * Random sparse scalar graphs ({@link SparseGraphs}: cycles, auto and explicit delays, mixed
 * activations): generated code (exact, and {@code math: fast}) against the reference interpreter,
 * one step of a stream per call and whole sequences of {@value #LENGTH} steps (time per step). At
 * setup, exact generated code and the interpreter are checked to agree bit for bit, and fast code
 * to stay within 1e-5 of them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SparseGraphBenchmark {

  /** Steps of one sequence. */
  public static final int LENGTH = 1000;

  /** The graph and its input sequence. */
  @State(Scope.Thread)
  public static class Graph {

    /** Neurons/edges. */
    @Param({"100/1000", "1000/10000"})
    public String size;

    Model model;
    Model fast;
    double[][] xs;
    double[] out;
    int t;

    @Setup(Level.Trial)
    public void setup() {
      String[] parts = size.split("/");
      int neurons = Integer.parseInt(parts[0]);
      int edges = Integer.parseInt(parts[1]);
      Workloads files = Workloads.create();
      try {
        String name = "Sparse" + neurons + "x" + edges;
        model =
            Workloads.load(
                files.write(name + ".yaml", SparseGraphs.spec(name, neurons, edges, 7L)));
        fast =
            Workloads.load(
                files.write(
                    name + "Fast.yaml",
                    SparseGraphs.spec(name + "Fast", neurons, edges, 7L, "fast")));
      } finally {
        files.close();
      }
      SplittableRandom random = new SplittableRandom(42);
      xs = new double[LENGTH][SparseGraphs.FEATURES];
      for (double[] x : xs) {
        for (int j = 0; j < x.length; j++) {
          x[j] = 2 * random.nextDouble() - 1;
        }
      }
      out = new double[model.graph().outputCount()];
      check();
    }

    /** Fails unless generated code and interpreter agree bit for bit over a sequence. */
    private void check() {
      Evaluator g = Workloads.generated(model);
      Evaluator i = Workloads.interpreter(model);
      Evaluator f = Workloads.generated(fast);
      double[] a = new double[out.length];
      double[] b = new double[out.length];
      double[] c = new double[out.length];
      for (int s = 0; s < LENGTH; s++) {
        g.step(xs[s], a);
        i.step(xs[s], b);
        f.step(xs[s], c);
        for (int k = 0; k < a.length; k++) {
          if (!(Math.abs(c[k] - b[k]) <= 1e-5)) {
            throw new IllegalStateException(
                "math: fast is off by " + Math.abs(c[k] - b[k]) + " at step " + s);
          }
          if (Double.doubleToLongBits(a[k]) != Double.doubleToLongBits(b[k])) {
            throw new IllegalStateException("generated and interpreted differ at step " + s);
          }
          if (!Double.isFinite(a[k])) {
            throw new IllegalStateException("the graph blew up at step " + s);
          }
        }
      }
    }

    int next() {
      int s = t;
      t = s + 1 == LENGTH ? 0 : s + 1;
      return s;
    }
  }

  /** Generated code. */
  @State(Scope.Thread)
  public static class Generated {
    Evaluator evaluator;

    @Setup(Level.Trial)
    public void setup(Graph g) {
      evaluator = Workloads.generated(g.model);
    }
  }

  /** Generated code, {@code math: fast}. */
  @State(Scope.Thread)
  public static class GeneratedFast {
    Evaluator evaluator;

    @Setup(Level.Trial)
    public void setup(Graph g) {
      evaluator = Workloads.generated(g.fast);
    }
  }

  /** The reference interpreter. */
  @State(Scope.Thread)
  public static class Interpreted {
    Evaluator evaluator;

    @Setup(Level.Trial)
    public void setup(Graph g) {
      evaluator = Workloads.interpreter(g.model);
    }
  }

  @Benchmark
  public double generatedStep(Graph g, Generated e) {
    e.evaluator.step(g.xs[g.next()], g.out);
    return g.out[0];
  }

  @Benchmark
  public double generatedFastStep(Graph g, GeneratedFast e) {
    e.evaluator.step(g.xs[g.next()], g.out);
    return g.out[0];
  }

  @Benchmark
  public double interpreterStep(Graph g, Interpreted e) {
    e.evaluator.step(g.xs[g.next()], g.out);
    return g.out[0];
  }

  @Benchmark
  @OperationsPerInvocation(LENGTH)
  public double generatedSequence(Graph g, Generated e) {
    return sequence(g, e.evaluator);
  }

  @Benchmark
  @OperationsPerInvocation(LENGTH)
  public double generatedFastSequence(Graph g, GeneratedFast e) {
    return sequence(g, e.evaluator);
  }

  @Benchmark
  @OperationsPerInvocation(LENGTH)
  public double interpreterSequence(Graph g, Interpreted e) {
    return sequence(g, e.evaluator);
  }

  private static double sequence(Graph g, Evaluator evaluator) {
    evaluator.reset();
    for (double[] x : g.xs) {
      evaluator.step(x, g.out);
    }
    return g.out[0];
  }
}
